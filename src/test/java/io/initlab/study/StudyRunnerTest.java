package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.cli.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole studies on a small synthetic MNIST: the files they write, divergence, and resume after kill -9. */
class StudyRunnerTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path study;

    static final String YAML = """
            name: tiny
            dataset: mnist
            limit: 3000
            model: {hidden: [64], activation: relu}
            optimizer: adam
            lr: 0.001
            batch: 50
            epochs: 2
            validation: {split: random, fraction: 0.2}
            seeds: 1..2
            probe_rows: 100
            initializers:
              - zeros
              - xavier_normal
              - {init: "uniform(-0.1, 0.1)", label: "U[-0.1,0.1)"}
              - {init: "constant(1e30)", label: huge}
            comparisons:
              - [zeros, xavier_normal]
            expected: tiny.expected.yaml
            """;

    @BeforeAll
    static void setUp() throws IOException {
        data = SyntheticMnist.write(tmp.resolve("data"), 3000, 500);
        study = tmp.resolve("tiny.yaml");
        Files.writeString(study, YAML);
        Files.writeString(tmp.resolve("tiny.expected.yaml"),
                "metric: val_accuracy\nexpected:\n  - {group: zeros, low: 0.0, high: 0.2}\n");
    }

    static StudyRunner.Outcome run(Path out, int jobs) {
        return StudyRunner.run(StudyLoader.load(study), new StudyRunner.Options(out, jobs, 1, "jvm", null, data, false, true,
                new PrintStream(PrintStream.nullOutputStream())));
    }

    static List<String> lines(Path f) throws IOException {
        return Files.readAllLines(f);
    }

    /** runs.csv without the wall-time column, which is the only thing allowed to differ between runs. */
    static List<String> withoutWallTime(Path runsCsv) throws IOException {
        List<String> out = new ArrayList<>();
        int wall = io.initlab.results.RunsTable.names().indexOf("wall_s");
        for (String line : lines(runsCsv)) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(cells.size() - (io.initlab.results.RunsTable.names().size() - wall)); // counted from the end: quoted cells hold commas
            out.add(String.join(",", cells));
        }
        return out;
    }

    @Test
    void writesTablesReportAndRecordsDivergence() throws IOException {
        Path out = tmp.resolve("plain");
        StudyRunner.Outcome o = run(out, 2);
        assertThat(o.total()).isEqualTo(8);
        assertThat(o.ran()).isEqualTo(8);
        assertThat(o.diverged()).isEqualTo(2);
        assertThat(o.failed()).isZero();
        for (String f : List.of("runs.csv", "batches.csv", "layers.csv", "init_hist.csv", "summary.csv", "comparisons.csv",
                "report.html", "study.yaml")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        List<String> runs = lines(out.resolve("runs.csv"));
        assertThat(runs).hasSize(1 + 8 * 2);
        assertThat(runs.stream().filter(l -> l.contains(",huge,") || l.contains("huge-")).toList())
                .hasSize(4).allSatisfy(l -> assertThat(l).contains(",diverged,1,"));
        assertThat(runs.stream().filter(l -> l.startsWith("xavier_normal")).toList()).hasSize(4)
                .allSatisfy(l -> assertThat(l).contains(",ok,"));
        // 2 epochs of 48 batches per run are all logged
        // the runner records each layer's initializer and the training accuracy of every trained epoch
        List<io.initlab.results.RunRecord> read = io.initlab.results.RunsTable.read(out.resolve("runs.csv")).runs();
        assertThat(read).filteredOn(r -> r.group().equals("xavier_normal")).isNotEmpty().allSatisfy(r -> {
            assertThat(r.layerInits()).startsWith("dense1=xavier_normal;").doesNotContain("bias");
            assertThat(r.at(1, "train_accuracy")).isBetween(0.0, 1.0);
            assertThat(r.at(2, "train_accuracy")).isGreaterThan(r.at(1, "train_accuracy"));
        });
        assertThat(read).filteredOn(r -> r.group().equals("huge"))
                .allSatisfy(r -> assertThat(r.at(1, "train_accuracy")).isNaN());
        assertThat(lines(out.resolve("batches.csv")).stream().filter(l -> l.startsWith("zeros")).count()).isEqualTo(2 * 96);
        // the folder is self-contained: the report rebuilds from it alone, published numbers included
        assertThat(out.resolve("tiny.expected.yaml")).isRegularFile();
        Files.delete(out.resolve("summary.csv"));
        assertThat(Main.execute("report", out.toString())).isZero();
        assertThat(lines(out.resolve("summary.csv"))).anySatisfy(l -> assertThat(l).startsWith("zeros,val_accuracy,2,").contains(",0,0.2,"));
        // a second run reuses everything
        StudyRunner.Outcome again = run(out, 2);
        assertThat(again.ran()).isZero();
        assertThat(again.reused()).isEqualTo(8);
    }

    @Test
    void resumesAfterKillMinus9WithTheSameResults() throws Exception {
        Path straight = tmp.resolve("straight");
        run(straight, 1);

        Path killed = tmp.resolve("killed");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", study.toString(), "--out", killed.toString(), "--jobs", "1", "--threads", "1",
                "--backend", "jvm", "--data", data.toString(), "--no-progress")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (finishedRuns(killed) < 3 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        p.waitFor(30, TimeUnit.SECONDS);
        int survived = finishedRuns(killed);
        assertThat(survived).as("killed mid-study (see child.log)").isBetween(3, 7);
        assertThat(killed.resolve("runs.csv")).doesNotExist();

        StudyRunner.Outcome resumed = run(killed, 2);
        assertThat(resumed.reused()).isEqualTo(survived);
        assertThat(resumed.ran()).isEqualTo(8 - survived);
        assertThat(withoutWallTime(killed.resolve("runs.csv"))).isEqualTo(withoutWallTime(straight.resolve("runs.csv")));
        for (String f : List.of("batches.csv", "layers.csv", "init_hist.csv", "summary.csv", "comparisons.csv")) {
            assertThat(lines(killed.resolve(f))).as(f).isEqualTo(lines(straight.resolve(f)));
        }
    }

    static int finishedRuns(Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(runs)) {
            return (int) s.filter(f -> f.toString().endsWith(".json")).count();
        }
    }
}
