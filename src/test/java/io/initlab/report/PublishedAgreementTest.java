package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "near" vs "outside": a mean outside the published range whose 95 % CI still overlaps it is near. */
class PublishedAgreementTest {

    static Summary.Row row(double[] values, double lo, double hi) {
        Statistics.Describe d = Statistics.describe(values);
        boolean within = d.mean() >= lo && d.mean() <= hi;
        return new Summary.Row("g", "val_accuracy", d, values.length, 0, 0, lo, hi, Optional.of(within), "");
    }

    @Test
    void ciOverlapDecidesNearOrOutside() {
        // mean 0.966, sd 0.002, n 5: CI ≈ 0.966 ± 2.776·0.002/√5 = [0.9635, 0.9685]
        Summary.Row near = row(new double[] {0.964, 0.965, 0.966, 0.967, 0.968}, 0.9675, 0.9695);
        assertThat(near.outsidePublished()).isTrue();
        assertThat(near.ciOverlapsPublished()).contains(true);
        Summary.Row far = row(new double[] {0.964, 0.965, 0.966, 0.967, 0.968}, 0.975, 0.98);
        assertThat(far.ciOverlapsPublished()).contains(false);
        Summary.Row single = row(new double[] {0.5}, 0.4, 0.6);
        assertThat(single.ciOverlapsPublished()).contains(true);
        Summary.Row none = new Summary.Row("g", "m", Statistics.describe(new double[] {0.5}), 1, 0, 0, Double.NaN, Double.NaN,
                Optional.empty(), "");
        assertThat(none.ciOverlapsPublished()).isEmpty();
    }
}
