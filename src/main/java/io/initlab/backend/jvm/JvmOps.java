package io.initlab.backend.jvm;

import io.initlab.backend.Ops;
import io.initlab.kernels.Activations;

/**
 * The JVM backend's operations: the {@link Ops} reference loops, except for the hot kernels overridden here.
 * GEMMs (nearly all the FLOPs) run on {@link PackedGemm}'s packed, cache-blocked kernel where its tiles are
 * well filled, else on {@link FastGemm}'s register blocks, split by output rows over the worker pool; the convolution and pooling kernels run {@link FastConv}'s coordinate loops, split by
 * samples (or channel planes, or channels) over the same pool; the hot element-wise kernels run their
 * bit-identical {@link VectorKernels} forms. Every split gives each output to one thread, computed in the
 * same order, so results do not depend on the number of threads. The rest (loss, metrics, dropout masks,
 * samplers) are Ops' one-index bodies in a plain loop on the calling thread, which the JIT inlines.
 * Nothing here allocates per call: the parallel tasks are preallocated and reused, their scratch grows once
 * per shape.
 */
public final class JvmOps implements Ops, AutoCloseable {

    /** Rows of C per share: the GEMM micro-kernel's row block. */
    private static final int ROW_GRAIN = 4;
    /** Below this many elements a convolution or pooling call is not worth waking the workers for. */
    private static final long PARALLEL_MIN_WORK = 1 << 16;
    /**
     * Multiply-adds below which a GEMM stays on the calling thread: waking a worker and waiting for it costs
     * microseconds, as much as the MLP's 10-wide products (82k multiply-adds, ~1 µs) take in all.
     */
    private static final long GEMM_PARALLEL_MIN_WORK = 1 << 20;

    private final WorkerPool pool;
    private final GemmTask nnTask = new GemmTask(GemmLayout.NN);
    private final GemmTask tnTask = new GemmTask(GemmLayout.TN);
    private final PackedGemm packed;
    private float[] transposed = new float[0];
    private final ConvTask conv;

    public JvmOps(int threads) {
        this.pool = new WorkerPool(threads);
        this.packed = new PackedGemm(pool);
        this.conv = new ConvTask(threads);
    }

    public int threads() {
        return pool.threads();
    }

    @Override
    public void close() {
        pool.close();
    }

    // --- GEMM ---

    /** How FastGemm reads A: as stored (A·B), or transposed (Aᵀ·B). A·Bᵀ transposes B first and runs NN. */
    private enum GemmLayout { NN, TN }

    /** A reusable parallel GEMM: fields set per call, rows split by the pool. */
    private static final class GemmTask implements WorkerPool.RangeTask {
        final GemmLayout layout;
        float[] a, b, c;
        int m, n, k;

        GemmTask(GemmLayout layout) {
            this.layout = layout;
        }

        @Override
        public void range(int worker, int from, int to) {
            switch (layout) {
                case NN -> FastGemm.nn(a, b, c, n, k, from, to);
                case TN -> FastGemm.tn(a, b, c, m, n, k, from, to);
            }
        }
    }

    private void fastGemm(GemmTask t, float[] a, float[] b, float[] c, int m, int n, int k, boolean parallel) {
        t.a = a;
        t.b = b;
        t.c = c;
        t.m = m;
        t.n = n;
        t.k = k;
        if (parallel) {
            pool.run(t, m, ROW_GRAIN);
        } else {
            t.range(0, 0, m);
        }
        t.a = t.b = t.c = null; // no stale references to a finished run's buffers
    }

    /** Whether a GEMM wakes the workers. */
    private static boolean parallel(int m, int n, int k) {
        return (long) m * n * k >= GEMM_PARALLEL_MIN_WORK;
    }

    /** C = 0 for an empty depth (returns true: done). */
    private static boolean empty(float[] c, int m, int n, int k) {
        if (k == 0) {
            java.util.Arrays.fill(c, 0, m * n, 0f);
        }
        return k == 0;
    }

    // PackedGemm and FastGemm give the same bits: the choice between them is speed only.

    @Override
    public void gemmNN(float[] a, float[] b, float[] c, int m, int n, int k) {
        if (empty(c, m, n, k)) {
            return;
        }
        if (PackedGemm.winsNN(m, n, k)) {
            packed.nn(a, b, c, m, n, k, parallel(m, n, k));
        } else {
            fastGemm(nnTask, a, b, c, m, n, k, parallel(m, n, k));
        }
    }

    @Override
    public void gemmTN(float[] a, float[] b, float[] c, int m, int n, int k) {
        if (empty(c, m, n, k)) {
            return;
        }
        if (PackedGemm.winsTN(m, n)) {
            packed.tn(a, b, c, m, n, k, parallel(m, n, k));
        } else {
            fastGemm(tnTask, a, b, c, m, n, k, parallel(m, n, k));
        }
    }

