package io.initlab.backend.tornado;

import io.initlab.kernels.Activations;
import io.initlab.kernels.Conv;
import io.initlab.kernels.Dropout;
import io.initlab.kernels.Gemm;
import io.initlab.kernels.Metrics;
import io.initlab.kernels.Optimizers;
import io.initlab.kernels.Philox;
import io.initlab.kernels.Pool;
import io.initlab.kernels.Reductions;
import io.initlab.kernels.Regression;
import io.initlab.kernels.Samplers;
import io.initlab.kernels.SoftmaxCrossEntropy;
import io.initlab.kernels.Standardize;
import io.initlab.kernels.TensorStats;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * The TornadoVM entry points: for every {@code io.initlab.backend.Ops} method, a static method of the same
 * name and parameters whose {@code @Parallel} loop runs the one-index body of {@code io.initlab.kernels} over
 * the whole iteration space (the bound is the method's {@code @Kernel(work)}, the loop the same as Ops' reference
 * loop). The loops only iterate; TornadoVM inlines the body, so the maths exists once. Scalars are kernel
 * parameters that TornadoVM specialises per recorded task. {@link TaskRecorder} finds these by name; the
 * default build's {@code KernelDeclarationTest} reads this file and fails when a wrapper is missing or differs.
 */
public final class TornadoKernels {
    private TornadoKernels() {}

    // --- dense algebra ---

    public static void gemmNN(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (@Parallel int i = 0; i < m * n; i++) {
            Gemm.nn(i, a, b, c, m, n, k);
        }
    }

    public static void gemmTN(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (@Parallel int i = 0; i < m * n; i++) {
            Gemm.tn(i, a, b, c, m, n, k);
        }
    }

    public static void gemmNT(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (@Parallel int i = 0; i < m * n; i++) {
            Gemm.nt(i, a, b, c, m, n, k);
        }
    }

    public static void biasActivation(float[] x, float[] bias, float[] z, float[] y, int rows, int cols, int kind,
                                      float slope) {
        for (@Parallel int i = 0; i < rows * cols; i++) {
            Activations.biasForward(i, x, bias, z, y, cols, kind, slope);
        }
    }

    public static void activationBackward(float[] z, float[] y, float[] dy, float[] dz, int n, int kind, float slope) {
        for (@Parallel int i = 0; i < n; i++) {
            Activations.backward(i, z, y, dy, dz, kind, slope);
        }
    }

    public static void columnSum(float[] x, float[] out, int rows, int cols) {
        for (@Parallel int c = 0; c < cols; c++) {
            Reductions.columnSum(c, x, out, rows, cols);
        }
    }

    // --- R runs at once (lockstep training) ---

    public static void gemmNNRuns(float[] a, float[] b, float[] c, int m, int n, int k, int runs) {
        for (@Parallel int i = 0; i < runs * m * n; i++) {
            Gemm.nnRuns(i, a, b, c, m, n, k);
        }
    }

    public static void gemmTNRuns(float[] a, float[] b, float[] c, int m, int n, int k, int runs) {
        for (@Parallel int i = 0; i < runs * m * n; i++) {
            Gemm.tnRuns(i, a, b, c, m, n, k);
        }
    }

    public static void gemmNTRuns(float[] a, float[] b, float[] c, int m, int n, int k, int runs) {
        for (@Parallel int i = 0; i < runs * m * n; i++) {
            Gemm.ntRuns(i, a, b, c, m, n, k);
        }
    }

    public static void biasActivationRuns(float[] x, float[] bias, float[] z, float[] y, int rows, int cols, int kind,
                                          float slope, int runs) {
        for (@Parallel int i = 0; i < runs * rows * cols; i++) {
            Activations.biasForwardRuns(i, x, bias, z, y, rows, cols, kind, slope);
        }
    }

    public static void columnSumRuns(float[] x, float[] out, int rows, int cols, int runs) {
        for (@Parallel int i = 0; i < runs * cols; i++) {
            Reductions.columnSumRuns(i, x, out, rows, cols);
        }
    }

    // --- loss, metrics ---

    public static void softmaxCrossEntropy(float[] logits, int[] labels, float[] probs, float[] rowLoss, int rows,
                                           int classes) {
        for (@Parallel int r = 0; r < rows; r++) {
            SoftmaxCrossEntropy.forwardRow(r, logits, labels, probs, rowLoss, classes);
        }
    }

