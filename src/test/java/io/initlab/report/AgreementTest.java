package io.initlab.report;

import static io.initlab.report.Agreement.Verdict.DIFFERS;
import static io.initlab.report.Agreement.Verdict.IN_RANGE;
import static io.initlab.report.Agreement.Verdict.NEAR;
import static io.initlab.report.Agreement.Verdict.NO_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rule for one published run against our n runs: inside our min–max, else within a stated tolerance. */
class AgreementTest {

    static Agreement.Verdict judge(String column, boolean regression, double published, double... ours) {
        MetricLabel m = new MetricLabel(column, regression);
        return Agreement.judge(published, Statistics.describe(ours), Agreement.tolerance(m, published));
    }

    @Test
    void insideOurRangeAgreesOutsideByTheToleranceIsNearFartherDiffers() {
        assertThat(judge("test_accuracy", false, 0.981, 0.978, 0.983, 0.980)).isEqualTo(IN_RANGE);
        assertThat(judge("test_accuracy", false, 0.978, 0.978, 0.983)).isEqualTo(IN_RANGE);       // the ends count
        // accuracy: 1 percentage point; 0.993 − 0.983 is 0.01 up to rounding, still near
        assertThat(judge("test_accuracy", false, 0.993, 0.978, 0.983)).isEqualTo(NEAR);
        assertThat(judge("test_accuracy", false, 0.9935, 0.978, 0.983)).isEqualTo(DIFFERS);
        assertThat(judge("test_accuracy", false, 0.968, 0.978, 0.983)).isEqualTo(NEAR);           // below as above
        assertThat(judge("test_accuracy", false, 0.967, 0.978, 0.983)).isEqualTo(DIFFERS);
        assertThat(NEAR.agrees()).isTrue();
        assertThat(DIFFERS.agrees()).isFalse();
    }

    @Test
    void oneRunOfOursIsARangeOfOnePoint() {
        assertThat(judge("best_val_accuracy", false, 0.9943, 0.9943)).isEqualTo(IN_RANGE);
        assertThat(judge("best_val_accuracy", false, 0.9943, 0.9900)).isEqualTo(NEAR);
        assertThat(judge("best_val_accuracy", false, 0.7205, 0.70)).isEqualTo(DIFFERS);
    }

    @Test
    void lossesAndMaeUseTenPercentOfThePublishedValueEpochsTwo() {
        // test loss 0.0675 published: tolerance 0.00675
        assertThat(judge("test_loss", false, 0.0675, 0.070, 0.074)).isEqualTo(NEAR);   // 0.0025 below the range
        assertThat(judge("test_loss", false, 0.0675, 0.075, 0.080)).isEqualTo(DIFFERS); // 0.0075 below
        // regression: test_accuracy holds the MAE, in dollars; not a percentage, so 10 % of 50 577.8 = 5 057.8
        assertThat(Agreement.tolerance(new MetricLabel("test_accuracy", true), 50577.8)).isCloseTo(5057.78, within());
        assertThat(judge("test_accuracy", true, 50577.8, 51056.2, 51730.5)).isEqualTo(NEAR);
        assertThat(judge("test_accuracy", true, 50577.8, 56000, 57000)).isEqualTo(DIFFERS);
        assertThat(judge("epochs_run", false, 10, 12, 14)).isEqualTo(NEAR);
        assertThat(judge("epochs_run", false, 9, 12, 14)).isEqualTo(DIFFERS);
        assertThat(Agreement.toleranceText(new MetricLabel("epochs_run", false))).isEqualTo("±2 epochs");
        assertThat(Agreement.toleranceText(new MetricLabel("test_accuracy", false))).isEqualTo("±1 pp");
        assertThat(Agreement.toleranceText(new MetricLabel("test_accuracy", true))).isEqualTo("±10 %");
    }

    @Test
    void noValueOfOursIsNoVerdict() {
        assertThat(judge("test_accuracy", false, 0.98)).isEqualTo(NO_VALUE);
        assertThat(judge("test_accuracy", false, 0.98, Double.NaN)).isEqualTo(NO_VALUE);
        assertThat(NO_VALUE.agrees()).isFalse();
        assertThat(IN_RANGE.text()).isEqualTo("in_range");
    }

    static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