    @Override
    public void gemmNT(float[] a, float[] b, float[] c, int m, int n, int k) {
        if (empty(c, m, n, k)) {
            return;
        }
        if (PackedGemm.winsNT(m, n)) {
            packed.nt(a, b, c, m, n, k, parallel(m, n, k));
            return;
        }
        if (transposed.length < n * k) {
            transposed = new float[n * k]; // grows once per shape, then reused every step
        }
        FastGemm.transpose(b, transposed, n, k);
        fastGemm(nnTask, a, transposed, c, m, n, k, parallel(m, n, k));
    }

    // --- element-wise ---

    @Override
    public void biasActivation(float[] x, float[] bias, float[] z, float[] y, int rows, int cols, int kind, float slope) {
        if (kind == Activations.RELU || kind == Activations.IDENTITY) {
            VectorKernels.biasRelu(x, bias, z, y, rows, cols, kind == Activations.RELU);
            return;
        }
        Ops.super.biasActivation(x, bias, z, y, rows, cols, kind, slope);
    }

    @Override
    public void activationBackward(float[] z, float[] y, float[] dy, float[] dz, int n, int kind, float slope) {
        if (kind == Activations.RELU || kind == Activations.IDENTITY) {
            VectorKernels.reluBackward(z, dy, dz, n, kind == Activations.RELU);
            return;
        }
        Ops.super.activationBackward(z, y, dy, dz, n, kind, slope);
    }

    @Override
    public void columnSum(float[] x, float[] out, int rows, int cols) {
        VectorKernels.columnSum(x, out, rows, cols);
    }

    @Override
    public void multiply(float[] x, float[] m, float[] y, int n) {
        VectorKernels.multiply(x, m, y, n);
    }

    @Override
    public void sgd(float[] w, float[] g, float[] v, int n, float[] hp) {
        VectorKernels.sgd(w, g, v, n, hp);
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, int n, float[] hp) {
        VectorKernels.adam(w, g, m, v, n, hp);
    }

    // --- convolution: FastConv's coordinate loops (the bodies' index arithmetic costs more than their work) ---

    /** Which FastConv loop a {@link ConvTask} runs. */
    private enum ConvKernel { IM2COL, COL2IM, BIAS_ACTIVATION, ACTIVATION_BACKWARD, BIAS_GRADIENT, POOL_FORWARD, POOL_BACKWARD }

    /**
     * A reusable parallel convolution or pooling call: the arguments of the call in progress (set on the calling
     * thread; the pool's start publishes them to the workers) and per-worker scratch.
     */
    private static final class ConvTask implements WorkerPool.RangeTask {
        ConvKernel kernel;
        float[] in1, in2, in3, out1, out2;
        int[] argmax;
        int rows, channels, height, width, kh, kw, outH, outW, padTop, padLeft, pixels, pool, kind;
        float slope;
        final float[][] scratch;
        final float[][] lanes;
        final int[] poolMap = new int[FastConv.L];
        final int[] poolTailMap = new int[FastConv.L];

        ConvTask(int threads) {
            scratch = new float[threads][0];
            lanes = new float[threads][FastConv.L];
        }

        float[] scratch(int worker, int n) {
            if (scratch[worker].length < n) {
                scratch[worker] = new float[n];
            }
            return scratch[worker];
        }

        @Override
        public void range(int worker, int from, int to) {
            switch (kernel) {
                case IM2COL -> FastConv.im2col(in1, out1, channels, height, width, kh, kw, outH, outW, padTop, padLeft,
                        from, to);
                case COL2IM -> FastConv.col2im(in1, out1, channels, height, width, kh, kw, outH, outW, padTop, padLeft,
                        from, to);
                case BIAS_ACTIVATION -> FastConv.biasActivation(in1, in2, out1, out2, channels, pixels, kind, slope, from, to);
                case ACTIVATION_BACKWARD -> FastConv.activationBackward(in1, in2, in3, out1,
                        scratch(worker, channels * pixels), channels, pixels, kind, slope, from, to);
                case BIAS_GRADIENT -> FastConv.biasGradient(in1, in2, in3, out1, scratch(worker, pixels), lanes[worker],
                        rows, channels, pixels, kind, slope, from, to);
                case POOL_FORWARD -> FastConv.maxPoolForward(in1, out1, argmax, height, width, pool, outH, outW, poolMap,
                        poolTailMap, from, to);
                case POOL_BACKWARD -> FastConv.maxPoolBackward(in1, argmax, out1, height, width, outH, outW, from, to);
            }
        }
    }

