package io.initlab.report;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.initlab.results.RunRecord;
import io.initlab.results.RunStatus;
import io.initlab.results.RunsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    /** The results folder, where runs/RUN_ID.json hold what runs.csv does not (a failed run's error); nullable. */
    private final Path dir;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    public StudyData(List<RunRecord> runs, List<String> columns) {
        this(runs, columns, null);
    }

    public StudyData(List<RunRecord> runs, List<String> columns, Path dir) {
        this.dir = dir;
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
        RunsTable.Contents c = RunsTable.read(dir.resolve(RunsTable.FILE));
        return new StudyData(c.runs(), c.header(), dir);
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

    /** Whether this is a regression study (loss mse): its *_accuracy columns hold the MAE ({@link MetricLabel}). */
    public boolean regression() {
        return !runs.isEmpty() && runs.stream().allMatch(RunRecord::regression);
    }

    /** The label of a runs.csv column in this study: "validation accuracy", or "validation MAE" in a regression study. */
    public MetricLabel label(String column) {
        return new MetricLabel(column, regression());
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

    /**
     * How the runs of a group ended, e.g. "ok ×3", "ok ×2, diverged ×1", or, when none finished, with the
     * first run's reason: "not run: data not available here", "failed ×3: java.lang.OutOfMemoryError ...".
     * The reason comes from the record, else from runs/RUN_ID.json (runs.csv does not carry it). "no runs"
     * for a group without runs.
     */
    public String statusText(String group) {
        List<RunRecord> rs = runsOf(group);
        if (rs.isEmpty()) return "no runs";
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RunRecord r : rs) counts.merge(r.status().text().replace('_', ' '), 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        counts.forEach((status, n) -> parts.add(rs.size() == 1 ? status : status + " ×" + n));
        String text = String.join(", ", parts);
        if (rs.stream().anyMatch(RunRecord::ok)) return text;
        for (RunRecord r : rs) {
            String why = error(r).strip().lines().findFirst().orElse("");
            if (why.isBlank()) continue;
            // a not-run reason repeats its status ("not run: data not available here (PATH: …)"): say it once,
            // without the local detail (the table of runs that did not finish gives it in full)
            String own = r.status().text().replace('_', ' ') + ": ";
            if (why.startsWith(own)) {
                why = why.substring(own.length());
                if (r.status() == RunStatus.NOT_RUN && why.contains(" (")) why = why.substring(0, why.indexOf(" ("));
            }
            return text + ": " + why;
        }
        return text;
    }

    /** A run's error text: the record's, else its run file's "error" (runs.csv has no such column); "" when none. */
    public String error(RunRecord r) {
        if (r.error() != null && !r.error().isBlank()) return r.error();
        if (dir == null) return "";
        Path f = dir.resolve("runs").resolve(r.runId() + ".json");
        if (!Files.isRegularFile(f)) return "";
        try {
            var error = JSON.readTree(f.toFile()).path("error");
            return error.isTextual() ? error.asText() : "";
        } catch (IOException e) {
            return ""; // a damaged run file only costs the reason, not the report
        }
    }
}
