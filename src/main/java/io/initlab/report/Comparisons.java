package io.initlab.report;

import io.initlab.results.CsvTables;
import io.initlab.results.Num;
import io.initlab.results.RunRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paired comparisons between groups: runs of two groups are paired when they share (seed, fold), and
 * only pairs where both runs count (status ok, finite value) are used.
 */
public final class Comparisons {

    public static final List<String> HEADER = List.of("metric", "group_a", "group_b", "n_pairs", "mean_diff",
            "ci95_low", "ci95_high", "t", "p_value_t", "p_value_wilcoxon");

    /** One row of comparisons.csv; the difference is a − b. */
    public record Row(String metric, String groupA, String groupB, Statistics.Paired test) {
        List<String> csv() {
            Statistics.Paired p = test;
            return List.of(metric, groupA, groupB, Integer.toString(p.nPairs()), Num.fmt(p.meanDiff()),
                    Num.fmt(p.ciLow()), Num.fmt(p.ciHigh()), Num.fmt(p.t()), Num.fmt(p.pValueT()),
                    Num.fmt(p.pValueWilcoxon()));
        }
    }

    private Comparisons() {}

    /**
     * The pairs of groups to compare. {@code requested == null}: every pair of groups in study order.
     * Otherwise each inner list names two groups (a, b), or k > 2 groups meaning every pair among them;
     * duplicates are dropped and lists with fewer than two names are ignored.
     */
    public static List<List<String>> pairs(List<String> groups, List<List<String>> requested) {
        List<List<String>> out = new ArrayList<>();
        if (requested == null) {
            for (int i = 0; i < groups.size(); i++)
                for (int j = i + 1; j < groups.size(); j++) out.add(List.of(groups.get(i), groups.get(j)));
            return out;
        }
        for (List<String> r : requested) {
            if (r == null || r.size() < 2) continue;
            for (int i = 0; i < r.size(); i++)
                for (int j = i + 1; j < r.size(); j++) {
                    List<String> p = List.of(r.get(i), r.get(j));
                    if (!out.contains(p)) out.add(p);
                }
        }
        return out;
    }

    /** One row per metric × pair; a pair naming a group the study lacks gets n_pairs = 0. */
    public static List<Row> compute(StudyData data, List<String> metrics, List<List<String>> pairs) {
        List<Row> rows = new ArrayList<>();
        for (String metric : metrics) {
            for (List<String> p : pairs) {
                Map<RunRecord.SeedFold, Double> a = finalBySeedFold(data, p.get(0), metric);
                Map<RunRecord.SeedFold, Double> b = finalBySeedFold(data, p.get(1), metric);
                List<Double> xa = new ArrayList<>(), xb = new ArrayList<>();
                for (var e : a.entrySet()) {
                    Double vb = b.get(e.getKey());
                    if (vb != null) {
                        xa.add(e.getValue());
                        xb.add(vb);
                    }
                }
                Statistics.Paired t = Statistics.paired(xa.stream().mapToDouble(Double::doubleValue).toArray(),
                        xb.stream().mapToDouble(Double::doubleValue).toArray());
                rows.add(new Row(metric, p.get(0), p.get(1), t));
            }
        }
        return rows;
    }

    /** (seed, fold) → final value for the runs of a group that count; the first run wins on duplicates. */
    static Map<RunRecord.SeedFold, Double> finalBySeedFold(StudyData data, String group, String metric) {
        Map<RunRecord.SeedFold, Double> m = new LinkedHashMap<>();
        for (RunRecord r : data.runsOf(group)) {
            double v = r.atLastEpoch(metric);
            if (r.ok() && Double.isFinite(v)) m.putIfAbsent(r.seedFold(), v);
        }
        return m;
    }

    public static void writeCsv(List<Row> rows, Path file) {
        CsvTables.write(file, HEADER, rows.stream().map(Row::csv).toList());
    }
}
