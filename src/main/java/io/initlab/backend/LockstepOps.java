package io.initlab.backend;

import io.initlab.kernels.Philox;

/**
 * The {@link Ops} a model sees when R runs of it train in lockstep ({@code train/LockstepTrainer}): the layers, loss
 * and optimizer issue their usual one-run calls (rows, sizes and scales of one run) on arrays that hold every run's
 * block in turn (run r's at offset r × the one-run size: parameters, optimizer state, activations, batch, labels),
 * and each call becomes one call over all R blocks:
 * <ul>
 *   <li>element-wise kernels (activation backward, optimizers, fill, multiply) and row-wise ones (softmax
 *       cross-entropy, scores, squared and absolute error) run over R times the elements or rows: their blocks are
 *       contiguous, and a row never reads another row;</li>
 *   <li>dropout masks are drawn for every run with its own seed ({@code dropoutMaskRuns}, the seeds in an array);</li>
 *   <li>GEMMs, the bias add and the bias gradient, whose one-run bodies index a shared operand from 0, run as their
 *       {@code …Runs} kernels, which offset every operand by its run.</li>
 * </ul>
 * Every element is computed by the same arithmetic in the same order as in a run alone, so each run's numbers are
 * bit-identical to training it by itself on the same kernels. Kernels whose runs would differ by a scalar (the
 * samplers: initialization runs on the host per run), that have no run-offset body yet (convolution, pooling,
 * standardization) or that are already over runs throw: {@code LockstepTrainer.whyNot} says which runs can train
 * this way.
 */
public final class LockstepOps implements Ops {
    private final Ops inner;
    private final int runs;
    /** Each run's seed as two words (low, high), for the dropout masks; null: a model without dropout. */
    private final int[] seeds;

    public LockstepOps(Ops inner, int runs) {
        this(inner, runs, null);
    }

