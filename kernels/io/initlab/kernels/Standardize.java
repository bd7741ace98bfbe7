package io.initlab.kernels;

/**
 * Per-feature standardization, Keras' {@code Normalization} layer: y = (x - mean) / std over rows × features,
 * one value per index. The host computes std = max(sqrt(variance), ε) once (Keras' rule, ε = 1e-7), so the
 * kernel divides exactly as Keras does instead of multiplying by a reciprocal.
 */
public final class Standardize {
    private Standardize() {}

    /** y[i] = (x[i] - mean[f]) / std[f], f = i mod features. */
    public static void forward(int i, float[] x, float[] mean, float[] std, float[] y, int features) {
        int f = i - (i / features) * features;
        y[i] = (x[i] - mean[f]) / std[f];
    }

    /** dx[i] = dy[i] / std[f]: mean and std are constants, so the gradient only scales. */
    public static void backward(int i, float[] dy, float[] std, float[] dx, int features) {
        int f = i - (i / features) * features;
        dx[i] = dy[i] / std[f];
    }
}
