package io.initlab.backend.tornado;

import io.initlab.backend.tornado.TaskRecorder.Call;
import io.initlab.kernels.Activations;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Every TornadoVM kernel at the shapes initlab trains with (the seed MLP 784-256-128-10 at batch 64, the
 * Keras CNN's 3×3 convolution and 2×2 pooling at batch 32), with arrays filled with random values, their
 * FLOPs and the bytes they must move at least. Used by the kernel dump and benchmark tools.
 */
final class KernelCatalog {
    private KernelCatalog() {}

    /** One kernel launch: its recorded call, a shape label and its cost. */
    record Case(String kernel, String shape, Call call, double flops, double bytes) {}

    static final int BATCH = 64;
    static final int IN = 784;
    static final int H1 = 256;
    static final int H2 = 128;
    static final int CLASSES = 10;

    static List<Case> all(long seed) {
        Random r = new Random(seed);
        List<Case> out = new ArrayList<>();
        // dense layers
        gemm(out, r, "NN", BATCH, H1, IN, "x·W1 (dense1 forward)");
        gemm(out, r, "NN", BATCH, H2, H1, "h1·W2 (dense2 forward)");
        gemm(out, r, "NN", BATCH, CLASSES, H2, "h2·W3 (dense3 forward)");
        gemm(out, r, "TN", IN, H1, BATCH, "xᵀ·dz1 (dense1 weight grad)");
        gemm(out, r, "TN", H1, H2, BATCH, "h1ᵀ·dz2 (dense2 weight grad)");
        gemm(out, r, "NT", BATCH, IN, H1, "dz1·W1ᵀ (input grad, 784 wide)");
        gemm(out, r, "NT", BATCH, H1, H2, "dz2·W2ᵀ (dense2 input grad)");
        int n = BATCH * H1;
        {
            TaskRecorder t = new TaskRecorder(false);
            t.biasActivation(floats(r, n), floats(r, H1), new float[n], new float[n], BATCH, H1, Activations.RELU, 0.01f);
            out.add(new Case("biasActivation", BATCH + "×" + H1 + " relu", last(t), n, 3.0 * 4 * n));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.activationBackward(floats(r, n), floats(r, n), floats(r, n), new float[n], n, Activations.RELU, 0.01f);
            out.add(new Case("activationBackward", BATCH + "×" + H1 + " relu", last(t), n, 4.0 * 4 * n));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.columnSum(floats(r, n), new float[H1], BATCH, H1);
            out.add(new Case("columnSum", BATCH + "×" + H1, last(t), n, 4.0 * (n + H1)));
        }
        int nl = BATCH * CLASSES;
        {
            TaskRecorder t = new TaskRecorder(false);
            t.softmaxCrossEntropy(floats(r, nl), labels(r, BATCH), new float[nl], new float[BATCH], BATCH, CLASSES);
            out.add(new Case("softmaxCrossEntropy", BATCH + "×" + CLASSES, last(t), 5.0 * nl, 4.0 * (2 * nl + 2 * BATCH)));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.softmaxBackward(floats(r, nl), labels(r, BATCH), new float[nl], BATCH, CLASSES, 1f / BATCH);
            out.add(new Case("softmaxBackward", BATCH + "×" + CLASSES, last(t), 2.0 * nl, 4.0 * (2 * nl + BATCH)));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.correct(floats(r, nl), labels(r, BATCH), new int[BATCH], BATCH, CLASSES);
            out.add(new Case("correct", BATCH + "×" + CLASSES, last(t), nl, 4.0 * (nl + 2 * BATCH)));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.dropoutMask(new float[n], n, new int[] {7}, 1, 42, 0, 0.5f);
            out.add(new Case("dropoutMask", BATCH + "×" + H1, last(t), 0, 4.0 * n));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.multiply(floats(r, n), floats(r, n), new float[n], n);
            out.add(new Case("multiply", BATCH + "×" + H1, last(t), n, 3.0 * 4 * n));
        }
        int p = IN * H1;
        {
            TaskRecorder t = new TaskRecorder(false);
            t.sgd(floats(r, p), floats(r, p), floats(r, p), p, new float[] {0.01f, 0.9f});
            out.add(new Case("sgd", IN + "×" + H1, last(t), 4.0 * p, 5.0 * 4 * p));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.adam(floats(r, p), floats(r, p), floats(r, p), positive(r, p), p, new float[] {0.9f, 0.999f, 1e-8f, 1e-3f, 0.1f});
            out.add(new Case("adam", IN + "×" + H1, last(t), 14.0 * p, 7.0 * 4 * p));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.fill(new float[p], p, 0.5f);
            out.add(new Case("fill", IN + "×" + H1, last(t), 0, 4.0 * p));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.sampleUniform(new float[p], p, 3, 42, 0, -0.1f, 0.1f);
            out.add(new Case("sampleUniform", IN + "×" + H1, last(t), 0, 4.0 * p));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.sampleNormal(new float[p], p, 3, 42, 0, 0f, 0.05f);
            out.add(new Case("sampleNormal", IN + "×" + H1, last(t), 0, 4.0 * p));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.sampleTruncatedNormal(new float[p], p, 3, 42, 0, 0f, 0.05f, 2f);
            out.add(new Case("sampleTruncatedNormal", IN + "×" + H1, last(t), 0, 4.0 * p));
        }
        out.add(philox(1 << 16));
        out.add(partialSums(floats(r, p), 1024));
        out.add(partialCentredSquares(floats(r, p), 1024, 0.25f));
        // the Keras CNN: conv 32 3×3 (valid) on 28×28×1, max pool 2, batch 32
        int b = 32;
        int c = 1;
        int h = 28;
        int w = 28;
        int k = 3;
        int f = 32;
        int oh = h - k + 1;
        int ow = w - k + 1;
        int pix = oh * ow;
        int taps = c * k * k;
        String conv = b + "×" + c + "×" + h + "×" + w + " 3×3→" + f;
        {
            TaskRecorder t = new TaskRecorder(false);
            t.im2col(floats(r, b * c * h * w), new float[b * pix * taps], b, c, h, w, k, k, oh, ow, 0, 0);
            out.add(new Case("im2col", conv, last(t), 0, 4.0 * (b * c * h * w + b * pix * taps)));
        }
        gemm(out, r, "NN", b * pix, f, taps, "cols·W (conv forward)");
        gemm(out, r, "TN", taps, f, b * pix, "colsᵀ·dz (conv weight grad)");
        gemm(out, r, "NT", b * pix, taps, f, "dz·Wᵀ (conv input grad)");
        {
            TaskRecorder t = new TaskRecorder(false);
            t.col2im(floats(r, b * pix * taps), new float[b * c * h * w], b, c, h, w, k, k, oh, ow, 0, 0);
            out.add(new Case("col2im", conv, last(t), (double) b * pix * taps, 4.0 * (b * c * h * w + b * pix * taps)));
        }
        int no = b * f * pix;
        {
            TaskRecorder t = new TaskRecorder(false);
            t.channelBiasActivation(floats(r, no), floats(r, f), new float[no], new float[no], b, f, pix, Activations.RELU, 0.01f);
            out.add(new Case("channelBiasActivation", b + "×" + f + "×" + oh + "×" + ow, last(t), no, 3.0 * 4 * no));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.channelActivationBackward(floats(r, no), floats(r, no), floats(r, no), new float[no], b, f, pix, Activations.RELU, 0.01f);
            out.add(new Case("channelActivationBackward", b + "×" + f + "×" + oh + "×" + ow, last(t), no, 4.0 * 4 * no));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            t.channelBiasGradient(floats(r, no), floats(r, no), floats(r, no), new float[f], b, f, pix, Activations.RELU, 0.01f);
            out.add(new Case("channelBiasGradient", b + "×" + f + "×" + oh + "×" + ow, last(t), 2.0 * no, 3.0 * 4 * no));
        }
        int ph = oh / 2;
        int pw = ow / 2;
        int np = b * f * ph * pw;
        {
            TaskRecorder t = new TaskRecorder(false);
            t.maxPoolForward(floats(r, no), new float[np], new int[np], b, f, oh, ow, 2, ph, pw);
            out.add(new Case("maxPoolForward", b + "×" + f + "×" + oh + "×" + ow + " /2", last(t), 4.0 * np, 4.0 * (no + 2 * np)));
        }
        {
            TaskRecorder t = new TaskRecorder(false);
            int[] argmax = new int[np];
            for (int i = 0; i < np; i++) {
                argmax[i] = r.nextInt(no);
            }
            t.maxPoolBackward(floats(r, np), argmax, new float[no], b, f, oh, ow, 2, ph, pw);
            out.add(new Case("maxPoolBackward", b + "×" + f + "×" + oh + "×" + ow + " /2", last(t), 0, 4.0 * (no + 2 * np)));
        }
        return out;
    }

    private static void gemm(List<Case> out, Random r, String layout, int m, int n, int k, String what) {
        TaskRecorder t = new TaskRecorder(false);
        float[] a = floats(r, m * k);
        float[] b = floats(r, k * n);
        float[] c = new float[m * n];
        switch (layout) {
            case "NN" -> t.gemmNN(a, b, c, m, n, k);
            case "TN" -> t.gemmTN(a, b, c, m, n, k);
            default -> t.gemmNT(a, b, c, m, n, k);
        }
        out.add(new Case("gemm" + layout, m + "×" + k + "·" + k + "×" + n + " " + what, last(t), 2.0 * m * n * k,
                4.0 * ((double) m * k + (double) k * n + (double) m * n)));
    }

    static Case philox(int blocks) {
        int[] out = new int[4 * blocks];
        Call c = new Call("philoxBlock", new Object[] {out, blocks, 1, 2, 3, 42, 7}, new Object[0], new Object[] {out},
                blocks, null, (g, t) -> g.task(t, TornadoKernels::philoxBlock, out, blocks, 1, 2, 3, 42, 7));
        return new Case("philoxBlock", blocks + " blocks", c, 0, 16.0 * blocks);
    }

    static Case partialSums(float[] x, int chunk) {
        int n = x.length;
        int chunks = (n + chunk - 1) / chunk;
        float[] out = new float[3 * chunks];
        Call c = new Call("tensorPartialSums", new Object[] {x, n, chunk, out, chunks}, new Object[] {x},
                new Object[] {out}, chunks, null, (g, t) -> g.task(t, TornadoKernels::tensorPartialSums, x, n, chunk, out, chunks));
        return new Case("tensorPartialSums", n + " / " + chunk, c, 3.0 * n, 4.0 * n);
    }

    static Case partialCentredSquares(float[] x, int chunk, float mean) {
        int n = x.length;
        int chunks = (n + chunk - 1) / chunk;
        float[] out = new float[chunks];
        Call c = new Call("tensorPartialCentredSquares", new Object[] {x, n, chunk, mean, out, chunks}, new Object[] {x},
                new Object[] {out}, chunks, null,
                (g, t) -> g.task(t, TornadoKernels::tensorPartialCentredSquares, x, n, chunk, mean, out, chunks));
        return new Case("tensorPartialCentredSquares", n + " / " + chunk, c, 3.0 * n, 4.0 * n);
    }

    static Call last(TaskRecorder t) {
        return t.calls().get(t.calls().size() - 1);
    }

    static float[] floats(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    static float[] positive(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat() * 1e-3f;
        }
        return a;
    }

    static int[] labels(Random r, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(CLASSES);
        }
        return a;
    }
}
