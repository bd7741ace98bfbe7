package io.initlab.kernels;

/**
 * Inverted dropout (as PyTorch and Keras): kept units are scaled by 1/keep during training so that
 * evaluation needs no rescaling. The mask of step s, layer l, element i is drawn from Philox counter
 * (i, s, l, 1), so it is the same on every backend.
 */
public final class Dropout {
    private Dropout() {}

    /**
     * One index: mask[i] = 1/keep with probability keep, else 0. The step number comes in step[0] so a
     * compiled task graph can draw a new mask every step.
     */
    public static void mask(int i, float[] mask, int[] step, int layerId, int seedLo, int seedHi, float keep) {
        double u = Philox.open01(Philox.word(i, step[0], layerId, 1, seedLo, seedHi, 0));
        mask[i] = u < keep ? 1f / keep : 0f;
    }

    /**
     * {@link #mask} for R runs at once (lockstep training): mask holds each run's n elements in turn, and run r draws
     * with its own seed, seeds[2r] (low word) and seeds[2r + 1] (high word): every run gets the mask it gets alone.
     */
    public static void maskRuns(int idx, float[] mask, int[] step, int layerId, int[] seeds, int n, float keep) {
        int run = idx / n;
        int i = idx - run * n;
        double u = Philox.open01(Philox.word(i, step[0], layerId, 1, seeds[2 * run], seeds[2 * run + 1], 0));
        mask[idx] = u < keep ? 1f / keep : 0f;
    }

    /** One index: y = x · mask (forward) or dx = dy · mask (backward). */
    public static void apply(int i, float[] x, float[] mask, float[] y) {
        y[i] = x[i] * mask[i];
    }
}
