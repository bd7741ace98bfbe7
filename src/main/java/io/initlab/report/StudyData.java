package io.initlab.report;

import io.initlab.results.RunRecord;
import io.initlab.results.RunsTable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runs of a study, read from {@code runs.csv} ({@link RunsTable}): groups in the order they first
 * appear (the order of the study's config).
 */
public final class StudyData {

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
        return read(dir.resolve(RunsTable.FILE));
    }

    public static StudyData read(Path runsCsv) {
        RunsTable.Contents c = RunsTable.read(runsCsv);
        return new StudyData(c.runs(), c.header());
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
        return runs.stream().mapToInt(RunRecord::epochsPlanned).max().orElse(0);
    }

    /** Whether any run has a finite value of {@code column} at its last epoch. */
    public boolean hasFinalValues(String column) {
        if (!hasColumn(column)) return false;
        for (RunRecord r : runs) if (Double.isFinite(r.atLastEpoch(column))) return true;
        return false;
    }

    /** The distinct non-empty values of a descriptive column (dataset, model, backend, ...). */
    public List<String> distinct(String column) {
        if (!hasColumn(column)) return List.of();
        Set<String> s = new LinkedHashSet<>();
        for (RunRecord r : runs) for (int e = 1; e <= r.epochsPlanned(); e++) {
            String v = RunsTable.text(r, e, column);
            if (!v.isBlank()) s.add(v);
        }
        return List.copyOf(s);
    }
}
