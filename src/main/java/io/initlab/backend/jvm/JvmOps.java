package io.initlab.backend.jvm;

import io.initlab.backend.Ops;
import io.initlab.kernels.Activations;
import io.initlab.kernels.Dropout;
import io.initlab.kernels.Metrics;
import io.initlab.kernels.Optimizers;
import io.initlab.kernels.Samplers;
import io.initlab.kernels.SoftmaxCrossEntropy;

/**
 * The JVM backend's operations. GEMMs (nearly all the FLOPs) run on the Vector API kernels of
 * {@link FastGemm}, split by output rows over the worker pool; the hot element-wise kernels run their
 * bit-identical {@link VectorKernels} forms, the rest the one-index bodies in a plain loop on the
 * calling thread, which the JIT inlines.
 * Nothing here allocates per call: the parallel GEMM tasks are preallocated and reused.
 */
public final class JvmOps implements Ops, AutoCloseable {

    /** Rows of C per share: the GEMM micro-kernel's row block. */
    private static final int ROW_GRAIN = 4;
    /** Below this many multiply-adds a GEMM is not worth waking the workers for. */
    private static final long PARALLEL_MIN_WORK = 1 << 16;

    private final WorkerPool pool;
    private final GemmTask nnTask = new GemmTask(0);
    private final GemmTask tnTask = new GemmTask(1);
    private final GemmTask ntTask = new GemmTask(2);
    private float[] transposed = new float[0];

    public JvmOps(int threads) {
        this.pool = new WorkerPool(threads);
    }

    public int threads() {
        return pool.threads();
    }

    /** A reusable parallel GEMM: fields set per call, rows split by the pool. */
    private static final class GemmTask implements WorkerPool.RangeTask {
        final int layout;
        float[] a, b, c;
        int m, n, k;

        GemmTask(int layout) {
            this.layout = layout;
        }

        @Override
        public void range(int from, int to) {
            if (layout == 0) {
                FastGemm.nn(a, b, c, n, k, from, to);
            } else if (layout == 1) {
                FastGemm.tn(a, b, c, m, n, k, from, to);
            } else {
                FastGemm.nn(a, b, c, n, k, from, to); // b already transposed by gemmNT
            }
        }
    }

    private void gemm(GemmTask t, float[] a, float[] b, float[] c, int m, int n, int k) {
        if (k == 0) {
            java.util.Arrays.fill(c, 0, m * n, 0f);
            return;
        }
        t.a = a;
        t.b = b;
        t.c = c;
        t.m = m;
        t.n = n;
        t.k = k;
        if ((long) m * n * k < PARALLEL_MIN_WORK) {
            t.range(0, m);
        } else {
            pool.run(t, m, ROW_GRAIN);
        }
        t.a = t.b = t.c = null; // no stale references to a finished run's buffers
    }

    @Override
    public void gemmNN(float[] a, float[] b, float[] c, int m, int n, int k) {
        gemm(nnTask, a, b, c, m, n, k);
    }

    @Override
    public void gemmTN(float[] a, float[] b, float[] c, int m, int n, int k) {
        gemm(tnTask, a, b, c, m, n, k);
    }

    @Override
    public void gemmNT(float[] a, float[] b, float[] c, int m, int n, int k) {
        if (transposed.length < n * k) {
            transposed = new float[n * k]; // grows once per shape, then reused every step
        }
        FastGemm.transpose(b, transposed, n, k);
        gemm(ntTask, a, transposed, c, m, n, k);
    }

    @Override
    public void biasActivation(float[] x, float[] bias, float[] z, float[] y, int rows, int cols, int kind, float slope) {
        if (kind == Activations.RELU || kind == Activations.IDENTITY) {
            VectorKernels.biasRelu(x, bias, z, y, rows, cols, kind == Activations.RELU);
            return;
        }
        for (int i = 0, n = rows * cols; i < n; i++) {
            Activations.biasForward(i, x, bias, z, y, cols, kind, slope);
        }
    }

    @Override
    public void activationBackward(float[] z, float[] y, float[] dy, float[] dz, int n, int kind, float slope) {
        if (kind == Activations.RELU || kind == Activations.IDENTITY) {
            VectorKernels.reluBackward(z, dy, dz, n, kind == Activations.RELU);
            return;
        }
        for (int i = 0; i < n; i++) {
            Activations.backward(i, z, y, dy, dz, kind, slope);
        }
    }

    @Override
    public void columnSum(float[] x, float[] out, int rows, int cols) {
        VectorKernels.columnSum(x, out, rows, cols);
    }

