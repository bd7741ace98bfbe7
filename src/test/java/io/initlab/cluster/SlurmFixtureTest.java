package io.initlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips through scripts/slurm-fixture.sh and a real Slurm: a job array, a job that depends on it
 * with afterok, one whose dependency fails, sacct's lines with --accounting, and stops that leave nothing
 * running. Needs root (it installs Debian's Slurm when missing); fails when Slurm cannot start and
 * CI=true, skips otherwise.
 */
class SlurmFixtureTest {

    private static final Duration JOB_LIMIT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 330, unit = TimeUnit.SECONDS) // a fresh machine first installs the packages
    void arrayThenDependentJobRunAndStopLeavesNothing() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("jobs"));
        List<Long> pids;
        try (SlurmFixture slurm = SlurmFixture.start(tmp, false)) {
            pids = slurm.daemonPids();
            String array = jobId(slurm.run("sbatch", "--parsable", "--array=0-3", "--chdir=" + work,
                    "--output=" + work.resolve("slurm-%A_%a.log"),
                    "--wrap", "echo $SLURM_ARRAY_TASK_ID > out_$SLURM_ARRAY_TASK_ID"));
            String after = jobId(slurm.run("sbatch", "--parsable", "--dependency=afterok:" + array,
                    "--chdir=" + work, "--output=" + work.resolve("slurm-%j.log"), "--wrap", "cat out_* > all"));
            slurm.awaitFinished(JOB_LIMIT, array, after);

            for (int task = 0; task < 4; task++) {
                assertThat(Files.readString(work.resolve("out_" + task))).isEqualTo(task + "\n");
            }
            assertThat(Files.readString(work.resolve("all"))).isEqualTo("0\n1\n2\n3\n");

            List<Map<String, String>> done = slurm.completedJobs();
            List<Map<String, String>> tasks = done.stream().filter(j -> array.equals(j.get("ArrayJobId")))
                    .sorted(Comparator.comparing(j -> j.get("ArrayTaskId"))).toList();
            assertThat(tasks).extracting(j -> j.get("ArrayTaskId")).containsExactly("0", "1", "2", "3");
            assertThat(tasks).allSatisfy(j -> assertThat(j).containsEntry("JobState", "COMPLETED")
                    .containsEntry("ExitCode", "0:0"));
            Map<String, String> dependent = done.stream().filter(j -> after.equals(j.get("JobId"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no jobcomp line for job " + after + ": " + done));
            assertThat(dependent).containsEntry("JobState", "COMPLETED");
            String lastTaskEnd = tasks.stream().map(j -> j.get("EndTime")).max(Comparator.naturalOrder()).orElseThrow();
            assertThat(dependent.get("EligibleTime")).as("afterok waits for every task").isGreaterThanOrEqualTo(lastTaskEnd);

            // a failed task keeps an afterok job pending forever; stop has to cancel it
            String failing = jobId(slurm.run("sbatch", "--parsable", "--array=0-1", "--chdir=" + work,
                    "--output=/dev/null", "--wrap", "exit $SLURM_ARRAY_TASK_ID"));
            String blocked = jobId(slurm.run("sbatch", "--parsable", "--dependency=afterok:" + failing,
                    "--chdir=" + work, "--output=/dev/null", "--wrap", "touch must_not_run"));
            slurm.awaitFinished(JOB_LIMIT, failing);
            awaitReason(slurm, blocked, "DependencyNeverSatisfied");
            assertThat(work.resolve("must_not_run")).doesNotExist();
        }
        assertThat(pids).noneMatch(SlurmFixture::running);
    }

    @Test
    @Timeout(value = 330, unit = TimeUnit.SECONDS) // a fresh machine first installs slurmdbd and MariaDB
    void withAccountingSacctListsTheArrayTasks() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("jobs"));
        List<Long> pids;
        try (SlurmFixture slurm = SlurmFixture.start(tmp, true)) {
            pids = slurm.daemonPids();
            assertThat(pids).as("munged, mariadbd, slurmdbd, slurmctld, slurmd").hasSize(5);
            String array = jobId(slurm.run("sbatch", "--parsable", "--array=0-3", "--chdir=" + work,
                    "--output=/dev/null", "--wrap", "exit $((SLURM_ARRAY_TASK_ID == 2 ? 3 : 0))"));
            slurm.awaitFinished(JOB_LIMIT, array);
            // slurmctld reports finished jobs to slurmdbd asynchronously, so sacct may lag a moment
            String expected = String.join("\n", array + "_0|COMPLETED|0:0", array + "_1|COMPLETED|0:0",
                    array + "_2|FAILED|3:0", array + "_3|COMPLETED|0:0");
            long deadline = System.nanoTime() + JOB_LIMIT.toNanos();
            String lines;
            do {
                lines = slurm.run("sacct", "--noheader", "--parsable2", "--allocations", "--jobs=" + array,
                        "--format=JobID,State,ExitCode").lines().sorted().reduce((a, b) -> a + "\n" + b).orElse("");
                if (lines.equals(expected)) break;
                Thread.sleep(300);
            } while (System.nanoTime() < deadline);
            assertThat(lines).isEqualTo(expected);
        }
        assertThat(pids).noneMatch(SlurmFixture::running);
    }

    @Test
    void badUsageIsOneLine() throws Exception {
        Path script = Path.of("scripts/slurm-fixture.sh").toAbsolutePath();
        Path notFixture = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(notFixture.resolve("x"), "x");
        for (String[] args : List.of(new String[] {"frobnicate"}, new String[] {"stop", notFixture.toString()},
                new String[] {"start", notFixture.toString()})) {
            String[] command = new String[args.length + 2];
            command[0] = "bash";
            command[1] = script.toString();
            System.arraycopy(args, 0, command, 2, args.length);
            SlurmFixture.Result r = SlurmFixture.exec(tmp, Map.of(), Duration.ofSeconds(20), command);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err().strip()).as(String.join(" ", args)).startsWith("slurm-fixture: ").doesNotContain("\n");
        }
        assertThat(notFixture.resolve("x")).exists();
    }

    /** sbatch --parsable prints "ID" or "ID;CLUSTER". */
    private static String jobId(String parsable) {
        String id = parsable.strip().split(";")[0];
        assertThat(id).as("sbatch --parsable output").matches("[0-9]+");
        return id;
    }

    private static void awaitReason(SlurmFixture slurm, String job, String reason) throws Exception {
        long deadline = System.nanoTime() + JOB_LIMIT.toNanos();
        String seen;
        do {
            seen = slurm.run("squeue", "--noheader", "--jobs=" + job, "--format=%T %r").strip();
            if (seen.equals("PENDING " + reason)) return;
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + job + " is '" + seen + "', expected PENDING " + reason);
    }
}
