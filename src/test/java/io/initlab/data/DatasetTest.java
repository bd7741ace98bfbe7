package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Four 1x2 images; image i holds pixels (i, i + 0.5), label i. */
    static Dataset four() {
        float[] x = {0f, .5f, 1f, 1.5f, 2f, 2.5f, 3f, 3.5f};
        return new Dataset("four", x, new int[] {0, 1, 2, 3}, 1, 2, 10);
    }

    @Test
    void subsetCopiesRowsInGivenOrder() {
        Dataset d = four();
        Dataset s = d.subset(new int[] {3, 1, 3});
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.labels()).containsExactly(3, 1, 3);
        assertThat(s.images()).containsExactly(3f, 3.5f, 1f, 1.5f, 3f, 3.5f);
        s.images()[0] = 99f;
        assertThat(d.images()[6]).isEqualTo(3f);  // a copy, not a view
    }

    @Test
    void sliceCopiesARange() {
        Dataset s = four().slice(1, 3);
        assertThat(s.labels()).containsExactly(1, 2);
        assertThat(s.images()).containsExactly(1f, 1.5f, 2f, 2.5f);
        assertThat(four().slice(2, 2).count()).isZero();
    }

    @Test
    void rejectsBadIndicesAndShapes() {
        assertThatThrownBy(() -> four().subset(new int[] {4})).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> four().slice(3, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new Dataset("bad", new float[7], new int[4], 1, 2, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad: 7 pixel values do not make 4 images of 1x2");
    }

    @Test
    void histogramCountsLabels() {
        Dataset d = new Dataset("h", new float[5], new int[] {1, 1, 9, 0, 1}, 1, 1, 10);
        assertThat(d.labelHistogram()).containsExactly(1, 3, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(d.features()).isEqualTo(1);
        assertThat(d.toString()).isEqualTo("h (5 images of 1x1, 10 classes)");
    }
}
