package io.initlab.kernels;

/**
 * Per-tensor statistics for diagnostics (mean, variance, fraction of zeros, L2 norm) as a two-pass
 * chunked reduction: one chunk per index, partial results combined in double on the host. The second
 * pass centres on the mean, avoiding the cancellation of Σx² - n·mean² for tensors like ones.
 */
public final class TensorStats {
    private TensorStats() {}

    /** out[3 chunk + {0,1,2}] = Σx, Σx², count of exact zeros over x[chunk·size ..) ∩ [0, n). */
    public static void partialSums(int chunk, float[] x, int n, int chunkSize, float[] out) {
        int start = chunk * chunkSize;
        int end = Math.min(n, start + chunkSize);
        float sum = 0f;
        float squares = 0f;
        float zeros = 0f;
        for (int i = start; i < end; i++) {
            float v = x[i];
            sum += v;
            squares += v * v;
            if (v == 0f) {
                zeros += 1f;
            }
        }
        out[3 * chunk] = sum;
        out[3 * chunk + 1] = squares;
        out[3 * chunk + 2] = zeros;
    }

    /** out[chunk] = Σ (x - mean)² over the chunk. */
    public static void partialCentredSquares(int chunk, float[] x, int n, int chunkSize, float mean, float[] out) {
        int start = chunk * chunkSize;
        int end = Math.min(n, start + chunkSize);
        float sum = 0f;
        for (int i = start; i < end; i++) {
            float d = x[i] - mean;
            sum += d * d;
        }
        out[chunk] = sum;
    }
}
