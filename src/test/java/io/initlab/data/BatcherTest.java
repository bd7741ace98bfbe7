package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatcherTest {
    @Test
    void epochOrderIsAShuffleThatChangesPerEpochAndRepeatsPerSeed() {
        int[] idx = IntStream.range(100, 1100).toArray();
        int[] e0 = Batcher.epochOrder(idx, 5, 0);
        int[] e1 = Batcher.epochOrder(idx, 5, 1);
        int[] copy = e0.clone();
        Arrays.sort(copy);
        assertThat(copy).containsExactly(idx);
        assertThat(e0).isNotEqualTo(e1);
        assertThat(e0).isNotEqualTo(idx);
        assertThat(Batcher.epochOrder(idx, 5, 1)).containsExactly(e1);
        assertThat(Batcher.epochOrder(idx, 6, 0)).isNotEqualTo(e0);
        assertThat(idx[0]).isEqualTo(100);  // input untouched
    }

    @Test
    void epochSeedsOfNeighbouringRunsDoNotCollide() {
        // (seed, epoch+1) and (seed+gamma, epoch) must not produce the same or shifted streams
        assertThat(Batcher.epochSeed(1, 1)).isNotEqualTo(Batcher.epochSeed(1 + 0x9E3779B97F4A7C15L, 0));
        assertThat(Batcher.epochOrder(IntStream.range(0, 50).toArray(), 1, 1))
                .isNotEqualTo(Batcher.epochOrder(IntStream.range(0, 50).toArray(), 2, 0));
    }

    @Test
    void gatherBatchCopiesRowsAndReportsShortLastBatch() {
        Dataset d = DatasetTest.four();  // 4 images of 1x2, image i = (i, i + .5), label i
        int[] order = {2, 0, 3, 1};
        float[] x = new float[3 * 2];
        int[] y = new int[3];
        assertThat(Batcher.gatherBatch(d, order, 0, 3, x, y)).isEqualTo(3);
        assertThat(x).containsExactly(2f, 2.5f, 0f, .5f, 3f, 3.5f);
        assertThat(y).containsExactly(2, 0, 3);
        assertThat(Batcher.gatherBatch(d, order, 3, 3, x, y)).isEqualTo(1);
        assertThat(Arrays.copyOf(x, 2)).containsExactly(1f, 1.5f);
        assertThat(y[0]).isEqualTo(1);
        assertThat(Batcher.gatherBatch(d, order, 4, 3, x, y)).isZero();
        assertThat(Batcher.batchCount(4, 3)).isEqualTo(2);
        assertThat(Batcher.batchCount(6, 3)).isEqualTo(2);
        assertThat(Batcher.stepsPerEpoch(55000, 128, true)).isEqualTo(429);
        assertThat(Batcher.stepsPerEpoch(55000, 128, false)).isEqualTo(430);
    }

    @Test
    void gatherBatchRejectsSmallBuffersAndBadStart() {
        Dataset d = DatasetTest.four();
        int[] order = {0, 1, 2, 3};
        assertThatThrownBy(() -> Batcher.gatherBatch(d, order, 0, 2, new float[3], new int[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Batcher.gatherBatch(d, order, 5, 2, new float[4], new int[2]))
                .isInstanceOf(IllegalArgumentException.class);
        // a short last batch fits a smaller buffer
        assertThat(Batcher.gatherBatch(d, order, 3, 2, new float[2], new int[1])).isEqualTo(1);
    }
}
