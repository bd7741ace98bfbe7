package io.initlab.cluster;

import static io.initlab.cluster.StudyTablesCompare.assertSameResults;
import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.cli.Main;
import io.initlab.study.ShardHeartbeat;
import io.initlab.study.StudyStatus;
import io.initlab.study.SyntheticMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study split into shards without Slurm: shard processes writing into one folder at the same time, a
 * shard killed with SIGKILL and run again, shards in separate folders merged, merge refusing what is not
 * one study, status read from the files, and the sbatch scripts. Every way must give the tables of one
 * process running the whole study (wall times aside).
 */
class ShardedStudyTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path study;
    static Path single;
    static Path launcher;

    static final String YAML = """
            name: sharded
            dataset: mnist
            limit: 2000
            model: {hidden: [32], activation: relu}
            optimizer: adam
            lr: 0.001
            batch: 50
            epochs: 2
            validation: {split: random, fraction: 0.2}
            seeds: 1..2
            probe_rows: 100
            initializers: [zeros, xavier_normal, he_uniform, lecun_normal]
            comparisons:
              - [zeros, xavier_normal]
            """;
    static final int RUNS = 8;

    @BeforeAll
    static void setUp() throws IOException {
        data = SyntheticMnist.write(tmp.resolve("data"), 2000, 300);
        study = tmp.resolve("sharded.yaml");
        Files.writeString(study, YAML);
        launcher = TestLauncher.write(tmp.resolve("home"));
        single = tmp.resolve("single");
        assertThat(Main.execute("run", study.toString(), "--out", single.toString(), "--data", data.toString(), "--jobs", "2",
                "--threads", "1", "--no-progress")).isZero();
    }

    @Test
    void twoShardProcessesWriteIntoOneFolderAtOnce() throws Exception {
        Path shared = tmp.resolve("shared");
        List<Process> shards = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            shards.add(start(tmp.resolve("shard" + i + ".log"), "run", study.toString(), "--shard", i + "/2", "--out",
                    shared.toString(), "--data", data.toString(), "--jobs", "1", "--threads", "1", "--no-progress"));
        }
        for (Process p : shards) {
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("shard exit (logs in " + tmp + ")").isZero();
        }
        assertSameResults(shared, single);
        assertThat(shared.resolve("report.html")).exists();
        StudyStatus.Report status = StudyStatus.of(shared, Instant.now());
        assertThat(status.lines()).hasSize(3);
        assertThat(status.shards()).allSatisfy(l -> {
            assertThat(l.state()).isEqualTo("finished");
            assertThat(l.finished()).isEqualTo(RUNS / 2); // equal costs: LPT deals them out evenly
        });
    }

    @Test
    void aShardKilledWithSigkillResumesWhenRunAgain() throws Exception {
        Path dir = tmp.resolve("killed");
        Process p = start(tmp.resolve("killed.log"), "run", study.toString(), "--shard", "1/2", "--out", dir.toString(),
                "--data", data.toString(), "--jobs", "1", "--threads", "1", "--no-progress");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (runFiles(dir) < 1 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        p.waitFor(30, TimeUnit.SECONDS);
        int survived = runFiles(dir);
        assertThat(survived).as("killed mid-shard (see killed.log)").isBetween(1, RUNS / 2 - 1);

        // the progress file still says running; once its heartbeat is stale, status calls the shard lost
        StudyStatus.ShardLine fresh = StudyStatus.of(dir, Instant.now()).shards().get(0);
        assertThat(fresh.state()).isEqualTo("running");
        StudyStatus.ShardLine later = StudyStatus.of(dir, Instant.now().plus(ShardHeartbeat.STALE).plusSeconds(5)).shards().get(0);
        assertThat(later.state()).isEqualTo("lost");
        assertThat(later.finished()).isEqualTo(survived);
        assertThat(later.running()).isZero();
        assertThat(later.waiting()).isEqualTo(RUNS / 2 - survived);
        assertThat(StudyStatus.of(dir, Instant.now()).shards().get(1).state()).isEqualTo("not started");

        assertThat(Main.execute("run", study.toString(), "--shard", "1/2", "--out", dir.toString(), "--data", data.toString(),
                "--jobs", "1", "--threads", "1", "--no-progress")).isZero();
        assertThat(dir.resolve("runs.csv")).as("shard 2 has not run: no tables yet").doesNotExist();
        assertThat(Main.execute("run", study.toString(), "--shard", "2/2", "--out", dir.toString(), "--data", data.toString(),
                "--jobs", "2", "--threads", "1", "--no-progress")).isZero();
        assertSameResults(dir, single);
    }

    @Test
    void shardsInSeparateFoldersMergeIntoTheSingleRunsTables() throws Exception {
        List<String> args = new ArrayList<>(List.of("merge"));
        for (int i = 1; i <= 3; i++) {
            Path d = tmp.resolve("part" + i);
            assertThat(Main.execute("run", study.toString(), "--shard", i + "/3", "--out", d.toString(), "--data",
                    data.toString(), "--jobs", "2", "--threads", "1", "--no-progress")).isZero();
            assertThat(d.resolve("runs.csv")).doesNotExist();
            args.add(d.toString());
        }
        // a run present twice with the same results (a shard rerun into another folder) is fine
        Path dup = firstRunFile(tmp.resolve("part1"));
        Files.copy(dup, tmp.resolve("part2/runs").resolve(dup.getFileName()));
        Path merged = tmp.resolve("merged");
        args.addAll(List.of("--out", merged.toString()));
        assertThat(Main.execute(args.toArray(String[]::new))).isZero();
        assertSameResults(merged, single);
        assertThat(merged.resolve("report.html")).exists();
        assertThat(merged.resolve("study.yaml")).hasSameTextualContentAs(single.resolve("study.yaml"));
    }

    @Test
    void mergeRefusesOtherStudiesConflictsAndGapsWithOneLine() throws Exception {
        Path a = tmp.resolve("refuse-a");
        Path b = tmp.resolve("refuse-b");
        Path other = tmp.resolve("refuse-other");
        Path otherYaml = tmp.resolve("other.yaml");
        Files.writeString(otherYaml, YAML.replace("epochs: 2", "epochs: 1"));
        for (String[] run : List.of(new String[] {study.toString(), "1/2", a.toString()},
                new String[] {study.toString(), "2/2", b.toString()}, new String[] {otherYaml.toString(), "2/2", other.toString()})) {
            assertThat(Main.execute("run", run[0], "--shard", run[1], "--out", run[2], "--data", data.toString(), "--jobs", "2",
                    "--threads", "1", "--no-progress", "--no-report")).isZero();
        }
        Path out = tmp.resolve("refused");
        assertThat(refusal("merge", a.toString(), other.toString(), "--out", out.toString()))
                .contains(other + " is not a shard of the same study as " + a).contains("has config");
        assertThat(refusal("merge", a.toString(), "--out", out.toString()))
                .contains(RUNS / 2 + " of " + RUNS + " runs are in none of the folders");

        // the same run with other numbers in a second folder: a conflict, named
        Path copy = tmp.resolve("refuse-c");
        Files.createDirectories(copy.resolve("runs"));
        Files.copy(a.resolve("study.yaml"), copy.resolve("study.yaml"));
        Path run = firstRunFile(a);
        String json = Files.readString(run);
        String changed = json.replaceFirst("\"testAccuracy\" : [0-9.Ee-]+", "\"testAccuracy\" : 0.123");
        assertThat(changed).isNotEqualTo(json);
        Files.writeString(copy.resolve("runs").resolve(run.getFileName()), changed);
        String runId = run.getFileName().toString().replace(".json", "");
        assertThat(refusal("merge", a.toString(), b.toString(), copy.toString(), "--out", out.toString()))
                .contains("run " + runId + " is in ").contains("with different results");
        assertThat(out.resolve("runs.csv")).doesNotExist();
    }

    @Test
    void slurmScriptsNameTheShardsAndWhatANodeLacks() throws Exception {
        Path out = tmp.resolve("slurm-out");
        SlurmFixture.Result dry = exec(Map.of(), "slurm", study.toString(), "--shards", "4", "--out", out.toString(),
                "--partition", "debug", "--time", "0:10:00", "--cpus-per-task", "2", "--dry-run");
        assertThat(dry.status()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("#SBATCH --array=1-4", "#SBATCH --partition=debug", "#SBATCH --time=0:10:00",
                "#SBATCH --cpus-per-task=2", "--shard \"$SLURM_ARRAY_TASK_ID/4\"", "INITLAB='" + launcher + "'",
                "exec \"$INITLAB\" report \"$OUT\"");
        assertThat(out).doesNotExist();

        // written, not submitted; then a node without the launcher runs the array script
        SlurmFixture.Result written = exec(Map.of(), "slurm", study.toString(), "--shards", "4", "--out", out.toString());
        assertThat(written.status()).as(written.err()).isZero();
        Path script = out.resolve("slurm/sharded.sbatch");
        assertThat(script).exists();
        assertThat(out.resolve("slurm/sharded-report.sbatch")).exists();
        Path elsewhere = tmp.resolve("node-view.sbatch");
        Files.writeString(elsewhere, Files.readString(script).replace(launcher.toString(), tmp.resolve("absent/bin/initlab").toString()));
        SlurmFixture.Result node = SlurmFixture.exec(tmp, Map.of("SLURM_ARRAY_TASK_ID", "1"), Duration.ofSeconds(20), "bash",
                elsewhere.toString());
        assertThat(node.status()).isEqualTo(2);
        assertThat(stderr(node)).startsWith("initlab: " + tmp.resolve("absent/bin/initlab") + " is missing on node ")
                .doesNotContain("\n");

        // no sbatch on PATH: one line (PATH holds only bash, which the launcher's #! needs)
        Path bashOnly = Files.createDirectories(tmp.resolve("bash-only"));
        if (!Files.exists(bashOnly.resolve("bash"))) Files.createSymbolicLink(bashOnly.resolve("bash"), Path.of("/bin/bash"));
        SlurmFixture.Result noSbatch = exec(Map.of("PATH", bashOnly.toString()), "slurm", study.toString(), "--shards", "4",
                "--out", tmp.resolve("never").toString(), "--submit");
        assertThat(noSbatch.status()).isEqualTo(2);
        assertThat(stderr(noSbatch)).isEqualTo("initlab: sbatch is not on PATH: submit from a Slurm login node, or "
                + "leave out --submit to only write the scripts");
        assertThat(tmp.resolve("never")).doesNotExist();

        assertThat(refusal("slurm", study.toString(), "--shards", "4", "--launcher", tmp.resolve("nowhere/initlab").toString(),
                "--dry-run")).startsWith("initlab: the launcher " + tmp.resolve("nowhere/initlab") + " is missing");
    }

    /** The one line a refused command prints on stderr (exit status 2). */
    static String refusal(String... args) throws Exception {
        SlurmFixture.Result r = exec(Map.of(), args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r.out() + r.err()).isEqualTo(2);
        assertThat(stderr(r)).as("one line").doesNotContain("\n");
        return stderr(r);
    }

    /** stderr without the JVM's notice that the launcher uses the Vector API incubator module. */
    static String stderr(SlurmFixture.Result r) {
        return r.err().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules"))
                .reduce((a, b) -> a + "\n" + b).orElse("").strip();
    }

    static SlurmFixture.Result exec(Map<String, String> env, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = launcher.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return SlurmFixture.exec(tmp, env, Duration.ofSeconds(120), command);
    }

    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static int runFiles(Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) return 0;
        try (Stream<Path> s = Files.list(runs)) {
            return (int) s.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    static Path firstRunFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            return s.filter(f -> f.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
    }
}
