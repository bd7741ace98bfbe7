package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.cli.Main;
import io.initlab.results.RunRecord;
import io.initlab.results.RunsTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study on a table of one's own: {@code dataset: {csv: FILE, …}} trains, and every mistake is one line. */
class CsvStudyTest {
    @TempDir
    Path tmp;

    static final String REGRESSION = """
            name: table
            dataset: {csv: data/t.csv, features: [a, b], target: y, task: regression, test_fraction: 0.2}
            model: {hidden: [8], activation: tanh}
            batch: 10
            epochs: 30
            lr: 0.01
            validation: {split: random, fraction: 0.2}
            seeds: [1]
            probe_rows: 20
            initializers: [xavier_normal, zeros]
            """;

    @BeforeEach
    void tables() throws IOException {
        Files.createDirectories(tmp.resolve("data"));
        // y = 2a - b + 0.5 (noise-free), and a class column: whether y > 0.5
        StringBuilder t = new StringBuilder("a,b,y,kind\n");
        Random r = new Random(7);
        for (int i = 0; i < 100; i++) {
            double a = r.nextDouble() * 2 - 1;
            double b = r.nextDouble() * 2 - 1;
            double y = 2 * a - b + 0.5;
            t.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%s%n", a, b, y, y > 0.5 ? "high" : "low"));
        }
        Files.writeString(tmp.resolve("data/t.csv"), t);
    }

    Path write(String name, String yaml) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    static StudyRunner.Outcome run(Study s, Path out) {
        return StudyRunner.run(s, new StudyRunner.Options(out, 1, 1, "jvm", null, null, false, true,
                new PrintStream(PrintStream.nullOutputStream())));
    }

    @Test
    void aRegressionTableTrainsAndItsResultsFolderStandsAlone() throws IOException {
        Study s = StudyLoader.load(write("table.yaml", REGRESSION));
        assertThat(s.dataset()).isEqualTo("csv:data/t.csv");
        assertThat(StudyLoader.inputShape(s)).isEqualTo(new io.initlab.data.Datasets.InputShape(1, 1, 2, 0, 100));
        assertThat(s.loss().name()).isEqualTo("mse"); // the task's default
        Path out = tmp.resolve("out");
        StudyRunner.Outcome o = run(s, out);
        assertThat(o.ran()).isEqualTo(2);
        assertThat(o.failed()).isZero();
        List<RunRecord> runs = RunsTable.read(out.resolve("runs.csv")).runs();
        RunRecord xavier = runs.stream().filter(r -> r.group().equals("xavier_normal")).findFirst().orElseThrow();
        assertThat(xavier.ok()).isTrue();
        assertThat(xavier.dataset()).isEqualTo("csv:data/t.csv");
        assertThat(xavier.model()).isEqualTo("2 | dense 8 tanh | dense 1 identity");
        // the targets span about ±3.5: after 30 epochs the test MAE (test_accuracy of a regression run) is well below
        // the targets' own spread, and below the zeros run's
        assertThat(xavier.testAccuracy()).isLessThan(0.5);
        // the table was copied beside study.yaml: the folder's own copy loads (status, report) with the same hashes
        assertThat(out.resolve("data/t.csv")).hasSameTextualContentAs(tmp.resolve("data/t.csv"));
        assertThat(RunSpec.expand(StudyMerge.load(out))).extracting(RunSpec::configHash)
                .isEqualTo(RunSpec.expand(s).stream().map(RunSpec::configHash).toList());
        assertThat(Main.execute("status", out.toString())).isZero();
        assertThat(Main.execute("report", out.toString())).isZero();
    }

    @Test
    void aClassificationTableWithClassNamesTrains() throws IOException {
        Study s = StudyLoader.load(write("cls.yaml", """
                dataset: {csv: data/t.csv, features: [a, b], target: kind, task: classification, test_fraction: 0.25}
                model: {hidden: [8]}
                batch: 10
                epochs: 20
                lr: 0.01
                seeds: [1]
                initializers: [he_normal]
                """));
        assertThat(StudyLoader.inputShape(s).classes()).isEqualTo(2);
        StudyRunner.Outcome o = run(s, tmp.resolve("cls-out"));
        assertThat(o.failed()).isZero();
        RunRecord r = RunsTable.read(tmp.resolve("cls-out/runs.csv")).runs().get(0);
        assertThat(r.testAccuracy()).isGreaterThan(0.8); // a linear boundary, 25 test rows
    }

