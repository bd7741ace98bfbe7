package io.initlab.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runs of a study, read from {@code runs.csv}: grouped by run id, groups in the order they first
 * appear (the order of the study's config).
 */
public final class StudyData {

    /** The columns runs.csv must have; the others are optional. */
    public static final List<String> REQUIRED = List.of("run_id", "group", "seed", "epoch", "status");

    /** The columns of runs.csv in the order the study runner writes them. */
    public static final List<String> COLUMNS = List.of(
            "run_id", "group", "config_hash", "study", "dataset", "model", "activation", "init", "init_params",
            "bias_init", "optimizer", "lr", "batch", "dropout", "seed", "fold", "epoch", "train_loss", "val_loss",
            "val_accuracy", "val_accuracy_dropout", "test_accuracy", "status", "diverged_step", "wall_s",
            "backend", "version");

    private final List<RunRecord> runs;
    private final List<String> groups;
    private final List<String> columns;
    private final Map<String, RunRecord> byId;

    public StudyData(List<RunRecord> runs, List<String> columns) {
        this.runs = List.copyOf(runs);
        Set<String> g = new LinkedHashSet<>();
        for (RunRecord r : runs) g.add(r.group());
        this.groups = List.copyOf(g);
        this.columns = List.copyOf(columns);
        Map<String, RunRecord> m = new LinkedHashMap<>();
        for (RunRecord r : runs) m.putIfAbsent(r.runId(), r);
        this.byId = m;
    }

    /** Reads {@code dir/runs.csv}. */
    public static StudyData load(Path dir) {
        return read(dir.resolve("runs.csv"));
    }

    public static StudyData read(Path runsCsv) {
        if (!Files.isRegularFile(runsCsv)) throw new IllegalArgumentException("no runs.csv at " + runsCsv);
        List<String> header = CsvTables.header(runsCsv);
        record Acc(String runId, String group, long seed, long fold, List<RunRecord.EpochRow> rows,
                   Set<RunRecord.Status> statuses, long[] divergedStep) {}
        Map<String, Acc> byId = new LinkedHashMap<>();
        CsvTables.read(runsCsv, REQUIRED, row -> {
            String id = row.str("run_id");
            Acc a = byId.computeIfAbsent(id, k -> new Acc(k, row.str("group"), row.lng("seed", 0),
                    row.lng("fold", -1), new ArrayList<>(), new LinkedHashSet<>(), new long[] {-1}));
            Map<String, String> cells = new LinkedHashMap<>();
            for (String c : header) cells.put(c, row.str(c));
            a.rows().add(new RunRecord.EpochRow((int) row.lng("epoch", 0), cells));
            a.statuses().add(RunRecord.Status.parse(row.str("status")));
            long ds = row.lng("diverged_step", -1);
            if (ds > 0 && (a.divergedStep()[0] < 0 || ds < a.divergedStep()[0])) a.divergedStep()[0] = ds;
        });
        List<RunRecord> runs = new ArrayList<>();
        for (Acc a : byId.values()) {
            a.rows().sort(Comparator.comparingInt(RunRecord.EpochRow::epoch));
            RunRecord.Status st = a.statuses().contains(RunRecord.Status.FAILED) ? RunRecord.Status.FAILED
                    : a.statuses().contains(RunRecord.Status.DIVERGED) || a.divergedStep()[0] > 0
                    ? RunRecord.Status.DIVERGED : RunRecord.Status.OK;
            runs.add(new RunRecord(a.runId(), a.group(), a.seed(), a.fold(), st, a.divergedStep()[0], a.rows()));
        }
        return new StudyData(runs, header);
    }

    public List<RunRecord> runs() { return runs; }

    /** Group labels in order of first appearance. */
    public List<String> groups() { return groups; }

    /** The header of runs.csv. */
    public List<String> columns() { return columns; }

    public boolean hasColumn(String c) { return columns.contains(c); }

    public List<RunRecord> runsOf(String group) {
        return runs.stream().filter(r -> r.group().equals(group)).toList();
    }

    /** The run with this id, or null. */
    public RunRecord run(String runId) {
        return byId.get(runId);
    }

    /** Largest epoch in the study. */
    public int maxEpoch() {
        return runs.stream().mapToInt(RunRecord::lastEpoch).max().orElse(0);
    }

    /** Whether any run has a finite value of {@code column} at its last epoch. */
    public boolean hasFinalValues(String column) {
        if (!hasColumn(column)) return false;
        for (RunRecord r : runs) if (Double.isFinite(r.atLastEpoch(column))) return true;
        return false;
    }

    /** The distinct non-empty values of a descriptive column (dataset, model, backend, ...). */
    public List<String> distinct(String column) {
        Set<String> s = new LinkedHashSet<>();
        for (RunRecord r : runs) for (RunRecord.EpochRow e : r.epochs()) {
            String v = e.str(column);
            if (!v.isBlank()) s.add(v);
        }
        return List.copyOf(s);
    }
}
