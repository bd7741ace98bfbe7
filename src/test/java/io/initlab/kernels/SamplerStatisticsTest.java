package io.initlab.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * Each sampler against its intended law on 200k draws: mean and variance within 5 standard errors,
 * and a Kolmogorov–Smirnov test (p > 1e-3) against commons-math's independent implementation.
 */
class SamplerStatisticsTest {
    static final int N = 200_000;
    static final int SEED_LO = 12345;
    static final int SEED_HI = 678;

    @Test
    void uniform() {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            Samplers.uniform(i, x, 0, 3, SEED_LO, SEED_HI, -0.5f, 2f);
        }
        check(x, new UniformRealDistribution(-0.5, 2));
    }

    @Test
    void normal() {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            Samplers.normal(i, x, 0, 4, SEED_LO, SEED_HI, 1.5f, 0.25f);
        }
        check(x, new NormalDistribution(1.5, 0.25));
    }

    @Test
    void truncatedNormal() {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            Samplers.truncatedNormal(i, x, 0, 5, SEED_LO, SEED_HI, 0f, 0.1f, 2f);
        }
        for (float v : x) {
            assertThat(v).isBetween(-0.2f, 0.2f);
        }
        check(x, new TruncatedNormal(0, 0.1, 2));
    }

    @Test
    void samplesAreIndependentOfTensorIdAndSeed() {
        float[] a = new float[1000];
        float[] b = new float[1000];
        float[] c = new float[1000];
        for (int i = 0; i < 1000; i++) {
            Samplers.normal(i, a, 0, 1, SEED_LO, SEED_HI, 0f, 1f);
            Samplers.normal(i, b, 0, 2, SEED_LO, SEED_HI, 0f, 1f);
            Samplers.normal(i, c, 0, 1, SEED_LO + 1, SEED_HI, 0f, 1f);
        }
        assertThat(Math.abs(correlation(a, b))).isLessThan(0.15);
        assertThat(Math.abs(correlation(a, c))).isLessThan(0.15);
    }

    @Test
    void normalQuantileMatchesCommonsMath() {
        NormalDistribution n = new NormalDistribution();
        for (double p : new double[] {1e-9, 1e-4, 0.01, 0.02425, 0.1, 0.5, 0.77, 0.975, 0.999, 1 - 1e-7}) {
            assertThat(NormalQuantile.inverseCdf(p)).as("p=" + p)
                    .isCloseTo(n.inverseCumulativeProbability(p), org.assertj.core.data.Offset.offset(1e-7 * Math.max(1, Math.abs(n.inverseCumulativeProbability(p)))));
        }
        for (double x : new double[] {-5, -2, -0.3, 0, 1, 2, 4}) {
            assertThat(NormalQuantile.cdf(x)).isCloseTo(n.cumulativeProbability(x), org.assertj.core.data.Offset.offset(2e-7));
        }
    }

    static double correlation(float[] a, float[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= a.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Mean and variance within 5 standard errors, KS p-value above 1e-3. */
    static void check(float[] x, RealDistribution d) {
        double[] v = new double[x.length];
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i];
            mean += x[i];
        }
        mean /= x.length;
        double var = 0;
        double m4 = 0;
        for (double e : v) {
            var += (e - mean) * (e - mean);
        }
        var /= x.length - 1;
        for (double e : v) {
            m4 += Math.pow(e - mean, 4);
        }
        m4 /= x.length;
        double seMean = Math.sqrt(d.getNumericalVariance() / x.length);
        double seVar = Math.sqrt((m4 - var * var) / x.length);
        assertThat(mean).isCloseTo(d.getNumericalMean(), org.assertj.core.data.Offset.offset(5 * seMean));
        assertThat(var).isCloseTo(d.getNumericalVariance(), org.assertj.core.data.Offset.offset(5 * seVar));
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(d, v);
        assertThat(p).as("KS p-value against " + d.getClass().getSimpleName()).isGreaterThan(1e-3);
    }

    /** N(mean, std²) truncated to mean ± cut·std, from commons-math's normal CDF. */
    static final class TruncatedNormal extends AbstractRealDistribution {
        final NormalDistribution n;
        final double lo, hi, mass;

        TruncatedNormal(double mean, double std, double cut) {
            super(null);
            n = new NormalDistribution(mean, std);
            lo = mean - cut * std;
            hi = mean + cut * std;
            mass = n.cumulativeProbability(hi) - n.cumulativeProbability(lo);
        }

        @Override public double density(double x) { return x < lo || x > hi ? 0 : n.density(x) / mass; }

        @Override public double cumulativeProbability(double x) {
            if (x <= lo) return 0;
            if (x >= hi) return 1;
            return (n.cumulativeProbability(x) - n.cumulativeProbability(lo)) / mass;
        }

        @Override public double getNumericalMean() { return n.getMean(); }

        @Override public double getNumericalVariance() {
            double c = (hi - n.getMean()) / n.getStandardDeviation();
            double phi = Math.exp(-c * c / 2) / Math.sqrt(2 * Math.PI);
            return n.getNumericalVariance() * (1 - 2 * c * phi / mass);
        }

        @Override public double getSupportLowerBound() { return lo; }
        @Override public double getSupportUpperBound() { return hi; }
        @Override public boolean isSupportLowerBoundInclusive() { return true; }
        @Override public boolean isSupportUpperBoundInclusive() { return true; }
        @Override public boolean isSupportConnected() { return true; }
    }
}
