package io.initlab.kernels;

/**
 * Regression losses and metrics over outputs y and targets t, both rows × outputs, one row (forward,
 * metric) or one output (backward) per index. The loss is Keras' {@code mean_squared_error}: the mean
 * over a row's outputs of (y - t)², averaged over the batch by the caller.
 */
public final class Regression {
    private Regression() {}

    /** rowLoss[row] = Σ_j (y - t)² / outputs. */
    public static void squaredErrorRow(int row, float[] y, float[] t, float[] rowLoss, int outputs) {
        int base = row * outputs;
        float sum = 0f;
        for (int j = 0; j < outputs; j++) {
            float d = y[base + j] - t[base + j];
            sum += d * d;
        }
        rowLoss[row] = sum / outputs;
    }

    /**
     * One output per index: dy = (y - t) · scale. With scale = 2 / (rows · outputs) this is the gradient of
     * the batch mean of {@link #squaredErrorRow} (the 2 of the square is folded into the scale).
     */
    public static void squaredErrorBackward(int idx, float[] y, float[] t, float[] dy, float scale) {
        dy[idx] = (y[idx] - t[idx]) * scale;
    }

    /** err[row] = Σ_j |y - t| / outputs: the row's absolute error, whose batch mean is Keras' MAE metric. */
    public static void absoluteErrorRow(int row, float[] y, float[] t, float[] err, int outputs) {
        int base = row * outputs;
        float sum = 0f;
        for (int j = 0; j < outputs; j++) {
            sum += Math.abs(y[base + j] - t[base + j]);
        }
        err[row] = sum / outputs;
    }
}
