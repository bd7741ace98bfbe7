package io.initlab.report;

import io.initlab.results.CsvTables;
import io.initlab.results.Num;
import io.initlab.results.RunRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Published single numbers beside ours, one row per group and published metric: what published.csv, the
 * report's "Published results" table and the combined table across studies show. Ours are the group's runs'
 * values at their last epoch (status ok, finite, as in summary.csv), judged by {@link Agreement}; a group
 * without such values shows how its runs ended instead ("not run: data not available here").
 */
public final class PublishedComparison {
    private PublishedComparison() {}

    public static final String FILE = "published.csv";
    public static final List<String> HEADER = List.of("study", "dataset", "model", "group", "metric", "label",
            "published", "n", "mean", "min", "max", "tolerance", "verdict", "status");

    /**
     * One group and metric. {@code status} is how the group's runs ended ("ok ×3", "not run: ...").
     */
    public record Row(String study, String dataset, String model, String group, MetricLabel metric, double published,
                      Statistics.Describe ours, double tolerance, Agreement.Verdict verdict, String status) {

        List<String> csv() {
            return List.of(study, dataset, model, group, metric.column(), metric.label(), exact(published),
                    Integer.toString(ours.n()), Num.fmt(ours.mean()), Num.fmt(ours.min()), Num.fmt(ours.max()),
                    Num.fmt(tolerance), verdict.text(), status);
        }
    }

    /**
     * The rows of one study: its groups in study order (published groups the study lacks at the end, with status
     * "no runs"), each group's metrics in the file's order. None when {@code expected} is null or publishes none.
     */
    public static List<Row> compute(String study, StudyData data, ExpectedResults expected) {
        List<Row> rows = new ArrayList<>();
        if (expected == null) return rows;
        List<String> groups = new ArrayList<>(data.groups());
        expected.published().stream().map(ExpectedResults.Published::group).filter(g -> !groups.contains(g))
                .forEach(groups::add);
        for (String g : groups) {
            var entry = expected.publishedFor(g);
            if (entry.isEmpty()) continue;
            List<RunRecord> runs = data.runsOf(g);
            String dataset = describe(runs, data, "dataset");
            String model = describe(runs, data, "model");
            String status = data.statusText(g);
            for (Map.Entry<String, Double> e : entry.get().values().entrySet()) {
                MetricLabel metric = data.label(e.getKey());
                double published = e.getValue();
                Statistics.Describe ours = data.hasColumn(e.getKey())
                        ? Statistics.describe(Summary.finalValues(data, g, e.getKey())) : Statistics.Describe.EMPTY;
                double tol = Agreement.tolerance(metric, published);
                rows.add(new Row(study, dataset, model, g, metric, published, ours, tol,
                        Agreement.judge(published, ours, tol), status));
            }
        }
        return rows;
    }

    /** A published number as the file gave it (no rounding: 207080.5312 stays so), without exponent. */
    static String exact(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /** The group's value of a text column (its first run's), else the study's first, else "". */
    private static String describe(List<RunRecord> runs, StudyData data, String column) {
        String v = runs.isEmpty() ? "" : io.initlab.results.RunsTable.text(runs.get(0), 1, column);
        if (!v.isBlank()) return v;
        List<String> all = data.distinct(column);
        return all.isEmpty() ? "" : all.get(0);
    }

    public static void writeCsv(List<Row> rows, Path file) {
        CsvTables.write(file, HEADER, rows.stream().map(Row::csv).toList());
    }
}
