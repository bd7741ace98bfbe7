package io.initlab.results;

import io.initlab.train.EpochRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The schema of runs.csv, one row per run per planned epoch (docs/results-format.md): each column's name,
 * how the study runner writes it from a {@link RunRecord} and how the report reads it back. Writing what
 * was read gives the same bytes.
 */
public final class RunsTable {
    private RunsTable() {}

    public static final String FILE = "runs.csv";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String TRAIN_ACCURACY = "train_accuracy";
    public static final String LAYER_INITS = "layer_inits";
    public static final String VAL_LOSS = "val_loss";
    public static final String VAL_ACCURACY = "val_accuracy";
    public static final String VAL_ACCURACY_DROPOUT = "val_accuracy_dropout";
    public static final String TEST_ACCURACY = "test_accuracy";
    public static final String LOSS = "loss";
    public static final String EPOCHS_RUN = "epochs_run";
    public static final String BEST_EPOCH = "best_epoch";
    public static final String BEST_VAL_ACCURACY = "best_val_accuracy";
    public static final String TEST_LOSS = "test_loss";

    /** What a column holds on the row of one epoch of one run. */
    interface Cell {
        String text(RunRecord r, int epoch);
    }

    /**
     * One column: its name, its text, and for numeric columns its value (null for text columns).
     */
    record Column(String name, Cell cell, Value value) {}

    interface Value {
        double of(RunRecord r, int epoch);
    }

    /** The columns in the order the study runner writes them. */
    static final List<Column> COLUMNS = List.of(
            text("run_id", RunRecord::runId), text("group", RunRecord::group),
            text("config_hash", RunRecord::configHash), text("study", RunRecord::study),
            text("dataset", RunRecord::dataset), text("model", RunRecord::model),
            text("activation", RunRecord::activation), text("init", RunRecord::init),
            text("init_params", RunRecord::initParams), text("bias_init", RunRecord::biasInit),
            text(LAYER_INITS, RunRecord::layerInits),
            text("optimizer", RunRecord::optimizer), number("lr", (r, e) -> r.lr()),
            integer("batch", (r, e) -> r.batch()), number("dropout", (r, e) -> r.dropout()),
            integer("seed", (r, e) -> r.seed()), integer("fold", (r, e) -> r.fold()), integer("epoch", (r, e) -> e),
            perEpoch(TRAIN_LOSS, EpochRecord::trainLoss),
            perEpoch(TRAIN_ACCURACY, EpochRecord::trainAccuracy), perEpoch(VAL_LOSS, EpochRecord::valLoss),
            perEpoch(VAL_ACCURACY, EpochRecord::valAccuracy),
            perEpoch(VAL_ACCURACY_DROPOUT, EpochRecord::valAccuracyDropout),
            // measured once, after the last epoch: empty on the other rows
            number(TEST_ACCURACY, (r, e) -> e == r.epochsPlanned() ? r.testAccuracy() : Double.NaN),
            text("status", r -> r.status().text()),
            new Column("diverged_step", (r, e) -> r.diverged() ? String.valueOf(r.divergedStep()) : "",
                    (r, e) -> r.diverged() ? r.divergedStep() : Double.NaN),
            number("wall_s", (r, e) -> r.wallSeconds()), text("backend", RunRecord::backend),
            text("version", RunRecord::version),
            // added with regression and early stopping (part 8): at the end, so older tables are a prefix
            text(LOSS, RunRecord::loss),
            new Column(EPOCHS_RUN, (r, e) -> r.epochsRun() > 0 ? String.valueOf(r.epochsRun()) : "",
                    (r, e) -> r.epochsRun() > 0 ? r.epochsRun() : Double.NaN),
            new Column(BEST_EPOCH, (r, e) -> r.bestEpoch() > 0 ? String.valueOf(r.bestEpoch()) : "",
                    (r, e) -> r.bestEpoch() > 0 ? r.bestEpoch() : Double.NaN),
            // over all epochs, once per run like test_accuracy: on the last planned epoch's row
            number(BEST_VAL_ACCURACY, (r, e) -> e == r.epochsPlanned() ? r.bestValAccuracy() : Double.NaN),
            // the test set's loss beside test_accuracy (the published tables of seed study 003 give it), same row
            number(TEST_LOSS, (r, e) -> e == r.epochsPlanned() ? r.testLoss() : Double.NaN));

    /** The columns runs.csv must have for the report; the others are optional. */
    public static final List<String> REQUIRED = List.of("run_id", "group", "seed", "epoch", "status");

    private static final Map<String, Column> BY_NAME = new LinkedHashMap<>();

    static {
        for (Column c : COLUMNS) {
            BY_NAME.put(c.name(), c);
        }
    }

    private static Column text(String name, java.util.function.Function<RunRecord, String> f) {
        return new Column(name, (r, e) -> f.apply(r), null);
    }

    private static Column number(String name, Value v) {
        return new Column(name, (r, e) -> Num.fmt7(v.of(r, e)), v);
    }