    /** Runs the conv task over [0, n) (samples, planes or channels), on the pool when there are elements enough. */
    private void runConv(ConvKernel kernel, int n, long elements) {
        conv.kernel = kernel;
        if (elements < PARALLEL_MIN_WORK) {
            conv.range(0, 0, n);
        } else {
            pool.run(conv, n, 1);
        }
        conv.in1 = conv.in2 = conv.in3 = conv.out1 = conv.out2 = null; // no stale references to the call's arrays
        conv.argmax = null;
    }

    private void convShape(int rows, int channels, int height, int width, int kh, int kw, int outH, int outW,
                           int padTop, int padLeft) {
        conv.rows = rows;
        conv.channels = channels;
        conv.height = height;
        conv.width = width;
        conv.kh = kh;
        conv.kw = kw;
        conv.outH = outH;
        conv.outW = outW;
        conv.padTop = padTop;
        conv.padLeft = padLeft;
    }

    private void channelShape(int rows, int channels, int pixels, int kind, float slope) {
        conv.rows = rows;
        conv.channels = channels;
        conv.pixels = pixels;
        conv.kind = kind;
        conv.slope = slope;
    }

    @Override
    public void im2col(float[] x, float[] cols, int rows, int channels, int height, int width, int kh, int kw,
                       int outH, int outW, int padTop, int padLeft) {
        convShape(rows, channels, height, width, kh, kw, outH, outW, padTop, padLeft);
        conv.in1 = x;
        conv.out1 = cols;
        runConv(ConvKernel.IM2COL, rows, (long) rows * outH * outW * channels * kh * kw);
    }

    @Override
    public void col2im(float[] dcols, float[] dx, int rows, int channels, int height, int width, int kh, int kw,
                       int outH, int outW, int padTop, int padLeft) {
        convShape(rows, channels, height, width, kh, kw, outH, outW, padTop, padLeft);
        conv.in1 = dcols;
        conv.out1 = dx;
        runConv(ConvKernel.COL2IM, rows, (long) rows * outH * outW * channels * kh * kw);
    }

    @Override
    public void channelBiasActivation(float[] g, float[] bias, float[] z, float[] y, int rows, int channels,
                                      int pixels, int kind, float slope) {
        channelShape(rows, channels, pixels, kind, slope);
        conv.in1 = g;
        conv.in2 = bias;
        conv.out1 = z;
        conv.out2 = y;
        runConv(ConvKernel.BIAS_ACTIVATION, rows, (long) rows * channels * pixels);
    }

    @Override
    public void channelActivationBackward(float[] z, float[] y, float[] dy, float[] dz, int rows, int channels,
                                          int pixels, int kind, float slope) {
        channelShape(rows, channels, pixels, kind, slope);
        conv.in1 = z;
        conv.in2 = y;
        conv.in3 = dy;
        conv.out1 = dz;
        runConv(ConvKernel.ACTIVATION_BACKWARD, rows, (long) rows * channels * pixels);
    }

    @Override
    public void channelBiasGradient(float[] z, float[] y, float[] dy, float[] db, int rows, int channels, int pixels,
                                    int kind, float slope) {
        channelShape(rows, channels, pixels, kind, slope);
        conv.in1 = z;
        conv.in2 = y;
        conv.in3 = dy;
        conv.out1 = db;
        runConv(ConvKernel.BIAS_GRADIENT, channels, (long) rows * channels * pixels);
    }

    @Override
    public void maxPoolForward(float[] x, float[] y, int[] argmax, int rows, int channels, int height, int width,
                               int pool, int outH, int outW) {
        convShape(rows, channels, height, width, 0, 0, outH, outW, 0, 0);
        conv.pool = pool;
        FastConv.fillPoolMap(conv.poolMap, pool, FastConv.L);
        FastConv.fillPoolMap(conv.poolTailMap, pool, outW % FastConv.L);
        conv.in1 = x;
        conv.out1 = y;
        conv.argmax = argmax;
        runConv(ConvKernel.POOL_FORWARD, rows * channels, (long) rows * channels * height * width);
    }

    /** As Ops', for an argmax from {@link #maxPoolForward} (each winner in its own plane: planes are split over threads). */
    @Override
    public void maxPoolBackward(float[] dy, int[] argmax, float[] dx, int rows, int channels, int height, int width,
                                int pool, int outH, int outW) {
        convShape(rows, channels, height, width, 0, 0, outH, outW, 0, 0);
        conv.in1 = dy;
        conv.out1 = dx;
        conv.argmax = argmax;
        runConv(ConvKernel.POOL_BACKWARD, rows * channels, (long) rows * channels * height * width);
    }
}
