package io.initlab.backend.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked GEMM on the Java Vector API, for a range of output rows (the unit the worker pool
 * splits). All layouts share one micro-kernel that broadcasts 4 elements of A against 4 vectors of a B
 * row (16 accumulators), A being read through (row, depth) strides; NT first transposes B. Every output
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

    /** Columns per register block: four vectors. */
    static final int NB = 4 * L;

    /**
     * C[i, j] = Σ_p A(i, p) B[p, j] with A(i, p) = a[i·rs + p·ps], for rows [r0, r1). Blocks of 4 rows ×
     * 4 vectors keep 16 accumulators in registers (4 B loads and 4 broadcasts feed 16 FMAs per depth
     * step); the column tail runs vector by vector with a lane mask, the row tail one row at a time.
     */
    private static void broadcastKernel(float[] a, int rs, int ps, float[] b, float[] c, int n, int k, int r0, int r1) {
        int nBlocks = n - n % NB;
        int rBlocks = r0 + (r1 - r0) / 4 * 4;
        for (int j = 0; j < nBlocks; j += NB) {
            for (int i = r0; i < rBlocks; i += 4) {
                block4x4(a, rs, ps, b, c, n, k, i, j);
            }
        }
        for (int j = nBlocks; j < n; j += L) {
            for (int i = r0; i < rBlocks; i += 4) {
                block4x1(a, rs, ps, b, c, n, k, i, j);
            }
        }
        for (int i = rBlocks; i < r1; i++) {
            for (int j = 0; j < n; j += L) {
                row1x1(a, rs, ps, b, c, n, k, i, j);
            }
        }
    }

    private static void block4x4(float[] a, int rs, int ps, float[] b, float[] c, int n, int k, int i, int j) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S), c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S), c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bo + 3 * L);
            int ao = p * ps;
            FloatVector x = FloatVector.broadcast(S, a[a0 + ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[a1 + ao]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[a2 + ao]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[a3 + ao]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        int o = i * n + j;
        c00.intoArray(c, o);
        c01.intoArray(c, o + L);
        c02.intoArray(c, o + 2 * L);
        c03.intoArray(c, o + 3 * L);
        o += n;
        c10.intoArray(c, o);
        c11.intoArray(c, o + L);
        c12.intoArray(c, o + 2 * L);
        c13.intoArray(c, o + 3 * L);
        o += n;
        c20.intoArray(c, o);
        c21.intoArray(c, o + L);
        c22.intoArray(c, o + 2 * L);
        c23.intoArray(c, o + 3 * L);
        o += n;
        c30.intoArray(c, o);
        c31.intoArray(c, o + L);
        c32.intoArray(c, o + 2 * L);
        c33.intoArray(c, o + 3 * L);
    }

    /**
     * 4 rows × one vector of columns [j, min(j + L, n)). The mask is made here, not passed in: a mask
     * crossing a call boundary is boxed (an allocation per call).
     */
    private static void block4x1(float[] a, int rs, int ps, float[] b, float[] c, int n, int k, int i, int j) {
        VectorMask<Float> mask = S.indexInRange(j, n);
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            FloatVector bv = FloatVector.fromArray(S, b, p * n + j, mask);
            int ao = p * ps;
            c0 = FloatVector.broadcast(S, a[a0 + ao]).fma(bv, c0);
            c1 = FloatVector.broadcast(S, a[a1 + ao]).fma(bv, c1);
            c2 = FloatVector.broadcast(S, a[a2 + ao]).fma(bv, c2);
            c3 = FloatVector.broadcast(S, a[a3 + ao]).fma(bv, c3);
        }
        c0.intoArray(c, i * n + j, mask);
        c1.intoArray(c, (i + 1) * n + j, mask);
        c2.intoArray(c, (i + 2) * n + j, mask);
        c3.intoArray(c, (i + 3) * n + j, mask);
    }

    /** One row × one vector of columns [j, min(j + L, n)). */
    private static void row1x1(float[] a, int rs, int ps, float[] b, float[] c, int n, int k, int i, int j) {
        VectorMask<Float> mask = S.indexInRange(j, n);
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            acc = FloatVector.broadcast(S, a[i * rs + p * ps]).fma(FloatVector.fromArray(S, b, p * n + j, mask), acc);
        }
        acc.intoArray(c, i * n + j, mask);
    }

    /**
     * Bᵀ of B (n×k) into bt (k×n), so that A·Bᵀ runs on the broadcast kernel. A dot-product kernel would
     * need horizontal vector sums, whose order the Vector API leaves unspecified (interpreted and
     * compiled code differ), and a run must give the same bits every time.
     */
    static void transpose(float[] b, float[] bt, int n, int k) {
        final int t = 16; // tiles keep both the rows read and the rows written in L1
        for (int j0 = 0; j0 < n; j0 += t) {
            int j1 = Math.min(n, j0 + t);
            for (int p0 = 0; p0 < k; p0 += t) {
                int p1 = Math.min(k, p0 + t);
                for (int j = j0; j < j1; j++) {
                    for (int p = p0; p < p1; p++) {
                        bt[p * n + j] = b[j * k + p];
                    }
                }
            }
        }
    }
}