    public static void softmaxBackward(float[] probs, int[] labels, float[] dlogits, int rows, int classes, float scale) {
        for (@Parallel int i = 0; i < rows * classes; i++) {
            SoftmaxCrossEntropy.backward(i, probs, labels, dlogits, classes, scale);
        }
    }

    public static void correct(float[] logits, int[] labels, int[] correct, int rows, int classes) {
        for (@Parallel int r = 0; r < rows; r++) {
            Metrics.correct(r, logits, labels, correct, classes);
        }
    }

    // --- dropout ---

    public static void dropoutMask(float[] mask, int n, int[] step, int layerId, int seedLo, int seedHi, float keep) {
        for (@Parallel int i = 0; i < n; i++) {
            Dropout.mask(i, mask, step, layerId, seedLo, seedHi, keep);
        }
    }

    public static void dropoutMaskRuns(float[] mask, int n, int[] step, int layerId, int[] seeds, float keep, int runs) {
        for (@Parallel int i = 0; i < runs * n; i++) {
            Dropout.maskRuns(i, mask, step, layerId, seeds, n, keep);
        }
    }

    public static void multiply(float[] x, float[] m, float[] y, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            Dropout.apply(i, x, m, y);
        }
    }

    // --- optimizers ---

    public static void sgd(float[] w, float[] g, float[] v, int n, float[] hp) {
        for (@Parallel int i = 0; i < n; i++) {
            Optimizers.sgd(i, w, g, v, hp);
        }
    }

    public static void adam(float[] w, float[] g, float[] m, float[] v, int n, float[] hp) {
        for (@Parallel int i = 0; i < n; i++) {
            Optimizers.adam(i, w, g, m, v, hp);
        }
    }

    public static void rmsprop(float[] w, float[] g, float[] v, int n, float[] hp) {
        for (@Parallel int i = 0; i < n; i++) {
            Optimizers.rmsprop(i, w, g, v, hp);
        }
    }

    // --- initialization ---

    public static void fill(float[] out, int n, float value) {
        for (@Parallel int i = 0; i < n; i++) {
            Samplers.constant(i, out, 0, value);
        }
    }

    public static void sampleUniform(float[] out, int n, int tensorId, int seedLo, int seedHi, float lo, float hi) {
        for (@Parallel int i = 0; i < n; i++) {
            Samplers.uniform(i, out, 0, tensorId, seedLo, seedHi, lo, hi);
        }
    }

    public static void sampleNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean, float std) {
        for (@Parallel int i = 0; i < n; i++) {
            Samplers.normal(i, out, 0, tensorId, seedLo, seedHi, mean, std);
        }
    }

    public static void sampleTruncatedNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean,
                                             float std, float cut) {
        for (@Parallel int i = 0; i < n; i++) {
            Samplers.truncatedNormal(i, out, 0, tensorId, seedLo, seedHi, mean, std, cut);
        }
    }

    /** The raw Philox stream: blocks 0..n-1 (four words each) of counter (i, c1, c2, c3), key (k0, k1). */
    public static void philoxBlock(int[] out, int n, int c1, int c2, int c3, int k0, int k1) {
        for (@Parallel int i = 0; i < n; i++) {
            Philox.block(i, out, c1, c2, c3, k0, k1);
        }
    }

    // --- diagnostics ---

    public static void tensorPartialSums(float[] x, int n, int chunkSize, float[] out, int chunks) {
        for (@Parallel int c = 0; c < chunks; c++) {
            TensorStats.partialSums(c, x, n, chunkSize, out);
        }
    }

    public static void tensorPartialCentredSquares(float[] x, int n, int chunkSize, float mean, float[] out, int chunks) {
        for (@Parallel int c = 0; c < chunks; c++) {
            TensorStats.partialCentredSquares(c, x, n, chunkSize, mean, out);
        }
    }

    // --- convolution, pooling ---

    public static void im2col(float[] x, float[] cols, int rows, int channels, int height, int width, int kh, int kw,
                              int outH, int outW, int padTop, int padLeft) {
        for (@Parallel int i = 0; i < rows * outH * outW * channels * kh * kw; i++) {
            Conv.im2col(i, x, cols, channels, height, width, kh, kw, outH, outW, padTop, padLeft);
        }
    }

    public static void col2im(float[] dcols, float[] dx, int rows, int channels, int height, int width, int kh, int kw,
                              int outH, int outW, int padTop, int padLeft) {
        for (@Parallel int i = 0; i < rows * channels * height * width; i++) {
            Conv.col2im(i, dcols, dx, channels, height, width, kh, kw, outH, outW, padTop, padLeft);
        }
    }

    public static void channelBiasActivation(float[] g, float[] bias, float[] z, float[] y, int rows, int channels,
                                             int pixels, int kind, float slope) {
        for (@Parallel int i = 0; i < rows * channels * pixels; i++) {
            Conv.biasActivation(i, g, bias, z, y, channels, pixels, kind, slope);
        }
    }

    public static void channelActivationBackward(float[] z, float[] y, float[] dy, float[] dz, int rows, int channels,
                                                 int pixels, int kind, float slope) {
        for (@Parallel int i = 0; i < rows * channels * pixels; i++) {
            Conv.activationBackward(i, z, y, dy, dz, channels, pixels, kind, slope);
        }
    }

    public static void channelBiasGradient(float[] z, float[] y, float[] dy, float[] db, int rows, int channels,
                                           int pixels, int kind, float slope) {
        for (@Parallel int c = 0; c < channels; c++) {
            Conv.biasGradient(c, z, y, dy, db, rows, channels, pixels, kind, slope);
        }
    }

    public static void maxPoolForward(float[] x, float[] y, int[] argmax, int rows, int channels, int height, int width,
                                      int pool, int outH, int outW) {
        for (@Parallel int i = 0; i < rows * channels * outH * outW; i++) {
            Pool.maxForward(i, x, y, argmax, height, width, pool, outH, outW);
        }
    }

    public static void maxPoolBackward(float[] dy, int[] argmax, float[] dx, int rows, int channels, int height,
                                       int width, int pool, int outH, int outW) {
        for (@Parallel int i = 0; i < rows * channels * height * width; i++) {
            Pool.maxBackward(i, dy, argmax, dx, height, width, pool, outH, outW);
        }
    }

    // --- engine plumbing (not maths): keep buffers alive in hub graphs, stage io arrays ---

    /** Reads and rewrites element 0 of each array: makes a task graph allocate and own them; changes nothing. */
    public static void touchFloats(float[] a, float[] b, float[] c, float[] d, float[] e, float[] f, float[] g,
                                   float[] h) {
        a[0] = a[0];
        b[0] = b[0];
        c[0] = c[0];
        d[0] = d[0];
        e[0] = e[0];
        f[0] = f[0];
        g[0] = g[0];
        h[0] = h[0];
    }

    public static void touchInts(int[] a, int[] b, int[] c, int[] d, int[] e, int[] f, int[] g, int[] h) {
        a[0] = a[0];
        b[0] = b[0];
        c[0] = c[0];
        d[0] = d[0];
        e[0] = e[0];
        f[0] = f[0];
        g[0] = g[0];
        h[0] = h[0];
    }

    public static void copyFloats(float[] from, float[] to, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            to[i] = from[i];
        }
    }

    public static void copyInts(int[] from, int[] to, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            to[i] = from[i];
        }
    }

    // --- regression and standardization ---

    public static void squaredError(float[] y, float[] targets, float[] rowLoss, int rows, int outputs) {
        for (@Parallel int r = 0; r < rows; r++) {
            Regression.squaredErrorRow(r, y, targets, rowLoss, outputs);
        }
    }

    public static void squaredErrorBackward(float[] y, float[] targets, float[] dy, int rows, int outputs, float scale) {
        for (@Parallel int i = 0; i < rows * outputs; i++) {
            Regression.squaredErrorBackward(i, y, targets, dy, scale);
        }
    }

    public static void absoluteError(float[] y, float[] targets, float[] err, int rows, int outputs) {
        for (@Parallel int r = 0; r < rows; r++) {
            Regression.absoluteErrorRow(r, y, targets, err, outputs);
        }
    }

    public static void standardize(float[] x, float[] mean, float[] std, float[] y, int rows, int features) {
        for (@Parallel int i = 0; i < rows * features; i++) {
            Standardize.forward(i, x, mean, std, y, features);
        }
    }

    public static void standardizeBackward(float[] dy, float[] std, float[] dx, int rows, int features) {
        for (@Parallel int i = 0; i < rows * features; i++) {
            Standardize.backward(i, dy, std, dx, features);
        }
    }
}
