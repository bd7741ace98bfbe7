package io.initlab.report;

import io.initlab.results.CsvTables;
import io.initlab.results.Num;
import io.initlab.results.RunRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per group and metric: the metric at the last epoch of each run, described over the group's runs.
 * Diverged and failed runs are left out of n, mean, CI, min and max; diverged runs are counted in
 * {@code diverged}. Independent of plotting and of files (except {@link #writeCsv}).
 */
public final class Summary {

    public static final List<String> HEADER = List.of("group", "metric", "n", "mean", "std", "ci95_low",
            "ci95_high", "min", "max", "diverged", "published_low", "published_high", "within_published",
            "ci_overlaps_published");

    /**
     * One row of summary.csv. {@code runs} is the number of runs of the group (all statuses);
     * {@code withinPublished} is empty when there is no published range or no mean.
     */
    public record Row(String group, String metric, Statistics.Describe stats, int runs, int diverged, int failed,
                      double publishedLow, double publishedHigh, Optional<Boolean> withinPublished,
                      String publishedNote) {

        public boolean hasPublished() { return Double.isFinite(publishedLow) && Double.isFinite(publishedHigh); }

        /** True when a published range exists, we have a mean, and the mean falls outside the range. */
        public boolean outsidePublished() { return withinPublished.isPresent() && !withinPublished.get(); }

        /**
         * Whether our 95 % CI (or, with one run, our value) overlaps the published range: a mean just
         * outside a range measured on a handful of runs is "near", not a disagreement.
         */
        public Optional<Boolean> ciOverlapsPublished() {
            if (withinPublished.isEmpty()) {
                return Optional.empty();
            }
            double lo = Double.isFinite(stats.ciLow()) ? stats.ciLow() : stats.mean();
            double hi = Double.isFinite(stats.ciHigh()) ? stats.ciHigh() : stats.mean();
            return Optional.of(lo <= publishedHigh && hi >= publishedLow);
        }

        List<String> csv() {
            Statistics.Describe s = stats;
            return List.of(group, metric, Integer.toString(s.n()), Num.fmt(s.mean()), Num.fmt(s.std()),
                    Num.fmt(s.ciLow()), Num.fmt(s.ciHigh()), Num.fmt(s.min()), Num.fmt(s.max()),
                    Integer.toString(diverged), Num.fmt(publishedLow), Num.fmt(publishedHigh),
                    withinPublished.map(String::valueOf).orElse(""),
                    ciOverlapsPublished().map(String::valueOf).orElse(""));
        }
    }

    private Summary() {}

    /**
     * The metrics a report covers: those of {@code requested} that are columns of runs.csv and have a
     * value at the last epoch of some run (the first requested one is kept whenever it is a column, so that
     * a study whose runs all diverged still gets rows), plus the expected-results metric and the metrics its
     * {@code published:} entries give (test_loss, epochs_run, ...).
     */
    public static List<String> metricsPresent(StudyData data, List<String> requested, ExpectedResults expected) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String m = requested.get(i);
            if (out.contains(m) || !data.hasColumn(m)) continue;
            if (i == 0 || data.hasFinalValues(m)) out.add(m);
        }
        if (expected != null) {
            List<String> more = new ArrayList<>(List.of(expected.metric()));
            more.addAll(expected.publishedMetrics());
            for (String m : more) if (data.hasColumn(m) && !out.contains(m)) out.add(m);
        }
        return out;
    }

    /** The final-epoch values of {@code metric} of the runs of {@code group} that count (status ok, finite). */
    public static double[] finalValues(StudyData data, String group, String metric) {
        return data.runsOf(group).stream().filter(RunRecord::ok)
                .mapToDouble(r -> r.atLastEpoch(metric)).filter(Double::isFinite).toArray();
    }

    /** One row per group × metric, groups in study order, metrics in the given order. */
    public static List<Row> compute(StudyData data, List<String> metrics, ExpectedResults expected) {
        List<Row> rows = new ArrayList<>();
        for (String metric : metrics) {
            for (String g : data.groups()) {
                List<RunRecord> runs = data.runsOf(g);
                int diverged = (int) runs.stream().filter(RunRecord::diverged).count();
                int failed = (int) runs.stream().filter(RunRecord::failed).count();
                Statistics.Describe s = Statistics.describe(finalValues(data, g, metric));
                double lo = Double.NaN, hi = Double.NaN;
                String note = "";
                Optional<Boolean> within = Optional.empty();
                if (expected != null && expected.metric().equals(metric)) {
                    Optional<ExpectedResults.Expected> e = expected.forGroup(g);
                    if (e.isPresent()) {
                        lo = e.get().low();
                        hi = e.get().high();
                        note = e.get().note();
                        if (Double.isFinite(s.mean())) within = Optional.of(e.get().contains(s.mean()));
                    }
                }
                rows.add(new Row(g, metric, s, runs.size(), diverged, failed, lo, hi, within, note));
            }
        }
        return rows;
    }

    public static void writeCsv(List<Row> rows, Path file) {
        CsvTables.write(file, HEADER, rows.stream().map(Row::csv).toList());
    }
}
