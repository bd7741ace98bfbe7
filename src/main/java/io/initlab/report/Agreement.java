package io.initlab.report;

import java.util.Locale;

/**
 * Whether a number a source published from ONE run agrees with our runs of the same cell (n seeds, often 3,
 * sometimes 1). A single published run has no spread of its own, so the rule asks where it falls among ours:
 * <ul>
 * <li>{@link Verdict#IN_RANGE}: inside [min, max] of our runs' values;</li>
 * <li>{@link Verdict#NEAR}: outside that range by at most a stated tolerance: 1 percentage point for a
 *     classification accuracy, 2 epochs for an epoch count (early stopping's patience makes it jumpy),
 *     10 % of the published value for anything else (losses, and the MAE of a regression study);</li>
 * <li>{@link Verdict#DIFFERS}: farther than that;</li>
 * <li>{@link Verdict#NO_VALUE}: we have no finished run with a value (the runs' status says why).</li>
 * </ul>
 * "Agrees" means in range or near. This is a plausibility check, not a statistical test: the min–max of 3
 * seeds understates the seed-to-seed spread, with one run the range is a single point (only the tolerance can
 * make it agree), and the tolerances are a stated choice, not derived from the data.
 */
public final class Agreement {
    private Agreement() {}

    /** The tolerance for a classification accuracy (a fraction): one percentage point. */
    public static final double ACCURACY_TOLERANCE = 0.01;
    /** The tolerance for an epoch count. */
    public static final double EPOCHS_TOLERANCE = 2;
    /** The tolerance for other metrics, relative to the published value. */
    public static final double RELATIVE_TOLERANCE = 0.10;

    public enum Verdict {
        IN_RANGE("inside our min–max"), NEAR("within tolerance of our min–max"), DIFFERS("differs"),
        NO_VALUE("no value of ours");

        private final String words;

        Verdict(String words) { this.words = words; }

        /** As published.csv writes it: in_range, near, differs, no_value. */
        public String text() { return name().toLowerCase(Locale.ROOT); }

        /** For readers: "inside our min–max", ... */
        public String words() { return words; }

        public boolean agrees() { return this == IN_RANGE || this == NEAR; }
    }

    /** The tolerance for {@code published} of this metric (see the class comment). */
    public static double tolerance(MetricLabel metric, double published) {
        if (metric.percent()) return ACCURACY_TOLERANCE;
        if (metric.epochCount()) return EPOCHS_TOLERANCE;
        return RELATIVE_TOLERANCE * Math.abs(published);
    }

    /** The tolerance in words, e.g. "±1 pp", "±2 epochs", "±10 %". */
    public static String toleranceText(MetricLabel metric) {
        if (metric.percent()) return "±" + Math.round(100 * ACCURACY_TOLERANCE) + " pp";
        if (metric.epochCount()) {
            return "±" + Math.round(EPOCHS_TOLERANCE) + " epochs";
        }
        return "±" + Math.round(100 * RELATIVE_TOLERANCE) + " %";
    }

    /** Where {@code published} falls against our runs' values {@code ours}, with {@code tolerance}. */
    public static Verdict judge(double published, Statistics.Describe ours, double tolerance) {
        if (ours.n() == 0 || !Double.isFinite(published)) return Verdict.NO_VALUE;
        if (published >= ours.min() && published <= ours.max()) return Verdict.IN_RANGE;
        double gap = published < ours.min() ? ours.min() - published : published - ours.max();
        // the factor keeps a gap of exactly the tolerance (0.991 − 0.981 = 0.010000000000000009) near
        return gap <= tolerance * (1 + 1e-9) ? Verdict.NEAR : Verdict.DIFFERS;
    }
}
