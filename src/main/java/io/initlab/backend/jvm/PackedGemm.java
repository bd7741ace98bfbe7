package io.initlab.backend.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packed, cache-blocked GEMM (the BLIS loop nest), used where its tiles are well filled (see {@link #wins}).
 * For each KC-deep slab of depth: B's slab (KC × n) is packed once into NR-wide strips, shared by the
 * threads (packing reads B where it lies, Bᵀ of NT included: no transpose pass); each thread takes rows of
 * C, MC at a time, and runs an MR × NR micro-kernel over every B strip × A strip (B strip outer, so that
 * the strip, KC·NR floats, stays in L1 while the MC rows of A stay in L2). A is read in place through its
 * (row, depth) strides; only a last partial strip of rows is packed.
 * <p>
 * Every element of C is the same chain of exactly rounded FMAs as in FastGemm and the reference order:
 * c = fma(A(i, p), B(p, j), c) for p = 0..k-1 from +0; a later depth slab continues from the partial sum
 * stored in C (a float, so storing it rounds nothing). The results are bit for bit FastGemm's, for any
 * thread count (a C element belongs to one tile, computed by one thread).
 * <p>
 * Not thread-safe: one instance per {@link JvmOps}, whose pool runs its shares. Nothing is allocated per
 * call once the buffers have grown to the largest shape seen.
 */
final class PackedGemm {

    static final VectorSpecies<Float> S = FastGemm.S;
    static final int L = FastGemm.L;

    /**
     * The micro-kernel needs 29 vector registers: AVX-512 has 32 (16 float lanes). With 16 registers
     * (AVX2, 8 lanes) it would spill, so there FastGemm's 4 × 4 blocks run everything.
     */
    static final boolean WIDE_REGISTERS = L >= 16;
    /** Micro-tile rows: 6 rows × 4 vectors keep 24 accumulators, 4 B vectors and one broadcast in 29 of 32 registers. */
    static final int MR = 6;
    /** Micro-tile columns: four vectors. */
    static final int NR = 4 * L;
    /** Depth per slab: the micro-kernel's B strip, KC·NR floats (32 KB at 16 lanes), stays in L1. */
    static final int KC = 128;
    /** Rows of C per block: their A slab, MC·KC floats (96 KB), stays in L2 while every B strip passes over it. */
    static final int MC = 192;

    private final WorkerPool pool;
    private final PackB packB = new PackB();
    private final Multiply multiply;
    private final StripShares stripShares = new StripShares();
    /** B's packed slab, shared by the threads: written by one pool run, read by the next. */
    private float[] bPacked = new float[0];

    PackedGemm(WorkerPool pool) {
        this.pool = pool;
        this.multiply = new Multiply(pool.threads());
    }

    /** C (m×n) = A·B, A m×k, B k×n; k ≥ 1. {@code parallel}: split over the pool, else all on the calling thread. */
    void nn(float[] a, float[] b, float[] c, int m, int n, int k, boolean parallel) {
        orient(mayTransposeNN(k), a, k, 1, b, n, 1, c, m, n, k, parallel);
    }

    /** C (m×n) = Aᵀ·B, A k×m, B k×n; k ≥ 1. */
    void tn(float[] a, float[] b, float[] c, int m, int n, int k, boolean parallel) {
        orient(true, a, 1, m, b, n, 1, c, m, n, k, parallel);
    }

    /** C (m×n) = A·Bᵀ, A m×k, B n×k; k ≥ 1. */
    void nt(float[] a, float[] b, float[] c, int m, int n, int k, boolean parallel) {
        orient(false, a, k, 1, b, 1, k, c, m, n, k, parallel);
    }

    /**
     * The share of a product's MR × NR tiles that hold real elements (the rest is padding computed and
     * dropped): a C 64 wide uses 10 of every 64 columns of a 64-column tile.
     */
    static double tileUse(int rows, int cols) {
        return rows / (double) ((rows + MR - 1) / MR * MR) * cols / (double) ((cols + NR - 1) / NR * NR);
    }

    /**
     * Whether A·B may run as Cᵀ = Bᵀ·Aᵀ: its packed operand is then A read transposed, which the 16 × 16 register
     * transposes of {@link #packColumns} handle only 16 depth steps at a time (below that a scalar transpose, 4×
     * slower than FastGemm at a conv layer's C = cols·W, 25088 × 32 × 9). Aᵀ·B may always (its A packs as B's rows
     * do); A·Bᵀ never (both operands would need transposing).
     */
    private static boolean mayTransposeNN(int k) {
        return L == 16 && k >= L;
    }

    /**
     * Computing Cᵀ = Bᵀ·Aᵀ instead, where the layout allows it: when that fills the tiles clearly better (C
     * narrower than a tile, as the MLP's last layer: 64 × 10 forward, 128 × 10 weight gradient).
     */
    static boolean transposes(boolean mayTranspose, int m, int n) {
        return mayTranspose && tileUse(n, m) > 1.25 * tileUse(m, n);
    }

    /**
     * Whether this path beats FastGemm at a shape (measured with JMH, docs/performance.md, GEMM): when the
     * tiles are well filled in the better orientation. Below that FastGemm's narrower blocks (2 and 1
     * vectors, 4 rows) waste less.
     */
    static boolean wins(boolean mayTranspose, int m, int n) {
        return WIDE_REGISTERS && (transposes(mayTranspose, m, n) ? tileUse(n, m) : tileUse(m, n)) >= 0.75;
    }

    /** {@link #wins} for {@link #nn}: A·B (m×k · k×n). */
    static boolean winsNN(int m, int n, int k) {
        return wins(mayTransposeNN(k), m, n);
    }

    /** {@link #wins} for {@link #tn}: Aᵀ·B, which may always run as Cᵀ. */
    static boolean winsTN(int m, int n) {
        return wins(true, m, n);
    }

    /** {@link #wins} for {@link #nt}: A·Bᵀ, which never runs as Cᵀ. */
    static boolean winsNT(int m, int n) {
        return wins(false, m, n);
    }

    /**
     * C = A·B with A(i, p) = a[i·ars + p·aps] and B(p, j) = b[p·bps + j·bcs], C row-major m×n; or, where
     * {@link #transposes} says so, Cᵀ = Bᵀ·Aᵀ written through C's transposed strides. An element's chain is
     * the same either way: fma(x, y, s) = fma(y, x, s), exactly.
     */
    private void orient(boolean mayTranspose, float[] a, int ars, int aps, float[] b, int bps, int bcs, float[] c, int m,
                        int n, int k, boolean parallel) {
        if (transposes(mayTranspose, m, n)) {
            product(b, bcs, bps, a, aps, ars, c, 1, n, n, m, k, parallel);
        } else {
            product(a, ars, aps, b, bps, bcs, c, n, 1, m, n, k, parallel);
        }
    }

    /** The loop nest: per KC slab of depth, pack B (split by strips), then multiply (split by rows of C). */
    private void product(float[] a, int ars, int aps, float[] b, int bps, int bcs, float[] c, int crs, int ccs,
                         int m, int n, int k, boolean parallel) {
        int strips = (n + NR - 1) / NR;
        int need = KC * strips * NR;
        if (bPacked.length < need) {
            bPacked = new float[need]; // grows once per shape
        }
        Multiply t = multiply;
        t.a = a;
        t.ars = ars;
        t.aps = aps;
        t.bp = bPacked;
        t.c = c;
        t.crs = crs;
        t.ccs = ccs;
        t.n = n;
        PackB pb = packB;
        pb.b = b;
        pb.bps = bps;
        pb.bcs = bcs;
        pb.bp = bPacked;
        pb.n = n;
        boolean byStrips = parallel && m <= MC && strips >= pool.threads();
        if (byStrips) {
            // One block of rows (the MLP's batch of 64): splitting rows would cost two pool runs per slab (pack, then
            // multiply: 14 at k = 784, each a wake-up and a wait) for ~170 µs of work; each share takes whole B strips
            // instead, packs them itself slab after slab and multiplies every row against them: one pool run per call.
            StripShares ss = stripShares;
            ss.pack = pb;
            ss.multiply = t;
            ss.m = m;
            ss.k = k;
            pool.run(ss, strips, 1);
            ss.pack = null;
            ss.multiply = null;
        }
        for (int p0 = byStrips ? k : 0; p0 < k; p0 += KC) { // (by strips: the shares did the slabs)
            int kc = Math.min(KC, k - p0);
            pb.p0 = t.p0 = p0;
            pb.kc = t.kc = kc;
            if (parallel) {
                pool.run(pb, strips, 1);
                pool.run(t, m, MR);
            } else {
                pb.range(0, 0, strips);
                t.range(0, 0, m);
            }
        }
        t.a = t.c = t.bp = null; // no stale references to a finished call's buffers
        pb.b = pb.bp = null;
    }

    /** Packs B's slab [p0, p0 + kc) into NR-wide strips: strip s holds B(p, s·NR + j) at s·kc·NR + p·NR + j, zero-padded past n. */
    private static final class PackB implements WorkerPool.RangeTask {
        float[] b, bp;
        int bps, bcs, n, p0, kc;

        @Override
        public void range(int worker, int from, int to) {
            strips(from, to, p0, kc, kc * NR);
        }

        /** Packs strips [from, to) of the slab [p0, p0 + kc), strip s at s·region of the packed slab. */
        void strips(int from, int to, int p0, int kc, int region) {
            for (int s = from; s < to; s++) {
                int j0 = s * NR;
                int width = Math.min(NR, n - j0);
                int base = s * region;
                if (bcs == 1) {
                    packRows(b, bps, bp, base, j0, width, p0, kc);
                } else {
                    packColumns(b, bcs, bp, base, j0, width, p0, kc);
                }
            }
        }
    }

    /** B(p, j) = b[p·ldb + j] (NN, TN): each depth step's columns are one contiguous run, copied by vectors. */
    static void packRows(float[] b, int ldb, float[] bp, int base, int j0, int width, int p0, int kc) {
        for (int p = 0; p < kc; p++) {
            int src = (p0 + p) * ldb + j0;
            int dst = base + p * NR;
            for (int v = 0; v < NR; v += L) {
                if (v + L <= width) {
                    FloatVector.fromArray(S, b, src + v).intoArray(bp, dst + v);
                } else {
                    VectorMask<Float> mask = S.indexInRange(v, width);
                    FloatVector.fromArray(S, b, src + v, mask).intoArray(bp, dst + v); // zeros past n
                }
            }
        }
    }

    /**
     * B(p, j) = b[j·ldb + p] (NT's B; A·B's A when it runs as Cᵀ): L × L blocks (L columns × L depth steps) transposed in registers, the
     * rest (a strip's last columns, a slab's last depth steps) one element at a time. A scalar transpose
     * alone took as long as the multiply at the MLP's input gradient (784 × 256 packed for 64 rows of C);
     * gathering a vector of columns per depth step (vgatherdps) was slower still.
     */
    static void packColumns(float[] b, int ldb, float[] bp, int base, int j0, int width, int p0, int kc) {
        int blockColumns = L == 16 ? width / L * L : 0;
        int blockDepth = L == 16 ? kc / L * L : 0;
        for (int j = 0; j < blockColumns; j += L) {
            for (int p = 0; p < blockDepth; p += L) {
                transposeBlock(b, (j0 + j) * ldb + p0 + p, ldb, bp, base + p * NR + j);
            }
        }
        for (int j = 0; j < width; j++) {
            int src = (j0 + j) * ldb + p0;
            for (int p = j < blockColumns ? blockDepth : 0; p < kc; p++) {
                bp[base + p * NR + j] = b[src + p];
            }
        }
        for (int j = width; j < NR; j++) {
            for (int p = 0; p < kc; p++) {
                bp[base + p * NR + j] = 0f;
            }
        }
    }

    /**
     * Butterfly shuffles of a 16 × 16 transpose: at distance h, rows i and i + h (i without bit h) become
     * LOWh (i's lanes without bit h, then i + h's lanes shifted up by h) and HIGHh (the other halves).
     * Indices ≥ 16 pick from the second vector of {@code rearrange(shuffle, v)}.
     */
    private static final VectorShuffle<Float> LOW8 = butterfly(8, false), HIGH8 = butterfly(8, true),
            LOW4 = butterfly(4, false), HIGH4 = butterfly(4, true), LOW2 = butterfly(2, false),
            HIGH2 = butterfly(2, true), LOW1 = butterfly(1, false), HIGH1 = butterfly(1, true);

    private static VectorShuffle<Float> butterfly(int h, boolean high) {
        if (L != 16) {
            return null; // the blocks are 16 × 16: used only with 16 lanes
        }
        int[] index = new int[L];
        for (int l = 0; l < L; l++) {
            boolean first = (l & h) == 0;
            index[l] = high ? (first ? l + h : L + l) : (first ? l : L + l - h);
        }
        return VectorShuffle.fromArray(S, index, 0);
    }

    /** bp[dst + p·NR + j] = b[src + j·ldb + p] for j, p in [0, 16): sixteen loads, 64 two-vector shuffles, sixteen stores. */
    private static void transposeBlock(float[] b, int src, int ldb, float[] bp, int dst) {
        FloatVector r0 = FloatVector.fromArray(S, b, src);
        FloatVector r1 = FloatVector.fromArray(S, b, src + 1 * ldb);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ldb);
        FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * ldb);
        FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * ldb);
        FloatVector r5 = FloatVector.fromArray(S, b, src + 5 * ldb);
        FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * ldb);
        FloatVector r7 = FloatVector.fromArray(S, b, src + 7 * ldb);
        FloatVector r8 = FloatVector.fromArray(S, b, src + 8 * ldb);
        FloatVector r9 = FloatVector.fromArray(S, b, src + 9 * ldb);
        FloatVector r10 = FloatVector.fromArray(S, b, src + 10 * ldb);
        FloatVector r11 = FloatVector.fromArray(S, b, src + 11 * ldb);
        FloatVector r12 = FloatVector.fromArray(S, b, src + 12 * ldb);
        FloatVector r13 = FloatVector.fromArray(S, b, src + 13 * ldb);
        FloatVector r14 = FloatVector.fromArray(S, b, src + 14 * ldb);
        FloatVector r15 = FloatVector.fromArray(S, b, src + 15 * ldb);
        FloatVector t;
        t = r0.rearrange(LOW8, r8);
        r8 = r0.rearrange(HIGH8, r8);
        r0 = t;
        t = r1.rearrange(LOW8, r9);
        r9 = r1.rearrange(HIGH8, r9);
        r1 = t;
        t = r2.rearrange(LOW8, r10);
        r10 = r2.rearrange(HIGH8, r10);
        r2 = t;
        t = r3.rearrange(LOW8, r11);
        r11 = r3.rearrange(HIGH8, r11);
        r3 = t;
        t = r4.rearrange(LOW8, r12);
        r12 = r4.rearrange(HIGH8, r12);
        r4 = t;
        t = r5.rearrange(LOW8, r13);
        r13 = r5.rearrange(HIGH8, r13);
        r5 = t;
        t = r6.rearrange(LOW8, r14);
        r14 = r6.rearrange(HIGH8, r14);
        r6 = t;
        t = r7.rearrange(LOW8, r15);
        r15 = r7.rearrange(HIGH8, r15);
        r7 = t;
        t = r0.rearrange(LOW4, r4);
        r4 = r0.rearrange(HIGH4, r4);
        r0 = t;
        t = r1.rearrange(LOW4, r5);
        r5 = r1.rearrange(HIGH4, r5);
        r1 = t;
        t = r2.rearrange(LOW4, r6);
        r6 = r2.rearrange(HIGH4, r6);
        r2 = t;
        t = r3.rearrange(LOW4, r7);
        r7 = r3.rearrange(HIGH4, r7);
        r3 = t;
        t = r8.rearrange(LOW4, r12);
        r12 = r8.rearrange(HIGH4, r12);
        r8 = t;
        t = r9.rearrange(LOW4, r13);
        r13 = r9.rearrange(HIGH4, r13);
        r9 = t;
        t = r10.rearrange(LOW4, r14);
        r14 = r10.rearrange(HIGH4, r14);
        r10 = t;
        t = r11.rearrange(LOW4, r15);
        r15 = r11.rearrange(HIGH4, r15);
        r11 = t;
        t = r0.rearrange(LOW2, r2);
        r2 = r0.rearrange(HIGH2, r2);
        r0 = t;
        t = r1.rearrange(LOW2, r3);
        r3 = r1.rearrange(HIGH2, r3);
        r1 = t;
        t = r4.rearrange(LOW2, r6);
        r6 = r4.rearrange(HIGH2, r6);
        r4 = t;
        t = r5.rearrange(LOW2, r7);
        r7 = r5.rearrange(HIGH2, r7);
        r5 = t;
        t = r8.rearrange(LOW2, r10);
        r10 = r8.rearrange(HIGH2, r10);
        r8 = t;
        t = r9.rearrange(LOW2, r11);
        r11 = r9.rearrange(HIGH2, r11);
        r9 = t;
        t = r12.rearrange(LOW2, r14);
        r14 = r12.rearrange(HIGH2, r14);
        r12 = t;
        t = r13.rearrange(LOW2, r15);
        r15 = r13.rearrange(HIGH2, r15);
        r13 = t;
        t = r0.rearrange(LOW1, r1);
        r1 = r0.rearrange(HIGH1, r1);
        r0 = t;
        t = r2.rearrange(LOW1, r3);
        r3 = r2.rearrange(HIGH1, r3);
        r2 = t;
        t = r4.rearrange(LOW1, r5);
        r5 = r4.rearrange(HIGH1, r5);
        r4 = t;
        t = r6.rearrange(LOW1, r7);
        r7 = r6.rearrange(HIGH1, r7);
        r6 = t;
        t = r8.rearrange(LOW1, r9);
        r9 = r8.rearrange(HIGH1, r9);
        r8 = t;
        t = r10.rearrange(LOW1, r11);
        r11 = r10.rearrange(HIGH1, r11);
        r10 = t;
        t = r12.rearrange(LOW1, r13);
        r13 = r12.rearrange(HIGH1, r13);
        r12 = t;
        t = r14.rearrange(LOW1, r15);
        r15 = r14.rearrange(HIGH1, r15);
        r14 = t;
        r0.intoArray(bp, dst + 0 * NR);
        r1.intoArray(bp, dst + 1 * NR);
        r2.intoArray(bp, dst + 2 * NR);
        r3.intoArray(bp, dst + 3 * NR);
        r4.intoArray(bp, dst + 4 * NR);
        r5.intoArray(bp, dst + 5 * NR);
        r6.intoArray(bp, dst + 6 * NR);
        r7.intoArray(bp, dst + 7 * NR);
        r8.intoArray(bp, dst + 8 * NR);
        r9.intoArray(bp, dst + 9 * NR);
        r10.intoArray(bp, dst + 10 * NR);
        r11.intoArray(bp, dst + 11 * NR);
        r12.intoArray(bp, dst + 12 * NR);
        r13.intoArray(bp, dst + 13 * NR);
        r14.intoArray(bp, dst + 14 * NR);
        r15.intoArray(bp, dst + 15 * NR);
    }

    /**
     * Packs rows [i0, i0 + rows) of A's slab, A(i, p) = a[i·ars + p·aps], into MR-tall strips (strip r at
     * r·kc·MR, A(i, p) at p·MR + i), zero-padded past the last row; loops in the order A is contiguous in.
     */
    static void packA(float[] a, int ars, int aps, float[] ap, int i0, int rows, int p0, int kc) {
        for (int r = 0; r < rows; r += MR) {
            int base = r / MR * kc * MR;
            int height = Math.min(MR, rows - r);
            int row = i0 + r;
            if (aps == 1) {
                for (int i = 0; i < MR; i++) {
                    int src = (row + i) * ars + p0;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + i] = i < height ? a[src + p] : 0f;
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = row * ars + (p0 + p) * aps;
                    for (int i = 0; i < MR; i++) {
                        ap[base + p * MR + i] = i < height ? a[src + i * ars] : 0f;
                    }
                }
            }
        }
    }

    /**
     * One depth slab over rows [from, to) of C, MC rows at a time: A's full MR-row strips are read in place
     * (packing them too measured no faster at any benchmark shape, 64×256×784 to 2048³, in any layout: the
     * micro-kernel reads one float per row and depth step, and the MC × KC block stays in L2 either way);
     * a last partial strip is packed (zero rows instead of reading past A). Then every B strip against
     * every A strip. C(i, j) is c[i·crs + j·ccs].
     */
    private static final class Multiply implements WorkerPool.RangeTask {
        float[] a, bp, c;
        int ars, aps, crs, ccs, n, p0, kc;
        final float[][] aPacked;
        final float[][] tile;

        Multiply(int threads) {
            aPacked = new float[threads][MC * KC];
            tile = new float[threads][MR * NR];
        }

        @Override
        public void range(int worker, int from, int to) {
            rows(worker, from, to, p0, kc, 0, (n + NR - 1) / NR, kc * NR);
        }

        /** Rows [from, to) of C against B strips [s0, s1) of the packed slab [p0, p0 + kc), strip s at s·region. */
        void rows(int worker, int from, int to, int p0, int kc, int s0, int s1, int region) {
            float[] ap = aPacked[worker];
            float[] t = tile[worker];
            boolean first = p0 == 0;
            for (int i0 = from; i0 < to; i0 += MC) {
                int rows = Math.min(MC, to - i0);
                int inPlace = rows / MR * MR;
                if (inPlace < rows) {
                    packA(a, ars, aps, ap, i0 + inPlace, rows - inPlace, p0, kc);
                }
                for (int j = s0 * NR; j < s1 * NR; j += NR) {
                    int bo = j / NR * region;
                    int width = Math.min(NR, n - j);
                    for (int r = 0; r < rows; r += MR) {
                        boolean direct = r < inPlace;
                        float[] as = direct ? a : ap;
                        int ao = direct ? (i0 + r) * ars + p0 * aps : (r - inPlace) / MR * kc * MR;
                        int rs = direct ? ars : 1;
                        int ps = direct ? aps : MR;
                        int height = Math.min(MR, rows - r);
                        int co = (i0 + r) * crs + j * ccs;
                        if (height == MR && width == NR && ccs == 1) {
                            kernel(as, ao, rs, ps, bp, bo, kc, c, co, crs, first);
                        } else {
                            throughTile(as, ao, rs, ps, bp, bo, kc, c, co, crs, ccs, first, t, height, width);
                        }
                    }
                }
            }
        }
    }

    /**
     * A share of B's strips with all m ≤ MC rows of C, every slab of depth in order: packs its strips of each
     * slab (its own regions of the packed slab, so shares never touch each other's) and multiplies them. Each C
     * element is still one chain over the slabs in depth order, computed by one thread: the same bits.
     */
    private static final class StripShares implements WorkerPool.RangeTask {
        PackB pack;
        Multiply multiply;
        int m, k;

        @Override
        public void range(int worker, int from, int to) {
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kc = Math.min(KC, k - p0);
                // regions of KC·NR floats whatever the slab's depth: shares run slabs at their own pace, and a
                // share on the last (shallower) slab must not pack over a neighbour's region still in use
                pack.strips(from, to, p0, kc, KC * NR);
                multiply.rows(worker, 0, m, p0, kc, from, to, KC * NR);
            }
        }
    }

    /**
     * A partial tile (past m or n) or a transposed one, through a full-size scratch tile: the valid
     * elements' chains are unchanged, the padding's results are dropped.
     */
    private static void throughTile(float[] ap, int ao, int rs, int ps, float[] bp, int bo, int kc, float[] c, int co,
                                    int crs, int ccs, boolean first, float[] t, int height, int width) {
        if (!first) {
            for (int i = 0; i < height; i++) {
                for (int j = 0; j < width; j++) {
                    t[i * NR + j] = c[co + i * crs + j * ccs];
                }
            }
        }
        kernel(ap, ao, rs, ps, bp, bo, kc, t, 0, NR, first);
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                c[co + i * crs + j * ccs] = t[i * NR + j];
            }
        }
    }

    /** The accumulator C[o..o+L) starts from: zero in the first slab, the stored partial sum after. */
    private static FloatVector start(float[] c, int o, boolean first) {
        return first ? FloatVector.zero(S) : FloatVector.fromArray(S, c, o);
    }

    /**
     * MR × NR tile of C at co (row stride ldc) += A's MR rows (row r's depth step p at ap[ao + r·rs + p·ps]:
     * a packed strip, or A in place) times the packed B strip, over kc depth steps.
     */
    static void kernel(float[] ap, int ao, int rs, int ps, float[] bp, int bo, int kc, float[] c, int co, int ldc, boolean first) {
        int o0 = co, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        FloatVector c00 = start(c, o0, first), c01 = start(c, o0 + L, first), c02 = start(c, o0 + 2 * L, first), c03 = start(c, o0 + 3 * L, first);
        FloatVector c10 = start(c, o1, first), c11 = start(c, o1 + L, first), c12 = start(c, o1 + 2 * L, first), c13 = start(c, o1 + 3 * L, first);
        FloatVector c20 = start(c, o2, first), c21 = start(c, o2 + L, first), c22 = start(c, o2 + 2 * L, first), c23 = start(c, o2 + 3 * L, first);
        FloatVector c30 = start(c, o3, first), c31 = start(c, o3 + L, first), c32 = start(c, o3 + 2 * L, first), c33 = start(c, o3 + 3 * L, first);
        FloatVector c40 = start(c, o4, first), c41 = start(c, o4 + L, first), c42 = start(c, o4 + 2 * L, first), c43 = start(c, o4 + 3 * L, first);
        FloatVector c50 = start(c, o5, first), c51 = start(c, o5 + L, first), c52 = start(c, o5 + 2 * L, first), c53 = start(c, o5 + 3 * L, first);
        int a0 = ao, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs, a4 = a3 + rs, a5 = a4 + rs;
        for (int p = 0; p < kc; p++) {
            int b = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, b + 3 * L);
            int x = p * ps;
            FloatVector a = FloatVector.broadcast(S, ap[a0 + x]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            c03 = a.fma(b3, c03);
            a = FloatVector.broadcast(S, ap[a1 + x]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            c13 = a.fma(b3, c13);
            a = FloatVector.broadcast(S, ap[a2 + x]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            c23 = a.fma(b3, c23);
            a = FloatVector.broadcast(S, ap[a3 + x]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
            c33 = a.fma(b3, c33);
            a = FloatVector.broadcast(S, ap[a4 + x]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            c42 = a.fma(b2, c42);
            c43 = a.fma(b3, c43);
            a = FloatVector.broadcast(S, ap[a5 + x]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            c52 = a.fma(b2, c52);
            c53 = a.fma(b3, c53);
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
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + L);
        c42.intoArray(c, o4 + 2 * L);
        c43.intoArray(c, o4 + 3 * L);
        c50.intoArray(c, o5);
        c51.intoArray(c, o5 + L);
        c52.intoArray(c, o5 + 2 * L);
        c53.intoArray(c, o5 + 3 * L);
    }
}
