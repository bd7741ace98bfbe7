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
}
