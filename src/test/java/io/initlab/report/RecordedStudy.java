package io.initlab.report;

import io.initlab.results.CsvTables;
import io.initlab.results.RunRecord;
import io.initlab.results.RunStatus;
import io.initlab.results.RunsTable;
import io.initlab.train.EpochRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small results folder for tests, written through the study runner's schema ({@link RunsTable}) from
 * run records: runs.csv, and runs/RUN_ID.json with the error of each run that did not finish (what
 * runs.csv does not carry).
 */
final class RecordedStudy {
    private final List<RunRecord> runs = new ArrayList<>();
    private final String loss;

    private RecordedStudy(String loss) { this.loss = loss; }

    static RecordedStudy classification() { return new RecordedStudy("softmax_cross_entropy"); }

    static RecordedStudy regression() { return new RecordedStudy("mse"); }

    /**
     * A finished run: its validation score per epoch (accuracy, or MAE for regression), then its test score
     * and loss; epochs_run = the epochs given.
     */
    RecordedStudy ok(String group, long seed, double testScore, double testLoss, double... valScores) {
        List<EpochRecord> epochs = new ArrayList<>();
        for (int e = 1; e <= valScores.length; e++) {
            epochs.add(new EpochRecord(e, 1.0 / e, valScores[e - 1], 1.1 / e, valScores[e - 1], Double.NaN, 0.1));
        }
        runs.add(record(group, seed, RunStatus.OK, null, testScore, testLoss, epochs, valScores.length));
        return this;
    }

    /** A run that did not finish, with its error (kept in runs/RUN_ID.json only). */
    RecordedStudy failed(String group, long seed, int epochsPlanned, String error) {
        runs.add(record(group, seed, RunStatus.FAILED, error, Double.NaN, Double.NaN, List.of(), epochsPlanned));
        return this;
    }

    private RunRecord record(String group, long seed, RunStatus status, String error, double testScore,
                             double testLoss, List<EpochRecord> epochs, int epochsPlanned) {
        String id = group.toLowerCase(java.util.Locale.ROOT) + "-s" + seed;
        String model = "784 | dense 32 relu | dense 10 softmax";
        return new RunRecord(id, group, "h" + runs.size(), "study", loss.equals("mse") ? "california-housing" : "mnist",
                loss.equals("mse") ? "8 | normalize | dense 64 relu | dense 1" : model, "relu", group, group, "default",
                "", "adam", 0.001, 64, 0, seed, -1, epochsPlanned, 10, status, 0, error, testScore, testLoss, 1.0, 100,
                "jvm", "0.1.0", epochs, new float[0], List.of(), List.of(), loss, status == RunStatus.OK ? epochs.size() : 0,
                status == RunStatus.OK ? epochs.size() : 0);
    }

    Path write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("runs"));
            CsvTables.write(dir.resolve(RunsTable.FILE), RunsTable.names(), RunsTable.rows(runs));
            for (RunRecord r : runs) {
                if (r.error() != null) {
                    Files.writeString(dir.resolve("runs").resolve(r.runId() + ".json"),
                            "{\"runId\": \"" + r.runId() + "\", \"status\": \"" + r.status().text() + "\", \"error\": \""
                                    + r.error() + "\", \"testAccuracy\": NaN}");
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
