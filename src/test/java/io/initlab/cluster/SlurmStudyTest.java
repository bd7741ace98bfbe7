package io.initlab.cluster;

import static io.initlab.cluster.StudyTablesCompare.assertSameResults;
import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.Prerequisites;
import io.initlab.cli.Main;
import io.initlab.study.StudyStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole cluster path on a real Slurm (scripts/slurm-fixture.sh, with accounting): {@code initlab slurm
 * --shards 4 --submit} on 12 runs of a 6,000-image MNIST subset, the array and its afterok report job
 * finish, sacct lists every task COMPLETED, and the shared folder's tables equal one process running the
 * whole study. Fails when Slurm cannot start and CI=true, skips otherwise (see {@link SlurmFixture}).
 */
class SlurmStudyTest {
    static final String YAML = """
            name: slurm-mnist
            title: Four Slurm array tasks, one study
            dataset: mnist
            limit: 6000
            model: {hidden: [32], activation: relu}
            optimizer: adam
            lr: 0.001
            batch: 100
            epochs: 1
            validation: {split: random, fraction: 0.1}
            seeds: 1..3
            probe_rows: 100
            initializers: [zeros, xavier_normal, he_normal, lecun_uniform]
            comparisons:
              - [xavier_normal, he_normal]
            """;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS) // a fresh machine first installs Slurm, slurmdbd and MariaDB
    void aStudySubmittedAsAnArrayEqualsOneProcess() throws Exception {
        Path dataRoot = Prerequisites.dataset("mnist");
        Path study = tmp.resolve("slurm-mnist.yaml");
        Files.writeString(study, YAML);
        Path launcher = TestLauncher.write(tmp.resolve("home"));
        Path single = tmp.resolve("single");
        assertThat(Main.execute("run", study.toString(), "--out", single.toString(), "--data", dataRoot.toString(),
                "--jobs", "2", "--threads", "1", "--no-progress")).isZero();

        Path out = tmp.resolve("cluster");
        try (SlurmFixture slurm = SlurmFixture.start(tmp, true)) {
            Map<String, String> env = new HashMap<>(slurm.env());
            env.put("INITLAB_DATA", dataRoot.toAbsolutePath().toString());
            SlurmFixture.Result submitted = SlurmFixture.exec(tmp, env, Duration.ofSeconds(60), launcher.toString(), "slurm",
                    study.toString(), "--shards", "4", "--cpus-per-task", "1", "--out", out.toString(), "--submit");
            assertThat(submitted.status()).as(submitted.err()).isZero();
            System.out.println(submitted.out());
            Matcher ids = Pattern.compile("array=([0-9]+) report=([0-9]+)").matcher(submitted.out());
            assertThat(ids.find()).as(submitted.out()).isTrue();
            String array = ids.group(1);
            String report = ids.group(2);
            assertThat(submitted.out()).contains("squeue --jobs=" + array + "," + report, "sacct --jobs=" + array + "," + report);

            slurm.awaitFinished(Duration.ofSeconds(240), array, report);
            String sacct = awaitAccounted(slurm, array + "," + report, 6);
            System.out.println("sacct --allocations --jobs=" + array + "," + report + "\n" + slurm.run("sacct", "--allocations",
                    "--jobs=" + array + "," + report, "--format=JobID,JobName%28,State,ExitCode,Elapsed,NodeList"));
            assertThat(sacct.lines().sorted()).as(sacct + "\nlogs in " + out.resolve("slurm")).containsExactly(
                    array + "_1|initlab-slurm-mnist|COMPLETED|0:0", array + "_2|initlab-slurm-mnist|COMPLETED|0:0",
                    array + "_3|initlab-slurm-mnist|COMPLETED|0:0", array + "_4|initlab-slurm-mnist|COMPLETED|0:0",
                    report + "|initlab-slurm-mnist-report|COMPLETED|0:0");
        }
        assertSameResults(out, single);
        System.out.println("tables of " + out + " equal those of " + single + " (runs.csv: "
                + StudyTablesCompare.withoutWallTime(out.resolve("runs.csv")).size() + " rows, wall_s aside; "
                + String.join(", ", StudyTablesCompare.TABLES) + ": line for line)");
        assertThat(out.resolve("report.html")).exists();
        assertThat(StudyStatus.of(out, Instant.now()).shards()).hasSize(4).allSatisfy(l -> {
            assertThat(l.state()).isEqualTo("finished");
            assertThat(l.finished()).isEqualTo(3);
        });
    }

    /** sacct's lines for the jobs once it lists {@code count} of them finished (slurmdbd hears of them late). */
    private static String awaitAccounted(SlurmFixture slurm, String jobs, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        String lines;
        do {
            lines = slurm.run("sacct", "--noheader", "--parsable2", "--allocations", "--jobs=" + jobs,
                    "--format=JobID,JobName,State,ExitCode").strip();
            if (lines.lines().filter(l -> !l.contains("RUNNING") && !l.contains("PENDING")).count() == count) return lines;
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        return lines;
    }
}