    /** @param seeds 2 × runs words: run r's seed is (seeds[2r + 1] << 32) | seeds[2r] ({@link #seedWords}) */
    public LockstepOps(Ops inner, int runs, int[] seeds) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, not " + runs);
        }
        if (seeds != null && seeds.length != 2 * runs) {
            throw new IllegalArgumentException(runs + " runs need " + 2 * runs + " seed words, not " + seeds.length);
        }
        this.inner = inner;
        this.runs = runs;
        this.seeds = seeds;
    }

    /** The runs' seeds as the dropout masks take them: low and high word of each, as the one-run layer splits its own. */
    public static int[] seedWords(long[] seeds) {
        int[] words = new int[2 * seeds.length];
        for (int r = 0; r < seeds.length; r++) {
            words[2 * r] = Philox.seedLo(seeds[r]);
            words[2 * r + 1] = Philox.seedHi(seeds[r]);
        }
        return words;
    }

    public int runs() {
        return runs;
    }

    // --- over runs, by the run-offset kernels ---

    @Override
    public void gemmNN(float[] a, float[] b, float[] c, int m, int n, int k) {
        inner.gemmNNRuns(a, b, c, m, n, k, runs);
    }

    @Override
    public void gemmTN(float[] a, float[] b, float[] c, int m, int n, int k) {
        inner.gemmTNRuns(a, b, c, m, n, k, runs);
    }

    @Override
    public void gemmNT(float[] a, float[] b, float[] c, int m, int n, int k) {
        inner.gemmNTRuns(a, b, c, m, n, k, runs);
    }

    @Override
    public void biasActivation(float[] x, float[] bias, float[] z, float[] y, int rows, int cols, int kind, float slope) {
        inner.biasActivationRuns(x, bias, z, y, rows, cols, kind, slope, runs);
    }

    @Override
    public void columnSum(float[] x, float[] out, int rows, int cols) {
        inner.columnSumRuns(x, out, rows, cols, runs);
    }

    /** Each run's mask from its own seed (the layer's seed words, the first run's, are not used). */
    @Override
    public void dropoutMask(float[] mask, int n, int[] step, int layerId, int seedLo, int seedHi, float keep) {
        if (seeds == null) {
            throw new IllegalStateException("dropout over runs needs the runs' seeds: new LockstepOps(ops, runs, seeds)");
        }
        inner.dropoutMaskRuns(mask, n, step, layerId, seeds, keep, runs);
    }

    // --- over runs, by the one-run kernels on R times the elements or rows ---

    @Override
    public void activationBackward(float[] z, float[] y, float[] dy, float[] dz, int n, int kind, float slope) {
        inner.activationBackward(z, y, dy, dz, runs * n, kind, slope);
    }

    @Override
    public void softmaxCrossEntropy(float[] logits, int[] labels, float[] probs, float[] rowLoss, int rows, int classes) {
        inner.softmaxCrossEntropy(logits, labels, probs, rowLoss, runs * rows, classes);
    }

    @Override
    public void softmaxBackward(float[] probs, int[] labels, float[] dlogits, int rows, int classes, float scale) {
        inner.softmaxBackward(probs, labels, dlogits, runs * rows, classes, scale); // scale stays 1/rows of one run
    }

    @Override
    public void correct(float[] logits, int[] labels, int[] correct, int rows, int classes) {
        inner.correct(logits, labels, correct, runs * rows, classes);
    }

    @Override
    public void squaredError(float[] y, float[] targets, float[] rowLoss, int rows, int outputs) {
        inner.squaredError(y, targets, rowLoss, runs * rows, outputs);
    }

    @Override
    public void squaredErrorBackward(float[] y, float[] targets, float[] dy, int rows, int outputs, float scale) {
        inner.squaredErrorBackward(y, targets, dy, runs * rows, outputs, scale);
    }

    @Override
    public void absoluteError(float[] y, float[] targets, float[] err, int rows, int outputs) {
        inner.absoluteError(y, targets, err, runs * rows, outputs);
    }

    @Override
    public void multiply(float[] x, float[] m, float[] y, int n) {
        inner.multiply(x, m, y, runs * n);
    }

    @Override
    public void sgd(float[] w, float[] g, float[] v, int n, float[] hp) {
        inner.sgd(w, g, v, runs * n, hp); // lockstep runs share the step, so the hyper-parameters too
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, int n, float[] hp) {
        inner.adam(w, g, m, v, runs * n, hp);
    }

    @Override
    public void rmsprop(float[] w, float[] g, float[] v, int n, float[] hp) {
        inner.rmsprop(w, g, v, runs * n, hp);
    }

    @Override
    public void fill(float[] out, int n, float value) {
        inner.fill(out, runs * n, value);
    }

    // --- not over runs ---

    private static UnsupportedOperationException notOverRuns(String kernel) {
        return new UnsupportedOperationException(kernel + " cannot run for several runs at once (lockstep training "
                + "takes models of dense and dropout layers): train these runs one at a time (--runs-per-device 1)");
    }

    @Override
    public void gemmNNRuns(float[] a, float[] b, float[] c, int m, int n, int k, int r) {
        throw notOverRuns("gemmNNRuns");
    }

    @Override
    public void gemmTNRuns(float[] a, float[] b, float[] c, int m, int n, int k, int r) {
        throw notOverRuns("gemmTNRuns");
    }

    @Override
    public void gemmNTRuns(float[] a, float[] b, float[] c, int m, int n, int k, int r) {
        throw notOverRuns("gemmNTRuns");
    }

    @Override
    public void biasActivationRuns(float[] x, float[] bias, float[] z, float[] y, int rows, int cols, int kind, float slope,
                                   int r) {
        throw notOverRuns("biasActivationRuns");
    }

    @Override
    public void columnSumRuns(float[] x, float[] out, int rows, int cols, int r) {
        throw notOverRuns("columnSumRuns");
    }

    @Override
    public void dropoutMaskRuns(float[] mask, int n, int[] step, int layerId, int[] s, float keep, int r) {
        throw notOverRuns("dropoutMaskRuns");
    }

    @Override
    public void sampleUniform(float[] out, int n, int tensorId, int seedLo, int seedHi, float lo, float hi) {
        throw notOverRuns("sampleUniform");
    }

    @Override
    public void sampleNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean, float std) {
        throw notOverRuns("sampleNormal");
    }

    @Override
    public void sampleTruncatedNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean, float std,
                                      float cut) {
        throw notOverRuns("sampleTruncatedNormal");
    }

    @Override
    public void philoxBlock(int[] out, int n, int c1, int c2, int c3, int k0, int k1) {
        throw notOverRuns("philoxBlock");
    }

    @Override
    public void tensorPartialSums(float[] x, int n, int chunkSize, float[] out, int chunks) {
        throw notOverRuns("tensorPartialSums");
    }

    @Override
    public void tensorPartialCentredSquares(float[] x, int n, int chunkSize, float mean, float[] out, int chunks) {
        throw notOverRuns("tensorPartialCentredSquares");
    }

    @Override
    public void im2col(float[] x, float[] cols, int rows, int channels, int height, int width, int kh, int kw,
                       int outH, int outW, int padTop, int padLeft) {
        throw notOverRuns("conv (im2col)");
    }

    @Override
    public void col2im(float[] dcols, float[] dx, int rows, int channels, int height, int width, int kh, int kw,
                       int outH, int outW, int padTop, int padLeft) {
        throw notOverRuns("conv (col2im)");
    }

    @Override
    public void channelBiasActivation(float[] g, float[] bias, float[] z, float[] y, int rows, int channels, int pixels,
                                      int kind, float slope) {
        throw notOverRuns("conv (channelBiasActivation)");
    }

    @Override
    public void channelActivationBackward(float[] z, float[] y, float[] dy, float[] dz, int rows, int channels,
                                          int pixels, int kind, float slope) {
        throw notOverRuns("conv (channelActivationBackward)");
    }

    @Override
    public void channelBiasGradient(float[] z, float[] y, float[] dy, float[] db, int rows, int channels, int pixels,
                                    int kind, float slope) {
        throw notOverRuns("conv (channelBiasGradient)");
    }

    @Override
    public void maxPoolForward(float[] x, float[] y, int[] argmax, int rows, int channels, int height, int width,
                               int pool, int outH, int outW) {
        throw notOverRuns("maxpool");
    }

    @Override
    public void maxPoolBackward(float[] dy, int[] argmax, float[] dx, int rows, int channels, int height, int width,
                                int pool, int outH, int outW) {
        throw notOverRuns("maxpool");
    }

    @Override
    public void standardize(float[] x, float[] mean, float[] std, float[] y, int rows, int features) {
        throw notOverRuns("normalize");
    }

    @Override
    public void standardizeBackward(float[] dy, float[] std, float[] dx, int rows, int features) {
        throw notOverRuns("normalize");
    }
}
