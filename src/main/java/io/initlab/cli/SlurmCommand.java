package io.initlab.cli;

import io.initlab.study.RunSpec;
import io.initlab.study.SlurmScripts;
import io.initlab.study.Study;
import io.initlab.study.StudyLoader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes (and submits) a study as a Slurm job array plus a dependent report job. */
@Command(name = "slurm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a study on a Slurm cluster: writes OUT/slurm/NAME.sbatch, a job array whose task I runs",
                "shard I of N (initlab run FILE --shard I/N --out OUT), and OUT/slurm/NAME-report.sbatch, a job",
                "that writes the report after every task succeeded (--dependency=afterok). --submit submits both.",
                "Every node must see the launcher, the study file and OUT at the same paths (a shared filesystem)."})
final class SlurmCommand implements Callable<Integer> {

    @Parameters(paramLabel = "STUDY.yaml", description = "the experiment file")
    Path file;

    @Option(names = "--shards", required = true, description = "array tasks, each running one shard of the runs")
    int shards;

    @Option(names = "--partition", description = "Slurm partition (default: the cluster's)")
    String partition;

    @Option(names = "--time", description = "time limit per task, e.g. 2:00:00 (default: the partition's)")
    String time;

    @Option(names = "--cpus-per-task", description = "CPUs per task; the task trains that many runs at once (default: the cluster's, usually 1)")
    Integer cpus;

    @Option(names = "--out", description = "results folder shared by the shards (default: results/NAME next to the experiments folder)")
    Path out;

    @Option(names = "--launcher", description = "bin/initlab as every node sees it (default: the launcher running this command)")
    Path launcher;

    @Option(names = "--max-runs", defaultValue = "" + StudyLoader.DEFAULT_MAX_RUNS,
            description = "refuse a study of more runs than this (default: ${DEFAULT-VALUE})")
    long maxRuns;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--dry-run", description = "print the two scripts, write and submit nothing")
        boolean dryRun;

        @Option(names = "--submit", description = "write the scripts and submit them with sbatch")
        boolean submit;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (shards < 1) throw new IllegalArgumentException("--shards must be >= 1, not " + shards);
        if (cpus != null && cpus < 1) throw new IllegalArgumentException("--cpus-per-task must be >= 1, not " + cpus);
        Study s = StudyLoader.load(file, maxRuns);
        int runs = RunSpec.expand(s).size();
        Path dir = (out != null ? out : RunCommand.defaultOut(s)).toAbsolutePath().normalize();
        String data = System.getenv("INITLAB_DATA");
        SlurmScripts scripts = new SlurmScripts(s.name(), file.toAbsolutePath().normalize(), dir, launcher(), shards,
                partition, time, cpus, data == null || data.isBlank() ? null : Path.of(data).toAbsolutePath().normalize());
        if (mode.dryRun) {
            System.out.print("# " + scripts.arrayScript() + "\n" + scripts.array() + "\n# " + scripts.reportScript() + "\n"
                    + scripts.report());
            return 0;
        }
        if (mode.submit && !onPath("sbatch")) {
            throw new IllegalArgumentException("sbatch is not on PATH: submit from a Slurm login node, or leave out "
                    + "--submit to only write the scripts");
        }
        Files.createDirectories(scripts.folder());
        Files.writeString(scripts.arrayScript(), scripts.array(), StandardCharsets.UTF_8);
        Files.writeString(scripts.reportScript(), scripts.report(), StandardCharsets.UTF_8);
        String shardsNote = shards > runs ? " (" + (shards - runs) + " of them empty: the study has " + runs + " runs)" : "";
        if (!mode.submit) {
            System.out.println("wrote " + scripts.arrayScript() + " (" + runs + " runs in " + shards + " tasks" + shardsNote + ") and "
                    + scripts.reportScript());
            System.out.println("submit:  id=$(sbatch --parsable " + scripts.arrayScript() + ") && sbatch --dependency=afterok:$id "
                    + scripts.reportScript());
            return 0;
        }
        String array = sbatch(List.of(scripts.arrayScript().toString()));
        String report = sbatch(List.of("--dependency=afterok:" + array, scripts.reportScript().toString()));
        System.out.println("array=" + array + " report=" + report + " shards=" + shards + " runs=" + runs + " results=" + dir);
        System.out.println("submitted job array " + array + " (" + shards + " tasks" + shardsNote + ") and report job " + report
                + " (starts when every task succeeded)");
        System.out.println("follow:  squeue --jobs=" + array + "," + report);
        System.out.println("         sacct --jobs=" + array + "," + report + " --format=JobID,JobName,State,ExitCode,Elapsed");
        System.out.println("         " + scripts.launcher() + " status " + dir);
        System.out.println("logs:    " + scripts.folder() + "/");
        System.out.println("a failed task I: sbatch --array=I " + scripts.arrayScript() + " (finished runs are kept), then "
                + scripts.launcher() + " report " + dir + " (scancel " + report + ": it waits for a success that never comes)");
        return 0;
    }

    /** The launcher the nodes will run: --launcher, else bin/initlab of the installation running this. */
    private Path launcher() {
        Path l = launcher;
        if (l == null) {
            String home = System.getProperty("initlab.home");
            if (home == null) {
                throw new IllegalArgumentException("cannot tell where the launcher bin/initlab is: run this through "
                        + "bin/initlab (scripts/setup.sh writes it), or give --launcher PATH");
            }
            l = Path.of(home, "bin", "initlab");
        }
        l = l.toAbsolutePath().normalize();
        if (!Files.isRegularFile(l) || !Files.isExecutable(l)) {
            throw new IllegalArgumentException("the launcher " + l + " is missing or not executable: run scripts/setup.sh "
                    + "(it builds target/initlab.jar and writes bin/initlab), or give --launcher PATH");
        }
        return l;
    }

    private static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, exe))) return true;
        }
        return false;
    }

    /** sbatch --parsable ARGS: the job id, or one line with sbatch's reason. */
    private static String sbatch(List<String> args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(args);
        Path err = Files.createTempFile("initlab-sbatch", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalArgumentException(String.join(" ", command) + " did not answer within 60 s");
            }
            String errText = Files.readString(err).strip();
            if (p.exitValue() != 0 || !outText.matches("[0-9]+(;.*)?")) {
                String last = errText.isEmpty() ? outText : errText.lines().reduce((a, b) -> b).orElse("");
                throw new IllegalArgumentException(String.join(" ", command) + " failed: " + last);
            }
            return outText.split(";")[0];
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
