package io.initlab.report;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * The statistics of a report, independent of files and plots: descriptive statistics with a Student-t
 * 95 % confidence interval, and paired comparisons (paired t-test and Wilcoxon signed-rank test).
 * Missing values are NaN; every method is NaN-safe (it ignores non-finite inputs where documented).
 */
public final class Statistics {

    /** Wilcoxon p-values are reported from this many pairs on. */
    public static final int WILCOXON_MIN_PAIRS = 5;
    /** Up to this many non-zero differences the Wilcoxon p-value is exact, above it the normal approximation. */
    public static final int WILCOXON_EXACT_MAX = 30;

    private Statistics() {}

    /** n, mean, sample standard deviation (n-1), 95 % CI of the mean, min and max. */
    public record Describe(int n, double mean, double std, double ciLow, double ciHigh, double min, double max) {
        public static final Describe EMPTY = new Describe(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);

        /** Half-width of the confidence interval (NaN when n < 2). */
        public double ciHalfWidth() { return (ciHigh - ciLow) / 2; }
    }

    /**
     * Describes the finite values of {@code values} (NaN/Inf are dropped). n = 0 → all NaN; n = 1 → std
     * and CI NaN; else CI = mean ± t_{0.975, n-1} · std / √n.
     */
    public static Describe describe(double[] values) {
        double[] v = finite(values);
        int n = v.length;
        if (n == 0) return Describe.EMPTY;
        double mean = mean(v);
        double min = Arrays.stream(v).min().orElseThrow();
        double max = Arrays.stream(v).max().orElseThrow();
        if (n == 1) return new Describe(1, mean, Double.NaN, Double.NaN, Double.NaN, min, max);
        double sd = std(v, mean);
        double half = tQuantile975(n - 1) * sd / Math.sqrt(n);
        return new Describe(n, mean, sd, mean - half, mean + half, min, max);
    }

    /** The 0.975 quantile of Student's t with {@code df} degrees of freedom. */
    public static double tQuantile975(int df) {
        if (df < 1) return Double.NaN;
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    /** Mean of the values (NaN for none); does not filter. */
    public static double mean(double[] v) {
        if (v.length == 0) return Double.NaN;
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** Sample standard deviation (divisor n-1) of all values; NaN for fewer than two. */
    public static double std(double[] v) {
        return v.length < 2 ? Double.NaN : std(v, mean(v));
    }

    private static double std(double[] v, double mean) {
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return Math.sqrt(ss / (v.length - 1));
    }

    /** The finite values of {@code v}, in order. */
    public static double[] finite(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).toArray();
    }

    /**
     * A paired comparison of a against b: differences d = a - b.
     * {@code t} and {@code pValueT} are NaN when n < 2 or all differences are equal (zero variance);
     * {@code pValueWilcoxon} is NaN when n < {@link #WILCOXON_MIN_PAIRS}.
     */
    public record Paired(int nPairs, double meanDiff, double ciLow, double ciHigh, double t, double pValueT,
                         double pValueWilcoxon) {}

    /**
     * Paired t-test (two-sided) and Wilcoxon signed-rank test of {@code a[i]} against {@code b[i]}. Pairs
     * where either value is not finite are dropped first. For the Wilcoxon test, zero differences are
     * dropped (Wilcoxon's convention; all zero → p = 1); it is exact for up to
     * {@link #WILCOXON_EXACT_MAX} non-zero differences, else uses the normal approximation.
     */
    public static Paired paired(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("paired samples differ in length");
        int m = 0;
        double[] x = new double[a.length], y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                x[m] = a[i];
                y[m] = b[i];
                m++;
            }
        }
        x = Arrays.copyOf(x, m);
        y = Arrays.copyOf(y, m);
        double[] d = new double[m];
        for (int i = 0; i < m; i++) d[i] = x[i] - y[i];
        if (m == 0) return new Paired(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double md = mean(d);
        double lo = Double.NaN, hi = Double.NaN, t = Double.NaN, p = Double.NaN;
        if (m >= 2) {
            double sd = std(d, md);
            double se = sd / Math.sqrt(m);
            double half = tQuantile975(m - 1) * se;
            lo = md - half;
            hi = md + half;
            if (se > 0) {
                t = md / se;
                p = 2.0 * new TDistribution(null, m - 1).cumulativeProbability(-Math.abs(t));
            }
        }
        double pw = m >= WILCOXON_MIN_PAIRS ? wilcoxon(d) : Double.NaN;
        return new Paired(m, md, lo, hi, t, Math.min(1.0, p), pw);
    }

    /** Two-sided Wilcoxon signed-rank p-value of differences d (zeros dropped). */
    static double wilcoxon(double[] d) {
        double[] nz = Arrays.stream(d).filter(v -> v != 0).toArray();
        if (nz.length == 0) return 1.0;
        double[] zeros = new double[nz.length];
        double p = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(nz, zeros, nz.length <= WILCOXON_EXACT_MAX);
        return Math.min(1.0, p);
    }
}
