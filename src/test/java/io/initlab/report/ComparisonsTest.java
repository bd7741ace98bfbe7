package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonsTest {

    @TempDir
    Path tmp;

    @Test
    void allPairsByDefaultAndExpandsLongerLists() {
        List<String> g = List.of("a", "b", "c");
        assertThat(Comparisons.pairs(g, null)).containsExactly(List.of("a", "b"), List.of("a", "c"), List.of("b", "c"));
        assertThat(Comparisons.pairs(g, List.of(List.of("c", "a"), List.of("x"), List.of("a", "b", "c"), List.of("c", "a"))))
                .containsExactly(List.of("c", "a"), List.of("a", "b"), List.of("a", "c"), List.of("b", "c"));
        assertThat(Comparisons.pairs(List.of("only"), null)).isEmpty();
    }

    @Test
    void pairsRunsBySeedAndFoldAndSkipsDivergedOnes() throws Exception {
        // a and b share seeds 1..5 (fold -1); b's seed 4 diverged, a has an extra seed 9 → 4 pairs.
        SyntheticStudy.writeRuns(tmp, SummaryTest.rows(
                new Object[] {"a", 1, -1, "ok", null, 1.0},
                new Object[] {"a", 2, -1, "ok", null, 2.0},
                new Object[] {"a", 3, -1, "ok", null, 3.0},
                new Object[] {"a", 4, -1, "ok", null, 4.0},
                new Object[] {"a", 5, -1, "ok", null, 5.0},
                new Object[] {"a", 9, -1, "ok", null, 9.0},
                new Object[] {"b", 5, -1, "ok", null, 7.0},
                new Object[] {"b", 1, -1, "ok", null, 2.0},
                new Object[] {"b", 2, -1, "ok", null, 2.0},
                new Object[] {"b", 3, -1, "ok", null, 4.0},
                new Object[] {"b", 4, -1, "diverged", 10, null}));
        StudyData data = StudyData.load(tmp);
        List<Comparisons.Row> rows = Comparisons.compute(data, List.of("val_accuracy"),
                List.of(List.of("a", "b"), List.of("a", "nope")));
        Comparisons.Row ab = rows.get(0);
        // pairs (seed: a, b) 1: 1,2  2: 2,2  3: 3,4  5: 5,7 → d = -1, 0, -1, -2; mean -1
        assertThat(ab.test().nPairs()).isEqualTo(4);
        assertThat(ab.test().meanDiff()).isCloseTo(-1.0, within(1e-12));
        assertThat(ab.test().pValueWilcoxon()).isNaN();          // fewer than 5 pairs
        // paired t-test on d (df 3), references from scipy 1.x: stats.ttest_rel([1,2,3,5], [2,2,4,7]) and
        // mean ± stats.t.ppf(0.975, 3) * d.std(ddof=1) / 2
        assertThat(ab.test().t()).isCloseTo(-2.449489742783178, within(1e-12));
        assertThat(ab.test().pValueT()).isCloseTo(0.09172111331157186, within(1e-9));
        assertThat(ab.test().ciLow()).isCloseTo(-2.299228263625111, within(1e-9));
        assertThat(ab.test().ciHigh()).isCloseTo(0.2992282636251109, within(1e-9));
        Comparisons.Row missing = rows.get(1);
        assertThat(missing.test().nPairs()).isZero();

        Path csv = tmp.resolve("comparisons.csv");
        Comparisons.writeCsv(rows, csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(
                "metric,group_a,group_b,n_pairs,mean_diff,ci95_low,ci95_high,t,p_value_t,p_value_wilcoxon");
        assertThat(lines.get(1)).isEqualTo("val_accuracy,a,b,4,-1,-2.29923,0.299228,-2.44949,0.0917211,"); // no Wilcoxon
        assertThat(lines.get(2)).isEqualTo("val_accuracy,a,nope,0,,,,,,");
    }

    @Test
    void foldsAreKeptApart() {
        SyntheticStudy.writeRuns(tmp, SummaryTest.rows(
                new Object[] {"a", 1, 0, "ok", null, 1.0},
                new Object[] {"a", 1, 1, "ok", null, 2.0},
                new Object[] {"b", 1, 1, "ok", null, 1.5},
                new Object[] {"b", 1, 2, "ok", null, 0.0}));
        StudyData data = StudyData.load(tmp);
        List<Comparisons.Row> rows = Comparisons.compute(data, List.of("val_accuracy"),
                Comparisons.pairs(data.groups(), null));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).test().nPairs()).isEqualTo(1);
        assertThat(rows.get(0).test().meanDiff()).isCloseTo(0.5, within(1e-12));
    }
}
