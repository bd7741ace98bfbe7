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

    /**
     * {@link #columnSum} for R runs at once, one (run, column) per index (idx = run*cols + col): x holds each run's
     * rows×cols block in turn, out each run's cols sums; the same row order, so the same bits as one run alone.
     */
    public static void columnSumRuns(int idx, float[] x, float[] out, int rows, int cols) {
        int run = idx / cols;
        int col = idx - run * cols;
        int base = run * rows * cols + col;
        float sum = 0f;
        for (int r = 0; r < rows; r++) {
            sum += x[base + r * cols];
        }
        out[idx] = sum;
    }
}
