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

    /** One index: y = x · mask (forward) or dx = dy · mask (backward). */
    public static void apply(int i, float[] x, float[] mask, float[] y) {
        y[i] = x[i] * mask[i];
    }
}
