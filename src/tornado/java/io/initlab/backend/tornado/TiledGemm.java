package io.initlab.backend.tornado;

import io.initlab.backend.tornado.TaskRecorder.Call;
import io.initlab.backend.tornado.TaskRecorder.TaskAdder;
import java.util.List;
import java.util.Locale;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Device GEMMs that reuse what they load: C = op(A)·op(B) for the three layouts of {@code kernels/.../Gemm.java},
 * written once with strides (A's element (row, p) is {@code a[row*aRow + p*aDepth]}, B's element (p, col) is
 * {@code b[p*bDepth + col*bCol]}), so NN, TN and NT are the same code with other scalars (TornadoVM specialises
 * scalars, so the strides are constants in the generated kernel).
 *
 * <p>Every output element is the sum the body computes: {@code sum = 0; sum += a·b} for p = 0, 1, …, k−1, one
 * rounding per multiply and per add (initlab runs TornadoVM without fma contraction). Tiling changes which
 * work-item computes an element and where its operands come from (local memory, registers), never the order of
 * its sum: the results are bit-identical to the body and to the naive {@link TornadoKernels} wrappers.
 *
 * <p>The naive wrappers stay the reference (recorded calls, parity tests, {@code kernels --dump}); {@link TornadoEngine}
 * swaps a recorded GEMM call for one of these kernels through {@link #fastest} where that wins ({@link #choose}).
 */
public final class TiledGemm {
    private TiledGemm() {}

    /**
     * {@code -Dinitlab.tornado.tiledGemm=}: {@code auto} (default; {@code true} too) runs each GEMM by the kernel
     * {@link #choose} names; {@code false} keeps every GEMM on the naive kernel (before/after measurements);
     * {@code tiled} or {@code blocks} runs every GEMM by that variant, whatever its shape (tests, measurements).
     */
    static final String PROPERTY = "initlab.tornado.tiledGemm";

    /** What {@link #PROPERTY} asks for. */
    enum Mode {
        AUTO, NAIVE, TILED, BLOCKS;

        static Mode current() {
            String v = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "auto", "true" -> AUTO;
                case "false" -> NAIVE;
                case "tiled" -> TILED;
                case "blocks" -> BLOCKS;
                default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + ": use auto, false, tiled or blocks");
            };
        }

        /** The variant a GEMM of this layout and shape runs by in this mode; null for the naive kernel. */
        Variant variant(String kernel, int m, int n, int k) {
            return switch (this) {
                case AUTO -> choose(kernel, m, n, k);
                case NAIVE -> null;
                case TILED -> Variant.LOCAL_TILES;
                case BLOCKS -> Variant.COLUMN_BLOCKS;
            };
        }
    }

    /** The GEMM kernels this class can run, with the Ops parameter order (a, b, c, m, n, k[, runs]). */
    static boolean isGemm(String kernel) {
        String layout = layoutOf(kernel);
        return layout.equals("gemmNN") || layout.equals("gemmTN") || layout.equals("gemmNT");
    }

    /** The variants a GEMM kernel can run by: both, or for R runs at once (…Runs) the 2-D blocks only. */
    static List<Variant> variantsFor(String kernel) {
        return kernel.endsWith("Runs") ? List.of(Variant.COLUMN_BLOCKS) : List.of(Variant.values());
    }

    /** gemmNN for gemmNN and gemmNNRuns (R runs at once, lockstep training), and so on. */
    private static String layoutOf(String kernel) {
        return kernel.endsWith("Runs") ? kernel.substring(0, kernel.length() - 4) : kernel;
    }

    /**
     * The kernel the engine runs a GEMM of this layout and shape with, or null for the naive one: the choice measured
     * with {@code bench kernels} on PoCL (2 AVX-512 cores, two rounds; docs/performance.md, "TornadoVM GEMM", and
     * results/bench/p9-tiled-gemm.md). The local tiles win on large NN and TN products (1024³: 7–47× the naive
     * kernel); everywhere else the 2-D blocks win, given a depth of at least one tile ({@link #DEPTH}) and at least 16
     * columns (their work-items run along the columns, which PoCL vectorizes 16 at a time); the conv forward (9 taps)
     * and input gradient (9 columns) stay on the naive kernel. Other devices may choose otherwise: remeasure there.
     */
    static Variant choose(String kernel, int m, int n, int k) {
        if (k < DEPTH || n < 16) {
            return null;
        }
        boolean large = m >= 512 && n >= 512;
        return large && !kernel.equals("gemmNT") ? Variant.LOCAL_TILES : Variant.COLUMN_BLOCKS;
    }

    /** The call as the engine runs it: a GEMM by the kernel {@link #PROPERTY}'s mode names, anything else unchanged. */
    static Call fastest(Call c) {
        if (!isGemm(c.kernel())) {
            return c;
        }
        Object[] x = c.args();
        Variant v = Mode.current().variant(layoutOf(c.kernel()), (Integer) x[3], (Integer) x[4], (Integer) x[5]);
        if (v != null && x.length > 6) {
            v = Variant.COLUMN_BLOCKS; // the one variant written for R runs at once
        }
        return v == null ? c : runBy(c, v);
    }

    /** The variant a call runs by, or null when it runs by its naive wrapper. */
    static Variant variantOf(Call c) {
        return c.adder() instanceof Task t ? t.variant() : null;
    }

    /** The two ways of reusing loads, both measured by {@code bench kernels}, both used (see {@link #choose}). */
    enum Variant {
        /** {@link #localTiles}: local memory, a 4×4 register block per work-item. */
        LOCAL_TILES("tiled"),
        /** {@link #columnBlocks}: a 2-D {@code @Parallel} loop, 4 rows of one column per work-item. */
        COLUMN_BLOCKS("2-D blocks");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    /** The GEMM call run by one of this class's kernels, whatever its shape. */
    static Call runBy(Call c, Variant variant) {
        if (!isGemm(c.kernel())) {
            throw new IllegalArgumentException(c.kernel() + " is not a GEMM");
        }
        Object[] x = c.args();
        int runs = x.length > 6 ? (Integer) x[6] : 0;
        if (runs > 0 && variant != Variant.COLUMN_BLOCKS) {
            throw new IllegalArgumentException(c.kernel() + " runs by the 2-D blocks only");
        }
        return c.runBy(new Task(variant, layoutOf(c.kernel()), (float[]) x[0], (float[]) x[1], (float[]) x[2],
                (Integer) x[3], (Integer) x[4], (Integer) x[5], runs));
    }

    /**
     * A GEMM task of this class: the layout's strides and, for {@link #localTiles}, its launch geometry; runs > 0 for
     * R runs at once ({@link #columnBlocksRuns}).
     */
    private record Task(Variant variant, String layout, float[] a, float[] b, float[] c, int m, int n, int k, int runs)
            implements TaskAdder {
        @Override
        public void addTo(TaskGraph graph, String taskName) {
            // A(row, p) = a[row*aRow + p*aDepth], B(p, col) = b[p*bDepth + col*bCol]: Gemm.nn / tn / nt's indexing
            boolean aT = layout.equals("gemmTN");
            boolean bT = layout.equals("gemmNT");
            int aRow = aT ? 1 : k;
            int aDepth = aT ? m : 1;
            int bDepth = bT ? 1 : n;
            int bCol = bT ? k : 1;
            if (runs > 0) {
                graph.task(taskName, TiledGemm::columnBlocksRuns, a, b, c, m, n, k, aRow, aDepth, bDepth, bCol, runs);
            } else if (variant == Variant.LOCAL_TILES) {
                graph.task(taskName, TiledGemm::localTiles, new KernelContext(), a, b, c, m, n, k, aRow, aDepth, bDepth,
                        bCol);
            } else {
                graph.task(taskName, TiledGemm::columnBlocks, a, b, c, m, n, k, aRow, aDepth, bDepth, bCol);
            }
        }

        @Override
        public WorkerGrid grid() {
            if (variant != Variant.LOCAL_TILES) {
                return null;
            }
            WorkerGrid g = new WorkerGrid2D(THREADS * ((n + TILE - 1) / TILE), THREADS * ((m + TILE - 1) / TILE));
            g.setLocalWork(THREADS, THREADS, 1);
            return g;
        }
    }

    /** Rows and columns of C per work-group of {@link #localTiles}, and the depth of its tiles of A and B. */
    public static final int TILE = 64;
    public static final int DEPTH = 16;
    /**
     * Work-items per work-group side: each computes a 4×4 block of C (rows ty + 16i, columns tx + 16j). The kernel
     * writes these three as the literals 64 and 16; its tile loads rely on TILE = 4·THREADS and THREADS = DEPTH.
     */
    public static final int THREADS = 16;

    /**
     * Local-memory tiling (after myGEMM's kernels): a 16×16 work-group computes a 64×64 tile of C; per depth step of 16
     * it loads a 64×16 tile of A and a 16×64 tile of B into local memory, then each work-item adds their products into
     * its 4×4 block of registers. Launch with global size (16·⌈n/64⌉, 16·⌈m/64⌉) and local size (16, 16) (given by
     * {@code Task.grid()}). Elements past the edges of A and B load as 0 and are never summed (the inner loop stops at k);
     * elements past C's edges are not stored.
     */
    public static void localTiles(KernelContext ctx, float[] a, float[] b, float[] c, int m, int n, int k, int aRow,
                                  int aDepth, int bDepth, int bCol) {
        int tx = ctx.localIdx;
        int ty = ctx.localIdy;
        int row0 = ctx.groupIdy * 64;
        int col0 = ctx.groupIdx * 64;
        float[] as = ctx.allocateFloatLocalArray(64 * 16); // as[r * 16 + q]: A(row0 + r, t + q)
        float[] bs = ctx.allocateFloatLocalArray(16 * 64); // bs[q * 64 + j]: B(t + q, col0 + j)
        float c00 = 0f;
        float c01 = 0f;
        float c02 = 0f;
        float c03 = 0f;
        float c10 = 0f;
        float c11 = 0f;
        float c12 = 0f;
        float c13 = 0f;
        float c20 = 0f;
        float c21 = 0f;
        float c22 = 0f;
        float c23 = 0f;
        float c30 = 0f;
        float c31 = 0f;
        float c32 = 0f;
        float c33 = 0f;
        for (int t = 0; t < k; t += 16) {
            // each work-item loads 4 elements of each tile; neighbouring work-items (tx) load neighbouring elements
            // of memory: along the depth of A when A's rows are contiguous (NN, NT), along its rows otherwise (TN)
            for (int i = 0; i < 4; i++) {
                int r = aDepth == 1 ? ty + 16 * i : tx + 16 * i;
                int q = aDepth == 1 ? tx : ty;
                int row = row0 + r;
                float v = 0f;
                if (row < m && t + q < k) {
                    v = a[row * aRow + (t + q) * aDepth];
                }
                as[r * 16 + q] = v;
            }
            // B: along its columns when they are contiguous (NN, TN), along its depth otherwise (NT)
            for (int j = 0; j < 4; j++) {
                int cc = bCol == 1 ? tx + 16 * j : ty + 16 * j;
                int q = bCol == 1 ? ty : tx;
                int col = col0 + cc;
                float v = 0f;
                if (col < n && t + q < k) {
                    v = b[(t + q) * bDepth + col * bCol];
                }
                bs[q * 64 + cc] = v;
            }
            ctx.localBarrier();
            int depth = k - t < 16 ? k - t : 16;
            for (int q = 0; q < depth; q++) {
                float a0 = as[ty * 16 + q];
                float a1 = as[(ty + 16) * 16 + q];
                float a2 = as[(ty + 32) * 16 + q];
                float a3 = as[(ty + 48) * 16 + q];
                float b0 = bs[q * 64 + tx];
                float b1 = bs[q * 64 + tx + 16];
                float b2 = bs[q * 64 + tx + 32];
                float b3 = bs[q * 64 + tx + 48];
                c00 += a0 * b0;
                c01 += a0 * b1;
                c02 += a0 * b2;
                c03 += a0 * b3;
                c10 += a1 * b0;
                c11 += a1 * b1;
                c12 += a1 * b2;
                c13 += a1 * b3;
                c20 += a2 * b0;
                c21 += a2 * b1;
                c22 += a2 * b2;
                c23 += a2 * b3;
                c30 += a3 * b0;
                c31 += a3 * b1;
                c32 += a3 * b2;
                c33 += a3 * b3;
            }
            ctx.localBarrier();
        }
        store4(c, m, n, row0 + ty, col0 + tx, c00, c01, c02, c03);
        store4(c, m, n, row0 + ty + 16, col0 + tx, c10, c11, c12, c13);
        store4(c, m, n, row0 + ty + 32, col0 + tx, c20, c21, c22, c23);
        store4(c, m, n, row0 + ty + 48, col0 + tx, c30, c31, c32, c33);
    }

    /** Stores one row's four elements (columns col, col + 16, col + 32, col + 48) that lie inside C. */
    private static void store4(float[] c, int m, int n, int row, int col, float v0, float v1, float v2, float v3) {
        if (row < m) {
            if (col < n) {
                c[row * n + col] = v0;
            }
            if (col + 16 < n) {
                c[row * n + col + 16] = v1;
            }
            if (col + 32 < n) {
                c[row * n + col + 32] = v2;
            }
            if (col + 48 < n) {
                c[row * n + col + 48] = v3;
            }
        }
    }

    /**
     * Register blocking without local memory: a 2-D {@code @Parallel} loop whose work-item computes 4 rows of one
     * column of C (column in the first dimension, so neighbouring work-items read neighbouring elements of B),
     * loading each B element once for four products. Rows past m are clamped for loading and not stored.
     */
    public static void columnBlocks(float[] a, float[] b, float[] c, int m, int n, int k, int aRow, int aDepth, int bDepth,
                               int bCol) {
        for (@Parallel int col = 0; col < n; col++) {
            for (@Parallel int rb = 0; rb < (m + 3) / 4; rb++) {
                int r0 = rb * 4;
                int r1 = r0 + 1 < m ? r0 + 1 : m - 1;
                int r2 = r0 + 2 < m ? r0 + 2 : m - 1;
                int r3 = r0 + 3 < m ? r0 + 3 : m - 1;
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                for (int p = 0; p < k; p++) {
                    float bv = b[p * bDepth + col * bCol];
                    s0 += a[r0 * aRow + p * aDepth] * bv;
                    s1 += a[r1 * aRow + p * aDepth] * bv;
                    s2 += a[r2 * aRow + p * aDepth] * bv;
                    s3 += a[r3 * aRow + p * aDepth] * bv;
                }
                c[r0 * n + col] = s0;
                if (r0 + 1 < m) {
                    c[(r0 + 1) * n + col] = s1;
                }
                if (r0 + 2 < m) {
                    c[(r0 + 2) * n + col] = s2;
                }
                if (r0 + 3 < m) {
                    c[(r0 + 3) * n + col] = s3;
                }
            }
        }
    }

    /**
     * {@link #columnBlocks} for R runs at once (lockstep training, {@code Gemm.nnRuns} and its kind): run r's A, B and C
     * are the r-th m×k, k×n and m×n blocks of a, b and c. The row blocks of all runs share the second dimension (run =
     * block / blocks per run), so one launch covers every run; each element is the same depth-order sum as alone.
     */
    public static void columnBlocksRuns(float[] a, float[] b, float[] c, int m, int n, int k, int aRow, int aDepth,
                                        int bDepth, int bCol, int runs) {
        for (@Parallel int col = 0; col < n; col++) {
            for (@Parallel int rb = 0; rb < runs * ((m + 7) / 8); rb++) {
                int perRun = (m + 7) / 8;
                int run = rb / perRun;
                int r0 = (rb - run * perRun) * 8;
                int last = m - 1;
                int aBase = run * m * k;
                int a0 = aBase + r0 * aRow;
                int a1 = aBase + (r0 + 1 < m ? r0 + 1 : last) * aRow;
                int a2 = aBase + (r0 + 2 < m ? r0 + 2 : last) * aRow;
                int a3 = aBase + (r0 + 3 < m ? r0 + 3 : last) * aRow;
                int a4 = aBase + (r0 + 4 < m ? r0 + 4 : last) * aRow;
                int a5 = aBase + (r0 + 5 < m ? r0 + 5 : last) * aRow;
                int a6 = aBase + (r0 + 6 < m ? r0 + 6 : last) * aRow;
                int a7 = aBase + (r0 + 7 < m ? r0 + 7 : last) * aRow;
                int bBase = run * k * n + col * bCol;
                int cBase = run * m * n + col;
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                float s4 = 0f;
                float s5 = 0f;
                float s6 = 0f;
                float s7 = 0f;
                for (int p = 0; p < k; p++) {
                    float bv = b[bBase + p * bDepth];
                    int ap = p * aDepth;
                    s0 += a[a0 + ap] * bv;
                    s1 += a[a1 + ap] * bv;
                    s2 += a[a2 + ap] * bv;
                    s3 += a[a3 + ap] * bv;
                    s4 += a[a4 + ap] * bv;
                    s5 += a[a5 + ap] * bv;
                    s6 += a[a6 + ap] * bv;
                    s7 += a[a7 + ap] * bv;
                }
                c[cBase + r0 * n] = s0;
                if (r0 + 1 < m) {
                    c[cBase + (r0 + 1) * n] = s1;
                }
                if (r0 + 2 < m) {
                    c[cBase + (r0 + 2) * n] = s2;
                }
                if (r0 + 3 < m) {
                    c[cBase + (r0 + 3) * n] = s3;
                }
                if (r0 + 4 < m) {
                    c[cBase + (r0 + 4) * n] = s4;
                }
                if (r0 + 5 < m) {
                    c[cBase + (r0 + 5) * n] = s5;
                }
                if (r0 + 6 < m) {
                    c[cBase + (r0 + 6) * n] = s6;
                }
                if (r0 + 7 < m) {
                    c[cBase + (r0 + 7) * n] = s7;
                }
            }
        }
    }
}
