package io.initlab.data;

import java.util.SplittableRandom;

/**
 * Mini-batch plumbing for the training loop: the example order of each epoch, and copying a
 * batch into buffers the trainer allocated once.
 */
public final class Batcher {
    private Batcher() {}

    /**
     * The order in which to visit {@code indices} in epoch {@code epoch}: a copy, shuffled with a
     * generator seeded by {@link #epochSeed(long, int) epochSeed(seed, epoch)}. A run with the same
     * seed sees the same batches; each epoch sees a different order.
     */
    public static int[] epochOrder(int[] indices, long seed, int epoch) {
        int[] order = indices.clone();
        Splits.shuffle(order, new SplittableRandom(epochSeed(seed, epoch)));
        return order;
    }

    /**
     * Mixes a run seed and an epoch into one seed: {@code mix(mix(seed) + gamma * (epoch + 1))}
     * with the SplitMix64 finalizer. Why not simply {@code seed + epoch}: SplittableRandom(s) and
     * SplittableRandom(s + gamma) give the same stream shifted by one draw, so runs with nearby
     * seeds, or one run's consecutive epochs, would get nearly identical shuffles. Mixing the seed
     * before adding the epoch also keeps (seed, epoch + 1) apart from (seed + gamma, epoch).
     */
    static long epochSeed(long seed, int epoch) {
        return mix64(mix64(seed) + GOLDEN_GAMMA * (epoch + 1L));
    }

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** The SplitMix64 output function (Stafford's variant 13), as in SplittableRandom. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Batches in an epoch of {@code n} examples: a short last batch is skipped when {@code dropLast}. */
    public static int stepsPerEpoch(int n, int batchSize, boolean dropLast) {
        return dropLast ? n / batchSize : batchCount(n, batchSize);
    }

    /** Number of batches in an epoch of {@code n} examples; the last one may be short. */
    public static int batchCount(int n, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        return (n + batchSize - 1) / batchSize;
    }

    /**
     * Copies examples {@code order[start] .. order[start + batchSize - 1]} of {@code d} into
     * {@code xOut} (row after row, {@code d.features()} floats each) and their labels into
     * {@code yOut}. Allocation-free: it runs once per step of every training run.
     *
     * @return rows copied: {@code batchSize}, fewer for the last batch, 0 when {@code start == order.length}
     */
    public static int gatherBatch(Dataset d, int[] order, int start, int batchSize, float[] xOut, int[] yOut) {
        return gatherBatch(d, order, start, batchSize, xOut, yOut, 0);
    }

    /**
     * As {@link #gatherBatch(Dataset, int[], int, int, float[], int[])}, into the buffers' rows from {@code toRow} on
     * (one run's block of lockstep runs).
     */
    public static int gatherBatch(Dataset d, int[] order, int start, int batchSize, float[] xOut, int[] yOut, int toRow) {
        int rows = batchRows(d, order, start, batchSize, xOut.length, yOut.length, toRow);
        int f = d.features();
        float[] images = d.images();
        int[] labels = d.labels();
        for (int r = 0; r < rows; r++) {
            int i = order[start + r];
            System.arraycopy(images, i * f, xOut, (toRow + r) * f, f);
            yOut[toRow + r] = labels[i];
        }
        return rows;
    }

    /**
     * As {@link #gatherBatch(Dataset, int[], int, int, float[], int[])} for a regression set: the
     * float targets of the rows go to {@code yOut}.
     */
    public static int gatherBatch(Dataset d, int[] order, int start, int batchSize, float[] xOut, float[] yOut) {
        return gatherBatch(d, order, start, batchSize, xOut, yOut, 0);
    }

    /** As {@link #gatherBatch(Dataset, int[], int, int, float[], float[])}, into the buffers' rows from {@code toRow} on. */
    public static int gatherBatch(Dataset d, int[] order, int start, int batchSize, float[] xOut, float[] yOut, int toRow) {
        int rows = batchRows(d, order, start, batchSize, xOut.length, yOut.length, toRow);
        int f = d.features();
        float[] x = d.images();
        float[] targets = d.targets();
        for (int r = 0; r < rows; r++) {
            int i = order[start + r];
            System.arraycopy(x, i * f, xOut, (toRow + r) * f, f);
            yOut[toRow + r] = targets[i];
        }
        return rows;
    }

    /** Rows in the batch at {@code start}, after checking the arguments and the buffer sizes. */
    private static int batchRows(Dataset d, int[] order, int start, int batchSize, int xLength, int yLength, int toRow) {
        if (start < 0 || start > order.length || batchSize <= 0) {
            throw new IllegalArgumentException("start " + start + " must be in 0.." + order.length
                    + " and batchSize " + batchSize + " positive");
        }
        int rows = Math.min(batchSize, order.length - start);
        int f = d.features();
        if (toRow < 0 || xLength < (long) (toRow + rows) * f || yLength < toRow + rows) {
            throw new IllegalArgumentException("buffers too small for " + rows + " rows of " + f + " features from row "
                    + toRow + ": xOut has "
                    + xLength + ", yOut " + yLength);
        }
        return rows;
    }
}
