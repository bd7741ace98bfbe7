package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.initlab.results.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {

    @TempDir
    Path tmp;

    /** Rows: group, seed, fold, status, diverged_step, val_accuracy. */
    static List<Object[]> rows(Object[]... r) { return new ArrayList<>(List.of(r)); }

    @Test
    void divergedRunsAreCountedButLeftOutOfTheMean() {
        SyntheticStudy.writeRuns(tmp, rows(
                new Object[] {"a", 1, -1, "ok", null, 0.90},
                new Object[] {"a", 2, -1, "ok", null, 0.92},
                new Object[] {"a", 3, -1, "ok", null, 0.94},
                new Object[] {"a", 4, -1, "diverged", 123, 0.098},
                new Object[] {"b", 1, -1, "diverged", 7, null},
                new Object[] {"b", 2, -1, "diverged", 9, null},
                new Object[] {"c", 1, -1, "ok", null, 0.5},
                new Object[] {"c", 2, -1, "failed", null, null}));
        StudyData data = StudyData.load(tmp);
        assertThat(data.groups()).containsExactly("a", "b", "c");
        List<Summary.Row> s = Summary.compute(data, List.of("val_accuracy"), null);
        assertThat(s).hasSize(3);

        Summary.Row a = s.get(0);
        assertThat(a.stats().n()).isEqualTo(3);
        assertThat(a.diverged()).isEqualTo(1);
        assertThat(a.stats().mean()).isCloseTo(0.92, within(1e-12));     // not pulled down by the 0.098
        assertThat(a.stats().ciLow()).isCloseTo(0.8703172, within(1e-6)); // see StatisticsTest
        assertThat(a.withinPublished()).isEmpty();

        Summary.Row b = s.get(1);                                         // all diverged: no crash, no mean
        assertThat(b.stats().n()).isZero();
        assertThat(b.diverged()).isEqualTo(2);
        assertThat(b.stats().mean()).isNaN();

        Summary.Row c = s.get(2);                                         // n = 1: no CI; failed not diverged
        assertThat(c.stats().n()).isEqualTo(1);
        assertThat(c.diverged()).isZero();
        assertThat(c.failed()).isEqualTo(1);
        assertThat(c.stats().ciLow()).isNaN();
    }

    @Test
    void writesTheCsvWithEmptyCellsForMissingValues() throws Exception {
        SyntheticStudy.writeRuns(tmp, rows(
                new Object[] {"a", 1, -1, "ok", null, 0.90},
                new Object[] {"a", 2, -1, "ok", null, 0.92},
                new Object[] {"a", 3, -1, "ok", null, 0.94},
                new Object[] {"b", 1, -1, "diverged", 7, null},
                new Object[] {"c", 1, -1, "ok", null, 0.5}));
        StudyData data = StudyData.load(tmp);
        ExpectedResults ex = ExpectedResults.parse("""
                metric: val_accuracy
                expected:
                  - {group: a, low: 0.80, high: 0.91}
                  - {group: b, low: 0.1, high: 0.2}
                  - {group: c, low: 0.4, high: 0.6}
                """);
        Path csv = tmp.resolve("summary.csv");
        Summary.writeCsv(Summary.compute(data, List.of("val_accuracy"), ex), csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(String.join(",", Summary.HEADER));
        assertThat(lines.get(1)).isEqualTo("a,val_accuracy,3,0.92,0.02,0.870317,0.969683,0.9,0.94,0,0.8,0.91,false,true");
        assertThat(lines.get(2)).isEqualTo("b,val_accuracy,0,,,,,,,1,0.1,0.2,,");
        assertThat(lines.get(3)).isEqualTo("c,val_accuracy,1,0.5,,,,0.5,0.5,0,0.4,0.6,true,true");
    }

    @Test
    void flagsMeansOutsideThePublishedRange() {
        SyntheticStudy.writeRuns(tmp, rows(
                new Object[] {"zeros", 1, -1, "ok", null, 0.098},
                new Object[] {"zeros", 2, -1, "ok", null, 0.098},
                new Object[] {"he", 1, -1, "ok", null, 0.97},
                new Object[] {"he", 2, -1, "ok", null, 0.98},
                new Object[] {"other", 1, -1, "ok", null, 0.5}));
        ExpectedResults ex = ExpectedResults.parse("""
                source: "somewhere"
                metric: val_accuracy
                expected:
                  - group: zeros
                    low: 0.097
                    high: 0.099
                    note: "published 9.7–9.9 %"
                  - group: he
                    low: 0.90
                    high: 0.95
                """);
        List<Summary.Row> s = Summary.compute(StudyData.load(tmp), List.of("val_accuracy"), ex);
        assertThat(s.get(0).withinPublished()).contains(true);
        assertThat(s.get(0).outsidePublished()).isFalse();
        assertThat(s.get(0).publishedNote()).isEqualTo("published 9.7–9.9 %");
        assertThat(s.get(1).withinPublished()).contains(false);
        assertThat(s.get(1).outsidePublished()).isTrue();
        assertThat(s.get(2).hasPublished()).isFalse();
        assertThat(s.get(2).withinPublished()).isEmpty();
    }

    @Test
    void picksTheMetricsPresent() {
        Path dir = SyntheticStudy.standard().write(tmp.resolve("s"));
        StudyData data = StudyData.load(dir);
        assertThat(Summary.metricsPresent(data, ReportOptions.DEFAULT_METRICS, null))
                .containsExactly("val_accuracy", "test_accuracy");
        SyntheticStudy noTest = SyntheticStudy.standard();
        noTest.testAccuracy = false;
        StudyData d2 = StudyData.load(noTest.write(tmp.resolve("t")));
        assertThat(Summary.metricsPresent(d2, ReportOptions.DEFAULT_METRICS, null)).containsExactly("val_accuracy");
        ExpectedResults ex = new ExpectedResults("", "val_accuracy_dropout", List.of());
        assertThat(Summary.metricsPresent(d2, ReportOptions.DEFAULT_METRICS, ex))
                .containsExactly("val_accuracy", "val_accuracy_dropout");
        assertThat(Summary.metricsPresent(d2, List.of("no_such_column"), null)).isEmpty();
    }

    @Test
    void readsRunsWithTheirStatusAndLastEpoch() {
        Path dir = SyntheticStudy.standard().write(tmp.resolve("s"));
        StudyData data = StudyData.load(dir);
        assertThat(data.runs()).hasSize(25);
        assertThat(data.maxEpoch()).isEqualTo(4);
        RunRecord x3 = data.runsOf("xavier_normal").stream().filter(r -> r.seed() == 3).findFirst().orElseThrow();
        assertThat(x3.diverged()).isTrue();
        assertThat(x3.divergedStep()).isEqualTo(150);
        assertThat(x3.firstNonFiniteEpoch()).isEqualTo(2);
        assertThat(x3.divergenceText()).isEqualTo("diverged at step 150");
        RunRecord h1 = data.runsOf("he_normal").get(0);
        assertThat(h1.ok()).isTrue();
        assertThat(h1.fold()).isEqualTo(-1);
        assertThat(h1.atLastEpoch("test_accuracy")).isFinite();
        assertThat(h1.at(1, "test_accuracy")).isNaN();
    }
}