    @Test
    void theHashFollowsTheTablesContentsNotItsPath() throws IOException {
        String base = RunSpec.expand(StudyLoader.load(write("h.yaml", REGRESSION))).get(0).configHash();
        Files.copy(tmp.resolve("data/t.csv"), tmp.resolve("data/moved.csv"));
        assertThat(RunSpec.expand(StudyLoader.load(write("h2.yaml", REGRESSION.replace("data/t.csv", "data/moved.csv"))))
                .get(0).configHash()).isEqualTo(base);
        for (String changed : List.of(REGRESSION.replace("test_fraction: 0.2", "test_fraction: 0.3"),
                REGRESSION.replace("features: [a, b]", "features: [b, a]"))) {
            assertThat(RunSpec.expand(StudyLoader.load(write("h3.yaml", changed))).get(0).configHash()).as(changed)
                    .isNotEqualTo(base);
        }
        Files.writeString(tmp.resolve("data/moved.csv"), Files.readString(tmp.resolve("data/t.csv")).replace("0.5", "0.6"));
        assertThat(RunSpec.expand(StudyLoader.load(write("h2.yaml", REGRESSION.replace("data/t.csv", "data/moved.csv"))))
                .get(0).configHash()).isNotEqualTo(base);
    }

    void rejects(String yaml, String... parts) throws IOException {
        Path f = write("bad.yaml", yaml);
        assertThatThrownBy(() -> StudyLoader.load(f)).isInstanceOf(ConfigException.class).satisfies(e -> {
            assertThat(e.getMessage()).startsWith(f + ":").doesNotContain("\n");
            for (String p : parts) {
                assertThat(e.getMessage()).contains(p);
            }
        });
    }

    @Test
    void badPathsColumnsAndCellsAreOneLineErrors() throws IOException {
        rejects(REGRESSION.replace("data/t.csv", "data/none.csv"), ":2: key 'dataset.csv': no such file: ");
        rejects(REGRESSION.replace("data/t.csv", "../t.csv"), ":2: key 'dataset.csv': '../t.csv' is outside this file's folder");
        rejects(REGRESSION.replace("features: [a, b]", "features: [a, c]"), ":2: key 'dataset.csv':", "no column 'c'");
        rejects(REGRESSION.replace("target: y", "target: z"), ":2: key 'dataset.csv':", "no column 'z'");
        rejects(REGRESSION.replace("features: [a, b], ", ""), ":2: key 'dataset.csv':", "kind is 'high', not a number");
        rejects(REGRESSION.replace("task: regression", "task: ranking"), ":2: key 'dataset.task': unknown task 'ranking'");
        rejects(REGRESSION.replace("task: regression, ", ""), ":2: key 'dataset': say what the target is");
        rejects(REGRESSION.replace("csv: data/t.csv", "file: data/t.csv"), ":2: key 'dataset.file': unknown key");
        rejects(REGRESSION.replace("test_fraction: 0.2", "test_fraction: 1.5"), "key 'dataset.test_fraction': must be in (0, 1)");
        rejects(REGRESSION.replace("test_fraction: 0.2", "test_fraction: 0.2, test: data/t.csv"), "not both");
        rejects(REGRESSION.replace(", test_fraction: 0.2", ""), "key 'dataset': the table has no test set");
        rejects(REGRESSION + "loss: softmax_cross_entropy\n", "key 'loss':", "whose targets are numbers");
        rejects(REGRESSION.replace("target: y, task: regression", "target: kind, task: classification")
                .replace("initializers:", "loss: mse\ninitializers:"), "key 'loss':", "whose targets are classes");
        // without a test set, test: false says so
        assertThat(StudyLoader.load(write("nt.yaml", REGRESSION.replace(", test_fraction: 0.2", "") + "test: false\n"))
                .csv().hasTestSet()).isFalse();
        Files.writeString(tmp.resolve("data/t.csv"), "a,b,y,kind\n1,2,3,low\n4,x,6,high\n7,8,9,low\n");
        rejects(REGRESSION, ":2: key 'dataset.csv': ", "t.csv: data row 2: b is 'x', not a number");
    }
}
