package io.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.initlab.study.RunSpec;
import io.initlab.study.StudyLoader;
import io.initlab.study.SyntheticMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study whose data set is not on this machine: {@code initlab run} fails with one line naming the fetch hint and
 * {@code --record-missing-data}; with that option every planned run is recorded as not_run with the reason (tables
 * and report too), status counts them apart, and a later run where the data exists trains them.
 */
class MissingDataCliTest {
    @TempDir
    Path tmp;

    static final String YAML = """
            name: nodata
            dataset: mnist
            limit: 300
            model: {hidden: [8], activation: relu}
            batch: 50
            epochs: 1
            validation: {split: random, fraction: 0.2}
            seeds: [1, 2]
            probe_rows: 50
            initializers: [zeros, he_normal]
            """;

    @Test
    void missingDataFailsWithOneLineOrIsRecordedAsNotRunAndTrainedLater() throws Exception {
        Path study = tmp.resolve("nodata.yaml");
        Files.writeString(study, YAML);
        Path none = Files.createDirectories(tmp.resolve("empty-data-root"));
        Path out = tmp.resolve("out");
        String[] common = {"run", study.toString(), "--out", out.toString(), "--jobs", "1", "--threads", "1", "--no-progress"};

        CliTest.Result plain = CliTest.run(concat(common, "--data", none.toString()));
        assertThat(plain.code()).as(plain.err()).isEqualTo(2);
        assertThat(plain.err().strip()).doesNotContain("\n").startsWith("initlab: ")
                .contains("no such file", "fetch-data.sh", "--record-missing-data");
        assertThat(out.resolve("runs")).doesNotExist(); // nothing recorded without the option

        CliTest.Result recorded = CliTest.run(concat(common, "--data", none.toString(), "--record-missing-data"));
        assertThat(recorded.code()).as(recorded.err()).isZero();
        assertThat(recorded.out()).contains("ran=0", "not_run=4", "4 runs recorded as not run: data not available here (");
        Map<String, String> planned = new TreeMap<>();
        for (RunSpec r : RunSpec.expand(StudyLoader.load(study))) {
            planned.put(r.runId(), r.configHash());
        }
        Map<String, String> hashes = new TreeMap<>();
        for (JsonNode run : runFiles(out)) {
            assertThat(run.get("status").asText()).isEqualTo("not_run");
            assertThat(run.get("error").asText()).startsWith("not run: data not available here (")
                    .contains("fetch-data.sh").endsWith(")");
            assertThat(run.get("model").asText()).contains("784"); // the model the data set's shape makes
            hashes.put(run.get("runId").asText(), run.get("configHash").asText());
        }
        assertThat(hashes).isEqualTo(planned);
        List<String> rows = Files.readAllLines(out.resolve("runs.csv"));
        assertThat(rows).hasSize(1 + 4);
        int status = List.of(rows.get(0).split(",")).indexOf("status");
        assertThat(rows.subList(1, rows.size())).allSatisfy(l -> assertThat(l.split(",", -1)[status]).isEqualTo("not_run"));
        assertThat(out.resolve("report.html")).isRegularFile();
        // the summary names each group's state once; the table of runs that did not finish gives each reason in full
        assertThat(Files.readString(out.resolve("report.html"))).contains("not run ×2: data not available here<")
                .contains("not run: data not available here (").doesNotContain("not run: not run");
        // read back from the table, the runs stay not run (an unknown or not-run row must never read as ok)
        assertThat(io.initlab.results.RunsTable.read(out.resolve("runs.csv")).runs())
                .hasSize(4).allSatisfy(r -> assertThat(r.status()).isEqualTo(io.initlab.results.RunStatus.NOT_RUN));

        CliTest.Result st = CliTest.run("status", out.toString());
        assertThat(st.code()).as(st.err()).isZero();
        assertThat(st.out()).contains("4 runs in 1 shard(s): 0 finished, 0 running, 0 failed, 4 not run (data not available), 0 waiting");

        Path notRunCopy = tmp.resolve("not-run-copy");
        copyFolder(out, notRunCopy);

        // where the data exists, the same command trains them: not-run runs are not finished
        Path data = SyntheticMnist.write(tmp.resolve("data"), 300, 100);
        CliTest.Result trained = CliTest.run(concat(common, "--data", data.toString()));
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.lastLine()).contains("runs=4 reused=0 ran=4").doesNotContain("not_run");
        assertThat(runFiles(out)).hasSize(4).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("ok"));
        assertThat(CliTest.run("status", out.toString()).out()).contains("4 finished, 0 running, 0 failed, 0 not run");

        // merging a folder of not-run runs with one of trained runs keeps the trained ones, in either order
        for (Path[] order : new Path[][] {{notRunCopy, out}, {out, notRunCopy}}) {
            Path merged = tmp.resolve("merged-" + order[0].getFileName());
            CliTest.Result m = CliTest.run("merge", order[0].toString(), order[1].toString(), "--out", merged.toString());
            assertThat(m.code()).as(m.err()).isZero();
            assertThat(runFiles(merged)).hasSize(4).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("ok"));
        }

        // and once trained, the option changes nothing: the runs are reused, none is recorded as not run
        CliTest.Result again = CliTest.run(concat(common, "--data", none.toString(), "--record-missing-data"));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.lastLine()).contains("reused=4 ran=0", "not_run=0");
        assertThat(runFiles(out)).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("ok"));
    }

    static List<JsonNode> runFiles(Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(out.resolve("runs"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(f -> {
                try {
                    return json.readTree(f.toFile());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
