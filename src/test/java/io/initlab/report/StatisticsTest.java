package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.initlab.results.Num;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void describesATinySampleByHand() {
        // x = 0.90, 0.92, 0.94: mean = 0.92; deviations -0.02, 0, 0.02 → SS = 0.0008, var = 0.0008/2 = 0.0004,
        // sd = 0.02; se = 0.02/√3 = 0.0115470; t_{0.975,2} = 4.302653 (table value) → half-width 0.0496828,
        // CI = [0.8703172, 0.9696828].
        Statistics.Describe d = Statistics.describe(new double[] {0.90, 0.92, 0.94});
        assertThat(d.n()).isEqualTo(3);
        assertThat(d.mean()).isCloseTo(0.92, within(1e-12));
        assertThat(d.std()).isCloseTo(0.02, within(1e-12));
        assertThat(Statistics.tQuantile975(2)).isCloseTo(4.302653, within(1e-6));
        assertThat(d.ciLow()).isCloseTo(0.8703172, within(1e-6));
        assertThat(d.ciHigh()).isCloseTo(0.9696828, within(1e-6));
        assertThat(d.min()).isEqualTo(0.90);
        assertThat(d.max()).isEqualTo(0.94);
    }

    @Test
    void tQuantilesMatchTables() {
        assertThat(Statistics.tQuantile975(1)).isCloseTo(12.7062, within(1e-4));
        assertThat(Statistics.tQuantile975(4)).isCloseTo(2.7764, within(1e-4));
        assertThat(Statistics.tQuantile975(30)).isCloseTo(2.0423, within(1e-4));
        assertThat(Statistics.tQuantile975(0)).isNaN();
    }

    @Test
    void singleValueHasNoSpreadAndEmptyHasNothing() {
        Statistics.Describe one = Statistics.describe(new double[] {0.5});
        assertThat(one.n()).isEqualTo(1);
        assertThat(one.mean()).isEqualTo(0.5);
        assertThat(one.std()).isNaN();
        assertThat(one.ciLow()).isNaN();
        assertThat(one.ciHigh()).isNaN();

        Statistics.Describe none = Statistics.describe(new double[] {});
        assertThat(none.n()).isZero();
        assertThat(none.mean()).isNaN();
    }

    @Test
    void nonFiniteValuesAreIgnored() {
        Statistics.Describe d = Statistics.describe(new double[] {Double.NaN, 0.90, Double.POSITIVE_INFINITY, 0.92,
                0.94, Double.NEGATIVE_INFINITY});
        assertThat(d.n()).isEqualTo(3);
        assertThat(d.mean()).isCloseTo(0.92, within(1e-12));
        assertThat(Statistics.describe(new double[] {Double.NaN, Double.NaN}).n()).isZero();
    }

    @Test
    void pairedTTestMatchesAKnownCase() {
        // a = 1..5, b = 2,2,4,5,7: d = -1,0,-1,-1,-2; mean -1; SS = 0+1+0+0+1 = 2, var = 0.5, sd = 0.707107;
        // se = sd/√5 = 0.316228; t = -1/0.316228 = -√10 = -3.162278 with 4 df.
        // Student t with 4 df has the closed-form CDF F(t) = 1/2 + (3/8)·(t/√(1+t²/4))·(1 − t²/(12(1+t²/4))):
        // for |t| = √10: 1+t²/4 = 3.5,
        // t/√3.5 = 1.690309, 1 − 10/42 = 0.761905 → F = 0.5 + 0.375·1.287855 = 0.982946,
        // two-sided p = 2(1 − 0.982946) = 0.034109 (scipy.stats.ttest_rel: 0.0341094).
        Statistics.Paired p = Statistics.paired(new double[] {1, 2, 3, 4, 5}, new double[] {2, 2, 4, 5, 7});
        assertThat(p.nPairs()).isEqualTo(5);
        assertThat(p.meanDiff()).isCloseTo(-1.0, within(1e-12));
        assertThat(p.t()).isCloseTo(-Math.sqrt(10), within(1e-9));
        assertThat(p.pValueT()).isCloseTo(0.0341094, within(1e-6));
        // CI: -1 ± t_{0.975,4}·se = -1 ± 2.776445·0.316228 = -1 ± 0.877985
        assertThat(p.ciLow()).isCloseTo(-1.877985, within(1e-5));
        assertThat(p.ciHigh()).isCloseTo(-0.122015, within(1e-5));
    }

    @Test
    void wilcoxonExactMatchesAHandCount() {
        // d = 0.5, 1.2, -0.3, 2.1, 0.9, 1.7: ranks of |d| → 0.3:1, 0.5:2, 0.9:3, 1.2:4, 1.7:5, 2.1:6;
        // W- = 1, W+ = 20. Of the 2^6 = 64 sign patterns, those with W+ >= 20 are the complements of the
        // subsets with rank sum <= 1: {} and {1} → 2; two-sided p = 2 · 2/64 = 0.0625.
        double[] b = {0, 0, 0, 0, 0, 0};
        Statistics.Paired p = Statistics.paired(new double[] {0.5, 1.2, -0.3, 2.1, 0.9, 1.7}, b);
        assertThat(p.pValueWilcoxon()).isCloseTo(0.0625, within(1e-12));
    }

    @Test
    void wilcoxonNeedsFivePairsAndIgnoresZeroDifferences() {
        Statistics.Paired four = Statistics.paired(new double[] {1, 2, 3, 4}, new double[] {0, 0, 0, 1});
        assertThat(four.pValueWilcoxon()).isNaN();
        assertThat(four.pValueT()).isFinite();
        Statistics.Paired same = Statistics.paired(new double[] {1, 2, 3, 4, 5}, new double[] {1, 2, 3, 4, 5});
        assertThat(same.pValueWilcoxon()).isEqualTo(1.0);
        assertThat(same.meanDiff()).isZero();
        assertThat(same.t()).as("zero variance: t undefined").isNaN();
        assertThat(same.pValueT()).isNaN();
    }

    @Test
    void pairsWithAMissingValueAreDropped() {
        Statistics.Paired p = Statistics.paired(new double[] {1, Double.NaN, 3}, new double[] {0, 1, Double.NaN});
        assertThat(p.nPairs()).isEqualTo(1);
        assertThat(p.meanDiff()).isEqualTo(1.0);
        assertThat(p.ciLow()).isNaN();
        assertThat(p.t()).isNaN();
        Statistics.Paired none = Statistics.paired(new double[] {}, new double[] {});
        assertThat(none.nPairs()).isZero();
        assertThat(none.meanDiff()).isNaN();
    }

    @Test
    void formatsAndParsesNumbers() {
        assertThat(Num.fmt(Double.NaN)).isEmpty();
        assertThat(Num.fmt(Double.POSITIVE_INFINITY)).isEmpty();
        assertThat(Num.fmt(0)).isEqualTo("0");
        assertThat(Num.fmt(0.97833333333)).isEqualTo("0.978333");
        assertThat(Num.fmt(12)).isEqualTo("12");
        assertThat(Num.fmt(-627.86912)).isEqualTo("-627.869");
        assertThat(Num.fmt(0.1)).isEqualTo("0.1");
        assertThat(Num.fmt(1.234567e-7)).isEqualTo("1.23457E-7");
        assertThat(Double.parseDouble(Num.fmt(1.234567e-7))).isEqualTo(1.23457e-7);
        assertThat(Num.parse("")).isNaN();
        assertThat(Num.parse(" nan ")).isNaN();
        assertThat(Num.parse("NaN")).isNaN();
        assertThat(Num.parse("inf")).isInfinite();
        assertThat(Num.parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Num.parse("0.25")).isEqualTo(0.25);
        assertThat(Num.parse("garbage")).isNaN();
        assertThat(Num.parseLong("3.0", -1)).isEqualTo(3);
        assertThat(Num.parseLong("", -1)).isEqualTo(-1);
    }
}
