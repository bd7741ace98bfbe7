package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shapes Dataset gained for parts 7 and 8: channels, tables, regression targets. */
class DatasetShapesTest {
    @Test
    void oldConstructorIsAOneChannelImageSet() {
        Dataset d = new Dataset("m", new float[8], new int[] {0, 1}, 2, 2, 10);
        assertThat(d.channels()).isEqualTo(1);
        assertThat(d.features()).isEqualTo(4);
        assertThat(d.isTabular()).isFalse();
        assertThat(d.isRegression()).isFalse();
        assertThat(d.toString()).isEqualTo("m (2 images of 2x2, 10 classes)");
    }

    @Test
    void colourImagesCountAllPlanes() {
        Dataset d = Dataset.images("c", new float[2 * 3 * 4 * 5], new int[] {1, 2}, 3, 4, 5, 10);
        assertThat(d.features()).isEqualTo(60);
        assertThat(d.channels()).isEqualTo(3);
        assertThat(d.toString()).isEqualTo("c (2 images of 3x4x5, 10 classes)");
        Dataset s = d.subset(new int[] {1}, "c1");
        assertThat(s.channels()).isEqualTo(3);
        assertThat(s.labels()).containsExactly(2);
        assertThatThrownBy(() -> Dataset.images("bad", new float[59], new int[1], 3, 4, 5, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad: 59 pixel values do not make 1 images of 3x4x5");
    }

    @Test
    void tableIsOneRowOfFeatures() {
        Dataset t = Dataset.table("t", new float[] {1, 2, 3, 4, 5, 6}, new int[] {0, 2}, 3, 3);
        assertThat(t.rows()).isEqualTo(1);
        assertThat(t.cols()).isEqualTo(3);
        assertThat(t.features()).isEqualTo(3);
        assertThat(t.isTabular()).isTrue();
        assertThat(t.toString()).isEqualTo("t (2 rows of 3 features, 3 classes)");
        assertThat(t.slice(1, 2).images()).containsExactly(4, 5, 6);
        assertThat(t.slice(1, 2).isTabular()).isTrue();
    }

    @Test
    void regressionSetHasFloatTargetsAndNoLabels() {
        Dataset r = Dataset.regression("r", new float[] {1, 2, 3, 4, 5, 6}, new float[] {10.5f, -2f, 7f}, 2);
        assertThat(r.isRegression()).isTrue();
        assertThat(r.classes()).isZero();
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.toString()).isEqualTo("r (3 rows of 2 features, regression)");
        Dataset s = r.subset(new int[] {2, 0});
        assertThat(s.targets()).containsExactly(7f, 10.5f);
        assertThat(s.images()).containsExactly(5, 6, 1, 2);
        assertThat(r.slice(1, 3).targets()).containsExactly(-2f, 7f);
        assertThatThrownBy(r::labels).isInstanceOf(IllegalStateException.class)
                .hasMessage("r: a regression set has float targets, not labels; use targets()");
        assertThatThrownBy(r::labelHistogram).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Dataset.table("c", new float[2], new int[] {0, 1}, 1, 2).targets())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("c: a classification set has int labels, not float targets; use labels()");
    }

    @Test
    void gatherBatchCopiesRegressionTargets() {
        Dataset r = Dataset.regression("r", new float[] {1, 2, 3, 4, 5, 6}, new float[] {10f, 20f, 30f}, 2);
        float[] x = new float[4];
        float[] y = new float[2];
        assertThat(Batcher.gatherBatch(r, new int[] {2, 0, 1}, 0, 2, x, y)).isEqualTo(2);
        assertThat(x).containsExactly(5, 6, 1, 2);
        assertThat(y).containsExactly(30f, 10f);
        assertThat(Batcher.gatherBatch(r, new int[] {2, 0, 1}, 2, 2, x, y)).isEqualTo(1);
        assertThat(y[0]).isEqualTo(20f);
        assertThatThrownBy(() -> Batcher.gatherBatch(r, new int[] {0, 1}, 0, 2, new float[3], new float[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
