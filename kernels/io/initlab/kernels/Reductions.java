package io.initlab.kernels;

/** Column sums (bias gradients), one column per index. */
public final class Reductions {
    private Reductions() {}

    /** out[col] = Σ_r x[r * cols + col]. */
    public static void columnSum(int col, float[] x, float[] out, int rows, int cols) {
        float sum = 0f;
        for (int r = 0; r < rows; r++) {
            sum += x[r * cols + col];
        }
        out[col] = sum;
    }
}
