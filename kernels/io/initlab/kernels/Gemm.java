package io.initlab.kernels;

/**
 * Matrix products in the three layouts training needs, row-major, one output element per index
 * (idx = row * n + col of the m×n result C). These are the reference bodies: the JVM backend's blocked
 * GEMM is tested against them and TornadoVM runs them as they are.
 */
public final class Gemm {
    private Gemm() {}

    /** C = A·B: A is m×k, B is k×n (forward: activations × weights). */
    public static void nn(int idx, float[] a, float[] b, float[] c, int m, int n, int k) {
        int row = idx / n;
        int col = idx - row * n;
        float sum = 0f;
        for (int p = 0; p < k; p++) {
            sum += a[row * k + p] * b[p * n + col];
        }
        c[idx] = sum;
    }

    /** C = Aᵀ·B: A is k×m, B is k×n (weight gradient: inputsᵀ × output gradients). */
    public static void tn(int idx, float[] a, float[] b, float[] c, int m, int n, int k) {
        int row = idx / n;
        int col = idx - row * n;
        float sum = 0f;
        for (int p = 0; p < k; p++) {
            sum += a[p * m + row] * b[p * n + col];
        }
        c[idx] = sum;
    }

    /** C = A·Bᵀ: A is m×k, B is n×k (input gradient: output gradients × weightsᵀ). */
    public static void nt(int idx, float[] a, float[] b, float[] c, int m, int n, int k) {
        int row = idx / n;
        int col = idx - row * n;
        float sum = 0f;
        for (int p = 0; p < k; p++) {
            sum += a[row * k + p] * b[col * k + p];
        }
        c[idx] = sum;
    }

    // --- R runs at once (lockstep training): run r's A, B and C are the r-th m×k, k×n (n×k for NT, k×m for TN)
    // and m×n blocks of stacked arrays. One output element per index, idx = r*m*n + row*n + col; each element is
    // the same depth-order sum as the single-run body above, so a run's results are bit-identical to its own.

    /** C_r = A_r·B_r for every run r (see {@link #nn}). */
    public static void nnRuns(int idx, float[] a, float[] b, float[] c, int m, int n, int k) {
        int run = idx / (m * n);
        int local = idx - run * m * n;
        int row = local / n;
        int col = local - row * n;
        int aBase = run * m * k + row * k;
        int bBase = run * k * n + col;
        float sum = 0f;
        for (int p = 0; p < k; p++) {
            sum += a[aBase + p] * b[bBase + p * n];
        }
        c[idx] = sum;
    }

    /** C_r = A_rᵀ·B_r for every run r (see {@link #tn}). */
    public static void tnRuns(int idx, float[] a, float[] b, float[] c, int m, int n, int k) {
        int run = idx / (m * n);
        int local = idx - run * m * n;
        int row = local / n;
        int col = local - row * n;
        int aBase = run * k * m + row;
        int bBase = run * k * n + col;
        float sum = 0f;
        for (int p = 0; p < k; p++) {
            sum += a[aBase + p * m] * b[bBase + p * n];
        }
        c[idx] = sum;
    }

    /** C_r = A_r·B_rᵀ for every run r (see {@link #nt}). */
    public static void ntRuns(int idx, float[] a, float[] b, float[] c, int m, int n, int k) {
        int run = idx / (m * n);
        int local = idx - run * m * n;
        int row = local / n;
        int col = local - row * n;
        int aBase = run * m * k + row * k;
        int bBase = run * n * k + col * k;
        float sum = 0f;
        for (int p = 0; p < k; p++) {
            sum += a[aBase + p] * b[bBase + p];
        }
        c[idx] = sum;
    }
}
