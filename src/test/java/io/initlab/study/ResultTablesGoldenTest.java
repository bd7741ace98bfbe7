package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.results.RunRecord;
import io.initlab.results.RunStatus;
import io.initlab.train.EpochRecord;
import io.initlab.train.LayerStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables and run files of a synthetic study (an ok run, a diverged one with infinite and NaN losses and
 * quotes in its label, a failed one) are byte for byte what the writer before the results schema wrote
 * (src/test/resources/results/golden, made by that writer from the same runs; runs.csv has since gained the
 * test_loss column at its end, its other columns unchanged).
 */
class ResultTablesGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/results/golden");

    @TempDir
    Path tmp;

    static List<RunRecord> runs() {
        double nan = Double.NaN;
        RunRecord ok = new RunRecord("u_0_5-abcd-s1", "U[-0.5,0.5)", "0123456789ab", "synthetic", "mnist",
                "784 | dense 16 relu | dense 10 identity", "relu", "uniform", "uniform(-0.5, 0.5)", "default",
                "dense1=uniform(-0.5, 0.5);dense2=uniform(-0.5, 0.5)", "adam(lr=0.00100000)", 0.001, 32, 0.0, 1, -1, 2, 3, RunStatus.OK, 0, null, 0.9712345678, 0.1, 1.23456789,
                1000, "jvm", "0.1.0",
                List.of(new EpochRecord(1, 0.2415488123, 0.90125, 0.1022559, 0.9711667, nan, 0.5),
                        new EpochRecord(2, 1.5e-9, 1.0, 123456789.0, 1.0, nan, 0.5)),
                new float[] {2.3f, 2.2f, 1.9f, 1.5f, 1.2f, 1.0f},
                List.of(new LayerStat(0, "dense1", "weight", 1e-5, 0.083, 0.0, 12.5),
                        new LayerStat(2, "dense2", "gradient", -3.2e-12, 4.4e-20, 0.25, 0.0)),
                List.of(new RunRecord.Histogram("dense1", -0.5, 0.5, new long[] {3, 0, 7}),
                        new RunRecord.Histogram("dense2", -5e-4, 5e-4, new long[] {160})),
                "softmax_cross_entropy", 2, 1);
        RunRecord diverged = new RunRecord("he_x-1234-s7-f2", "he \"x\", quoted", "ba9876543210", "synthetic", "mnist",
                "784 | dense 16 sigmoid | dropout 0.2 | dense 10 identity", "sigmoid", "he_normal", "he_normal",
                "zeros", "dense1=he_normal;dense2=he_normal", "sgd(lr=0.0100000, momentum=0.900000)", 0.01, 64, 0.2, 7, 2, 3, 2, RunStatus.DIVERGED, 3, null,
                nan, nan, 0.25, 500, "jvm", "0.1.0",
                List.of(new EpochRecord(1, 2.31, 0.1, 2.30, 0.1, 0.09, 0.1),
                        new EpochRecord(2, nan, nan, nan, nan, nan, 0.1)),
                new float[] {2.3f, 5f, Float.POSITIVE_INFINITY, Float.NaN}, List.of(), List.of());
        RunRecord failed = new RunRecord("zeros-2ec2-s3", "zeros", "aaaaaaaaaaaa", "synthetic", "mnist", "", "", "zeros",
                "zeros", "null", "", "adam(lr=0.00100000)", 0.001, 32, 0.0, 3, -1, 2, 0, RunStatus.FAILED, 0,
                "java.lang.OutOfMemoryError: Java heap space", nan, nan, 0, nan, "jvm", "0.1.0", List.of(),
                new float[0], List.of(), List.of());
        return List.of(ok, diverged, failed);
    }

    /** A run file written before the loss, epochs run and best epoch were recorded reads them as unknown. */
    @Test
    void anOlderRunFileReadsTheLaterFieldsAsUnknown() throws IOException {
        String text = Files.readString(GOLDEN.resolve("runs").resolve("u_0_5-abcd-s1.json"));
        String old = text.replaceAll(",\\s*\"loss\" : \"[a-z_]*\",\\s*\"epochsRun\" : \\d+,\\s*\"bestEpoch\" : \\d+", "");
        assertThat(old).isNotEqualTo(text).doesNotContain("epochsRun");
        RunRecord back = RunStore.JSON.readValue(old, RunRecord.class);
        assertThat(back.loss()).isEmpty();
        assertThat(back.epochsRun()).isZero();
        assertThat(back.bestEpoch()).isZero();
        assertThat(back.epochs()).hasSize(2);
    }

    @Test
    void tablesAreByteIdenticalToTheOldWriters() throws IOException {
        ResultTables.write(tmp, runs());
        for (String table : List.of("runs.csv", "batches.csv", "layers.csv", "init_hist.csv")) {
            assertThat(Files.readString(tmp.resolve(table))).as(table).isEqualTo(Files.readString(GOLDEN.resolve(table)));
        }
    }

    @Test
    void runFilesAreByteIdenticalToTheOldOnesAndReadBack() throws IOException {
        RunStore store = new RunStore(tmp);
        for (RunRecord r : runs()) {
            store.save(r);
            Path golden = GOLDEN.resolve("runs").resolve(r.runId() + ".json");
            assertThat(Files.readString(store.file(r.runId()))).as(r.runId()).isEqualTo(Files.readString(golden));
            RunRecord back = RunStore.JSON.readValue(golden.toFile(), RunRecord.class);
            assertThat(back.status()).isEqualTo(r.status());
            assertThat(back.epochs()).isEqualTo(r.epochs());
            assertThat(back.batchLosses()).isEqualTo(r.batchLosses());
            assertThat(RunStore.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(back))
                    .isEqualTo(Files.readString(golden));
        }
    }

    /** Run files written before training accuracy and layer initializers were recorded: NaN and "", not 0. */
    @Test
    void committedRunFilesWithoutTheLaterFieldsReadAsMissing() throws IOException {
        Path dir = Path.of("src/test/resources/results/before-train-accuracy"); // a udacity-tf-mnist run file
        Path old;
        try (var files = Files.list(dir)) {
            old = files.filter(f -> f.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        assertThat(Files.readString(old)).doesNotContain("trainAccuracy").doesNotContain("layerInits");
        RunRecord r = RunStore.JSON.readValue(old.toFile(), RunRecord.class);
        assertThat(r.epochs()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.trainAccuracy()).isNaN();
            assertThat(e.trainLoss()).isFinite();
        });
        assertThat(r.layerInits()).isEmpty();
    }
}
