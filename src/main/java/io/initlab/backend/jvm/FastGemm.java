package io.initlab.backend.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked GEMM on the Java Vector API, for a range of output rows (the unit the worker pool
 * splits). All layouts share one micro-kernel that broadcasts 4 elements of A against 4 vectors of a B
 * row (16 accumulators), A being read through (row, depth) strides; NT first transposes B. Every output
 * element is summed in depth order with exactly rounded FMAs (in depth passes that keep B's slab in cache), so results do not depend on the thread
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
     * Depth per pass. A pass streams a KC-deep slab of B through every row block while it is in L2;
     * without passes a deep product (a conv weight gradient: k = batch·pixels, 43k at 28×28) streams all
     * of B from memory once per row block. Later passes continue each element's FMA chain from the value
     * stored in C, so the sum, its order and its roundings are the same as in one pass: bit for bit.
     */
    static final int KC = 256;
    /**
     * Depths up to this run in one pass: passes cost a store and reload of C each, which pays only when
     * B is deep (a conv layer's forward at k = 288 ran 20 % slower in two passes; the MLP's k ≤ 784 are
     * one pass as before).
     */
    static final int ONE_PASS_MAX = 1024;

    /**
     * C[i, j] = Σ_p A(i, p) B[p, j] with A(i, p) = a[i·rs + p·ps], for rows [r0, r1), in depth passes
     * of KC. Blocks of 4 rows × 4 vectors keep 16 accumulators in registers (4 B loads and 4 broadcasts
     * feed 16 FMAs per depth step); then 4 rows × 2 vectors (32 columns: a conv layer's filters), the
     * column tail vector by vector with a lane mask where partial, and the row tail one row at a time.
     */
    private static void broadcastKernel(float[] a, int rs, int ps, float[] b, float[] c, int n, int k, int r0, int r1) {
        int n4 = n - n % NB;
        int n2 = n4 + (n - n4) / (2 * L) * (2 * L);
        int rBlocks = r0 + (r1 - r0) / 4 * 4;
        int pass = k <= ONE_PASS_MAX ? k : KC;
        for (int p0 = 0; p0 < k; p0 += pass) {
            int p1 = Math.min(k, p0 + pass);
            for (int j = 0; j < n4; j += NB) {
                for (int i = r0; i < rBlocks; i += 4) {
                    block4x4(a, rs, ps, b, c, n, p0, p1, i, j);
                }
            }
            for (int j = n4; j < n2; j += 2 * L) {
                for (int i = r0; i < rBlocks; i += 4) {
                    block4x2(a, rs, ps, b, c, n, p0, p1, i, j);
                }
            }
            for (int j = n2; j < n; j += L) {
                for (int i = r0; i < rBlocks; i += 4) {
                    block4x1(a, rs, ps, b, c, n, p0, p1, i, j);
                }
            }
            for (int i = rBlocks; i < r1; i++) {
                for (int j = 0; j < n; j += L) {
                    row1x1(a, rs, ps, b, c, n, p0, p1, i, j);
                }
            }
        }
    }

    /** The accumulator C[o..o+L) starts from: zero in the first pass, the stored partial sum after. */
    private static FloatVector start(float[] c, int o, int p0) {
        return p0 == 0 ? FloatVector.zero(S) : FloatVector.fromArray(S, c, o);
    }

    private static void block4x4(float[] a, int rs, int ps, float[] b, float[] c, int n, int p0, int p1, int i, int j) {
        int o0 = i * n + j, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
        FloatVector c00 = start(c, o0, p0), c01 = start(c, o0 + L, p0), c02 = start(c, o0 + 2 * L, p0), c03 = start(c, o0 + 3 * L, p0);
        FloatVector c10 = start(c, o1, p0), c11 = start(c, o1 + L, p0), c12 = start(c, o1 + 2 * L, p0), c13 = start(c, o1 + 3 * L, p0);
        FloatVector c20 = start(c, o2, p0), c21 = start(c, o2 + L, p0), c22 = start(c, o2 + 2 * L, p0), c23 = start(c, o2 + 3 * L, p0);
        FloatVector c30 = start(c, o3, p0), c31 = start(c, o3 + L, p0), c32 = start(c, o3 + 2 * L, p0), c33 = start(c, o3 + 3 * L, p0);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = p0; p < p1; p++) {
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
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + L);
        c02.intoArray(c, o0 + 2 * L);
        c03.intoArray(c, o0 + 3 * L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c12.intoArray(c, o1 + 2 * L);
        c13.intoArray(c, o1 + 3 * L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c22.intoArray(c, o2 + 2 * L);
        c23.intoArray(c, o2 + 3 * L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
        c32.intoArray(c, o3 + 2 * L);
        c33.intoArray(c, o3 + 3 * L);
    }

    /** 4 rows × 2 full vectors of columns [j, j + 2L), no masks. */
    private static void block4x2(float[] a, int rs, int ps, float[] b, float[] c, int n, int p0, int p1, int i, int j) {
        int o0 = i * n + j, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
        FloatVector c00 = start(c, o0, p0), c01 = start(c, o0 + L, p0);
        FloatVector c10 = start(c, o1, p0), c11 = start(c, o1 + L, p0);
        FloatVector c20 = start(c, o2, p0), c21 = start(c, o2 + L, p0);
        FloatVector c30 = start(c, o3, p0), c31 = start(c, o3 + L, p0);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = p0; p < p1; p++) {
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = p * ps;
            FloatVector x = FloatVector.broadcast(S, a[a0 + ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + ao]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + ao]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + ao]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
    }

    /**
     * 4 rows × one vector of columns [j, min(j + L, n)). The mask is made here, not passed in: a mask
     * crossing a call boundary is boxed (an allocation per call).
     */
    private static void block4x1(float[] a, int rs, int ps, float[] b, float[] c, int n, int p0, int p1, int i, int j) {
        VectorMask<Float> mask = S.indexInRange(j, n);
        int o0 = i * n + j, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
        FloatVector zero = FloatVector.zero(S);
        FloatVector c0 = p0 == 0 ? zero : FloatVector.fromArray(S, c, o0, mask);
        FloatVector c1 = p0 == 0 ? zero : FloatVector.fromArray(S, c, o1, mask);
        FloatVector c2 = p0 == 0 ? zero : FloatVector.fromArray(S, c, o2, mask);
        FloatVector c3 = p0 == 0 ? zero : FloatVector.fromArray(S, c, o3, mask);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = p0; p < p1; p++) {
            FloatVector bv = FloatVector.fromArray(S, b, p * n + j, mask);
            int ao = p * ps;
            c0 = FloatVector.broadcast(S, a[a0 + ao]).fma(bv, c0);
            c1 = FloatVector.broadcast(S, a[a1 + ao]).fma(bv, c1);
            c2 = FloatVector.broadcast(S, a[a2 + ao]).fma(bv, c2);
            c3 = FloatVector.broadcast(S, a[a3 + ao]).fma(bv, c3);
        }
        c0.intoArray(c, o0, mask);
        c1.intoArray(c, o1, mask);
        c2.intoArray(c, o2, mask);
        c3.intoArray(c, o3, mask);
    }

    /** One row × one vector of columns [j, min(j + L, n)); unmasked when the vector is full. */
    private static void row1x1(float[] a, int rs, int ps, float[] b, float[] c, int n, int p0, int p1, int i, int j) {
        int o = i * n + j;
        if (j + L <= n) {
            FloatVector acc = start(c, o, p0);
            for (int p = p0; p < p1; p++) {
                acc = FloatVector.broadcast(S, a[i * rs + p * ps]).fma(FloatVector.fromArray(S, b, p * n + j), acc);
            }
            acc.intoArray(c, o);
            return;
        }
        VectorMask<Float> mask = S.indexInRange(j, n);
        FloatVector acc = p0 == 0 ? FloatVector.zero(S) : FloatVector.fromArray(S, c, o, mask);
        for (int p = p0; p < p1; p++) {
            acc = FloatVector.broadcast(S, a[i * rs + p * ps]).fma(FloatVector.fromArray(S, b, p * n + j, mask), acc);
        }
        acc.intoArray(c, o, mask);
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
