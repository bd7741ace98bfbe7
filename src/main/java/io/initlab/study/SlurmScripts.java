package io.initlab.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two sbatch scripts of {@code initlab slurm}: a job array whose task I runs shard I of N into one
 * shared results folder, and a report job submitted with {@code --dependency=afterok} on the array. Plain
 * bash with {@code #SBATCH} lines and every path absolute, so a user can read, edit and resubmit them.
 *
 * @param launcher  bin/initlab, absolute; every node must see it at this path
 * @param dataRoot  INITLAB_DATA to pass to the jobs, or null (then the launcher's default)
 * @param partition {@code --partition}, or null for the cluster's default (same for time and cpus)
 */
public record SlurmScripts(String study, Path studyFile, Path out, Path launcher, int shards, String partition,
                           String time, Integer cpusPerTask, Path dataRoot) {

    /** Where the scripts and the jobs' logs go: OUT/slurm/ (Slurm does not create the logs' folder). */
    public Path folder() {
        return out.resolve("slurm");
    }

    public Path arrayScript() {
        return folder().resolve(study + ".sbatch");
    }

    public Path reportScript() {
        return folder().resolve(study + "-report.sbatch");
    }

    public String array() {
        List<String> l = new ArrayList<>();
        l.add("#!/bin/bash");
        l.add("# initlab study " + study + " as a Slurm job array: task I runs shard I of " + shards + " (initlab run --shard I/"
                + shards + "),");
        l.add("# all into " + out + "; the last shard to finish writes the tables. Written by 'initlab slurm'; edit freely.");
        l.add("# Submit:        id=$(sbatch --parsable " + arrayScript() + ")");
        l.add("#                sbatch --dependency=afterok:$id " + reportScript());
        l.add("# Follow:        squeue --jobs=$id; sacct --jobs=$id; " + launcher + " status " + out);
        l.add("# Rerun shard I (its finished runs are kept): sbatch --array=I " + arrayScript());
        l.add("#SBATCH --job-name=initlab-" + study);
        l.add("#SBATCH --array=1-" + shards);
        l.add("#SBATCH --output=" + folder().resolve("shard-%a-of-" + shards + ".%A.log"));
        resources(l, cpusPerTask);
        l.add("set -euo pipefail");
        l.add("");
        paths(l);
        l.add("cd \"$OUT\"");
        l.add("# one run per CPU Slurm gave the task, one thread per run");
        l.add("exec \"$INITLAB\" run \"$STUDY\" --shard \"$SLURM_ARRAY_TASK_ID/" + shards
                + "\" --out \"$OUT\" --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --threads 1 --no-progress --no-report");
        return String.join("\n", l) + "\n";
    }

    public String report() {
        List<String> l = new ArrayList<>();
        l.add("#!/bin/bash");
        l.add("# initlab study " + study + ": tables (if the last shard has not written them) and report, after every");
        l.add("# task of the array succeeded (sbatch --dependency=afterok:ARRAY_ID). Written by 'initlab slurm'.");
        l.add("#SBATCH --job-name=initlab-" + study + "-report");
        l.add("#SBATCH --output=" + folder().resolve("report.%j.log"));
        resources(l, 1);
        l.add("set -euo pipefail");
        l.add("");
        paths(l);
        l.add("exec \"$INITLAB\" report \"$OUT\"");
        return String.join("\n", l) + "\n";
    }

    private void resources(List<String> l, Integer cpus) {
        if (partition != null) l.add("#SBATCH --partition=" + partition);
        if (time != null) l.add("#SBATCH --time=" + time);
        if (cpus != null) l.add("#SBATCH --cpus-per-task=" + cpus);
    }

    /** The paths, and one clear line naming whatever of them this node does not see. */
    private void paths(List<String> l) {
        l.add("INITLAB=" + quote(launcher) + "   # the launcher (scripts/setup.sh writes it), at this path on every node");
        l.add("STUDY=" + quote(studyFile));
        l.add("OUT=" + quote(out));
        if (dataRoot != null) l.add("export INITLAB_DATA=\"${INITLAB_DATA:-" + dataRoot + "}\"");
        l.add("for need in \"$INITLAB\" \"$STUDY\" \"$OUT\"; do");
        l.add("  if [ ! -e \"$need\" ]; then");
        l.add("    echo \"initlab: $need is missing on node $(hostname): every node must see it at this path (a shared"
                + " filesystem), or install initlab there at the same path (scripts/setup.sh)\" >&2");
        l.add("    exit 2");
        l.add("  fi");
        l.add("done");
    }

    private static String quote(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }
}