    @Override
    public void softmaxCrossEntropy(float[] logits, int[] labels, float[] probs, float[] rowLoss, int rows, int classes) {
        for (int r = 0; r < rows; r++) {
            SoftmaxCrossEntropy.forwardRow(r, logits, labels, probs, rowLoss, classes);
        }
    }

    @Override
    public void softmaxBackward(float[] probs, int[] labels, float[] dlogits, int rows, int classes, float scale) {
        for (int i = 0, n = rows * classes; i < n; i++) {
            SoftmaxCrossEntropy.backward(i, probs, labels, dlogits, classes, scale);
        }
    }

    @Override
    public void dropoutMask(float[] mask, int n, int[] step, int layerId, int seedLo, int seedHi, float keep) {
        for (int i = 0; i < n; i++) {
            Dropout.mask(i, mask, step, layerId, seedLo, seedHi, keep);
        }
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

    @Override
    public void correct(float[] logits, int[] labels, int[] correct, int rows, int classes) {
        for (int r = 0; r < rows; r++) {
            Metrics.correct(r, logits, labels, correct, classes);
        }
    }

    @Override
    public void fill(float[] out, int n, float value) {
        for (int i = 0; i < n; i++) {
            Samplers.constant(i, out, 0, value);
        }
    }

    @Override
    public void sampleUniform(float[] out, int n, int tensorId, int seedLo, int seedHi, float lo, float hi) {
        for (int i = 0; i < n; i++) {
            Samplers.uniform(i, out, 0, tensorId, seedLo, seedHi, lo, hi);
        }
    }

    @Override
    public void sampleNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean, float std) {
        for (int i = 0; i < n; i++) {
            Samplers.normal(i, out, 0, tensorId, seedLo, seedHi, mean, std);
        }
    }

    @Override
    public void sampleTruncatedNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean, float std, float cut) {
        for (int i = 0; i < n; i++) {
            Samplers.truncatedNormal(i, out, 0, tensorId, seedLo, seedHi, mean, std, cut);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    // --- convolution: FastConv's coordinate loops (the bodies' index arithmetic costs more than their work) ---

    /** FastConv's per-sample scratch: grows once per shape, then reused every step. */
    private float[] convScratch = new float[0];
    private final float[] lanes = new float[FastConv.L];
    private final int[] poolMap = new int[FastConv.L];
    private final int[] poolTailMap = new int[FastConv.L];

    private float[] convScratch(int n) {
        if (convScratch.length < n) {
            convScratch = new float[n];
        }
        return convScratch;
    }

    @Override
    public void im2col(float[] x, float[] cols, int rows, int channels, int height, int width, int kh, int kw,
                       int outH, int outW, int padTop, int padLeft) {
        FastConv.im2col(x, cols, channels, height, width, kh, kw, outH, outW, padTop, padLeft, 0, rows);
    }

    @Override
    public void col2im(float[] dcols, float[] dx, int rows, int channels, int height, int width, int kh, int kw,
                       int outH, int outW, int padTop, int padLeft) {
        FastConv.col2im(dcols, dx, channels, height, width, kh, kw, outH, outW, padTop, padLeft, 0, rows);
    }

    @Override
    public void channelBiasActivation(float[] g, float[] bias, float[] z, float[] y, int rows, int channels,
                                      int pixels, int kind, float slope) {
        FastConv.biasActivation(g, bias, z, y, channels, pixels, kind, slope, 0, rows);
    }

    @Override
    public void channelActivationBackward(float[] z, float[] y, float[] dy, float[] dz, int rows, int channels,
                                          int pixels, int kind, float slope) {
        FastConv.activationBackward(z, y, dy, dz, convScratch(channels * pixels), channels, pixels, kind, slope, 0, rows);
    }

    @Override
    public void channelBiasGradient(float[] z, float[] y, float[] dy, float[] db, int rows, int channels, int pixels,
                                    int kind, float slope) {
        FastConv.biasGradient(z, y, dy, db, convScratch(pixels), lanes, rows, channels, pixels, kind, slope);
    }

    @Override
    public void maxPoolForward(float[] x, float[] y, int[] argmax, int rows, int channels, int height, int width,
                               int pool, int outH, int outW) {
        FastConv.fillPoolMap(poolMap, pool, FastConv.L);
        FastConv.fillPoolMap(poolTailMap, pool, outW % FastConv.L);
        FastConv.maxPoolForward(x, y, argmax, height, width, pool, outH, outW, poolMap, poolTailMap, 0, rows * channels);
    }

    @Override
    public void maxPoolBackward(float[] dy, int[] argmax, float[] dx, int rows, int channels, int height, int width,
                                int pool, int outH, int outW) {
        FastConv.maxPoolBackward(dy, argmax, dx, height, width, outH, outW, 0, rows * channels);
    }
}