    private static Column integer(String name, java.util.function.ToLongBiFunction<RunRecord, Integer> v) {
        return new Column(name, (r, e) -> String.valueOf(v.applyAsLong(r, e)), (r, e) -> v.applyAsLong(r, e));
    }

    private static Column perEpoch(String name, ToDoubleFunction<EpochRecord> f) {
        return number(name, (r, e) -> {
            EpochRecord rec = r.epoch(e);
            return rec == null ? Double.NaN : f.applyAsDouble(rec);
        });
    }

    /** The header of runs.csv. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** Column {@code column} of the row of {@code epoch}, as a number: NaN when empty, text or no column. */
    public static double value(RunRecord r, int epoch, String column) {
        Column c = BY_NAME.get(column);
        return c == null || c.value() == null ? Double.NaN : c.value().of(r, epoch);
    }

    /** Column {@code column} of the row of {@code epoch} as written in runs.csv ("" when no column). */
    public static String text(RunRecord r, int epoch, String column) {
        Column c = BY_NAME.get(column);
        return c == null ? "" : c.cell().text(r, epoch);
    }

    /** The rows of runs.csv: the runs in order, each with one row per planned epoch. */
    public static List<List<String>> rows(List<RunRecord> runs) {
        return rows(runs, names());
    }

    /**
     * The rows of a runs.csv with only the columns of {@code header}, in its order: how a table written by
     * an older initlab (without a later column) is written again.
     */
    public static List<List<String>> rows(List<RunRecord> runs, List<String> header) {
        List<Column> columns = header.stream().map(n -> {
            Column c = BY_NAME.get(n);
            if (c == null) throw new IllegalArgumentException("runs.csv has no column '" + n + "'");
            return c;
        }).toList();
        List<List<String>> rows = new ArrayList<>();
        for (RunRecord r : runs) {
            for (int e = 1; e <= r.epochsPlanned(); e++) {
                List<String> row = new ArrayList<>(columns.size());
                for (Column c : columns) {
                    row.add(c.cell().text(r, e));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** What runs.csv holds: its header and its runs, in order of first appearance. */
    public record Contents(List<String> header, List<RunRecord> runs) {}

    /**
     * Reads runs.csv; columns are found by name and may be missing (except {@link #REQUIRED}). A run's
     * status is failed if any of its rows says so, else diverged if any says so or has a diverged_step.
     */
    public static Contents read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no runs.csv at " + file);
        }
        Map<String, List<CsvTables.Row>> byRun = new LinkedHashMap<>();
        CsvTables.read(file, REQUIRED, row -> byRun.computeIfAbsent(row.str("run_id"), k -> new ArrayList<>()).add(row));
        List<RunRecord> runs = new ArrayList<>();
        for (List<CsvTables.Row> rows : byRun.values()) {
            runs.add(run(rows));
        }
        return new Contents(CsvTables.header(file), runs);
    }

    private static RunRecord run(List<CsvTables.Row> rows) {
        rows.sort(Comparator.comparingLong(r -> r.lng("epoch", 0)));
        CsvTables.Row first = rows.get(0);
        CsvTables.Row last = rows.get(rows.size() - 1);
        List<EpochRecord> epochs = new ArrayList<>();
        boolean failed = false;
        boolean diverged = false;
        boolean notRun = false;
        long divergedStep = 0;
        for (CsvTables.Row row : rows) {
            epochs.add(new EpochRecord((int) row.lng("epoch", 0), row.num(TRAIN_LOSS), row.num(TRAIN_ACCURACY),
                    row.num(VAL_LOSS),
                    row.num(VAL_ACCURACY), row.num(VAL_ACCURACY_DROPOUT), Double.NaN));
            RunStatus s = RunStatus.parse(row.str("status"));
            failed |= s == RunStatus.FAILED;
            diverged |= s == RunStatus.DIVERGED;
            notRun |= s == RunStatus.NOT_RUN;
            long step = row.lng("diverged_step", 0);
            if (step > 0 && (divergedStep == 0 || step < divergedStep)) {
                divergedStep = step;
            }
        }
        RunStatus status = failed ? RunStatus.FAILED : notRun ? RunStatus.NOT_RUN : diverged || divergedStep > 0 ? RunStatus.DIVERGED : RunStatus.OK;
        return new RunRecord(first.str("run_id"), first.str("group"), first.str("config_hash"), first.str("study"),
                first.str("dataset"), first.str("model"), first.str("activation"), first.str("init"),
                first.str("init_params"), first.str("bias_init"), first.str(LAYER_INITS), first.str("optimizer"), first.num("lr"),
                (int) first.lng("batch", 0), first.num("dropout"), first.lng("seed", 0), (int) first.lng("fold", -1),
                (int) last.lng("epoch", 0), 0, status, (int) divergedStep, null, last.num(TEST_ACCURACY), last.num(TEST_LOSS),
                first.num("wall_s"), Double.NaN, first.str("backend"), first.str("version"), epochs, new float[0],
                List.of(), List.of(), first.str(LOSS), (int) first.lng(EPOCHS_RUN, 0), (int) first.lng(BEST_EPOCH, 0));
    }
}
