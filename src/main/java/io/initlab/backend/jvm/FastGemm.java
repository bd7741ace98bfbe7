package io.initlab.backend.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked GEMM on the Java Vector API, for a range of output rows (the unit the worker pool
 * splits). All layouts share one micro-kernel that broadcasts 4 elements of A against 2 vectors of a B
 * row (8 accumulators), A being read through (row, depth) strides; NT first transposes B. Every output
 * element is summed in depth order with exactly rounded FMAs, so results do not depend on the thread
 * count or on JIT state. Tested against the one-index bodies of {@code io.initlab.kernels.Gemm}.
 */
final class FastGemm {
    private FastGemm() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /** C rows [r0, r1) of A·B, A m×k row-major. */
    static void nn(float[] a, float[] b, float[] c, int n, int k, int r0, int r1) {
        broadcastKernel(a, k, 1, b, c, n, k, r0, r1);
    }

    /** C rows [r0, r1) of Aᵀ·B, A k×m row-major. */
    static void tn(float[] a, float[] b, float[] c, int m, int n, int k, int r0, int r1) {
        broadcastKernel(a, 1, m, b, c, n, k, r0, r1);
    }

    /**
     * C[i, j] = Σ_p A(i, p) B[p, j] with A(i, p) = a[i·rs + p·ps], for rows [r0, r1).
     */
    private static void broadcastKernel(float[] a, int rs, int ps, float[] b, float[] c, int n, int k, int r0, int r1) {
        int nVec2 = n - n % (2 * L);
        for (int j = 0; j < nVec2; j += 2 * L) {
            int i = r0;
            for (; i + 4 <= r1; i += 4) {
                FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
                FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
                FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
                FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
                int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
                for (int p = 0; p < k; p++) {
                    int bo = p * n + j;
                    FloatVector b0 = FloatVector.fromArray(S, b, bo);
                    FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
                    int ao = p * ps;
                    FloatVector x0 = FloatVector.broadcast(S, a[a0 + ao]);
                    FloatVector x1 = FloatVector.broadcast(S, a[a1 + ao]);
                    FloatVector x2 = FloatVector.broadcast(S, a[a2 + ao]);
                    FloatVector x3 = FloatVector.broadcast(S, a[a3 + ao]);
                    c00 = x0.fma(b0, c00);
                    c01 = x0.fma(b1, c01);
                    c10 = x1.fma(b0, c10);
                    c11 = x1.fma(b1, c11);
                    c20 = x2.fma(b0, c20);
                    c21 = x2.fma(b1, c21);
                    c30 = x3.fma(b0, c30);
                    c31 = x3.fma(b1, c31);
                }
                c00.intoArray(c, i * n + j);
                c01.intoArray(c, i * n + j + L);
                c10.intoArray(c, (i + 1) * n + j);
                c11.intoArray(c, (i + 1) * n + j + L);
                c20.intoArray(c, (i + 2) * n + j);
                c21.intoArray(c, (i + 2) * n + j + L);
                c30.intoArray(c, (i + 3) * n + j);
                c31.intoArray(c, (i + 3) * n + j + L);
            }
            for (; i < r1; i++) {
                FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    FloatVector x = FloatVector.broadcast(S, a[i * rs + p * ps]);
                    c0 = x.fma(FloatVector.fromArray(S, b, p * n + j), c0);
                    c1 = x.fma(FloatVector.fromArray(S, b, p * n + j + L), c1);
                }
                c0.intoArray(c, i * n + j);
                c1.intoArray(c, i * n + j + L);
            }
        }
        if (nVec2 < n) {
            scalarColumns(a, rs, ps, b, c, n, k, r0, r1, nVec2);
        }
    }

    /** Columns [j0, n) that do not fill two vectors. */
    private static void scalarColumns(float[] a, int rs, int ps, float[] b, float[] c, int n, int k, int r0, int r1, int j0) {
        for (int i = r0; i < r1; i++) {
            for (int j = j0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[i * rs + p * ps] * b[p * n + j];
                }
                c[i * n + j] = sum;
            }
        }
    }

    /**
     * Bᵀ of B (n×k) into bt (k×n), so that A·Bᵀ runs on the broadcast kernel. A dot-product kernel would
     * need horizontal vector sums, whose order the Vector API leaves unspecified (interpreted and
     * compiled code differ), and a run must give the same bits every time.
     */
    static void transpose(float[] b, float[] bt, int n, int k) {
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = b[j * k + p];
            }
        }
    }
}
