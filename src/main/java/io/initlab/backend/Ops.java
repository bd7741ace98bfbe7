package io.initlab.backend;

/**
 * The operations a model is made of, each a kernel of {@code io.initlab.kernels} over its whole
 * iteration space. Layers describe their forward and backward passes as calls to these; a backend
 * decides how to run them (the JVM backend runs them at once over CPU threads; a task-graph backend
 * records them once and replays the graph every step). Arguments that change between steps travel in
 * small arrays ({@code hp}, {@code step}) so that a recorded graph stays valid.
 */
public interface Ops {
    /** C = A·B (A m×k, B k×n). */
    void gemmNN(float[] a, float[] b, float[] c, int m, int n, int k);

    /** C = Aᵀ·B (A k×m, B k×n). */
    void gemmTN(float[] a, float[] b, float[] c, int m, int n, int k);

    /** C = A·Bᵀ (A m×k, B n×k). */
    void gemmNT(float[] a, float[] b, float[] c, int m, int n, int k);

    /** z = x + b (per column); y = f(z). */
    void biasActivation(float[] x, float[] bias, float[] z, float[] y, int rows, int cols, int kind, float slope);

    /** dz = dy · f'(z). */
    void activationBackward(float[] z, float[] y, float[] dy, float[] dz, int n, int kind, float slope);

    /** out[c] = Σ_r x[r, c]. */
    void columnSum(float[] x, float[] out, int rows, int cols);

    /** probs = softmax(logits) per row; rowLoss = -log p[label]. */
    void softmaxCrossEntropy(float[] logits, int[] labels, float[] probs, float[] rowLoss, int rows, int classes);

    /** dlogits = (probs - onehot) · scale. */
    void softmaxBackward(float[] probs, int[] labels, float[] dlogits, int rows, int classes, float scale);

    /** mask = 1/keep with probability keep, else 0; drawn from Philox(step[0], layerId). */
    void dropoutMask(float[] mask, int n, int[] step, int layerId, int seedLo, int seedHi, float keep);

    /** y = x · m element-wise. */
    void multiply(float[] x, float[] m, float[] y, int n);

    /** SGD with momentum; hp as {@code Optimizers.sgd}. */
    void sgd(float[] w, float[] g, float[] v, int n, float[] hp);

    /** Adam; hp as {@code Optimizers.adam}. */
    void adam(float[] w, float[] g, float[] m, float[] v, int n, float[] hp);

    /** correct[r] = argmax(logits[r]) == labels[r]. */
    void correct(float[] logits, int[] labels, int[] correct, int rows, int classes);

    /** out[i] = value. */
    void fill(float[] out, int n, float value);

    /** out[i] ~ U[lo, hi) from Philox(seed, tensorId, i). */
    void sampleUniform(float[] out, int n, int tensorId, int seedLo, int seedHi, float lo, float hi);

    /** out[i] ~ N(mean, std²). */
    void sampleNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean, float std);

    /** out[i] ~ N(mean, std²) truncated to ±cut·std. */
    void sampleTruncatedNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean, float std, float cut);

    // --- convolution (io.initlab.kernels.Conv, Pool): activations are NCHW rows, one sample each ---

    /**
     * cols [rows·outH·outW] × [channels·kh·kw] from NCHW x (stride 1, zero padding padTop/padLeft before,
     * the rest after), so that a convolution is the GEMM cols · W.
     */
    void im2col(float[] x, float[] cols, int rows, int channels, int height, int width, int kh, int kw,
                int outH, int outW, int padTop, int padLeft);

    /** dx (NCHW) = the adjoint of {@link #im2col} applied to dcols: each input sums the entries copied from it. */
    void col2im(float[] dcols, float[] dx, int rows, int channels, int height, int width, int kh, int kw,
                int outH, int outW, int padTop, int padLeft);

    /** From the pixel-major GEMM result g [rows·pixels] × channels: z = g + b (per channel), NCHW; y = f(z). */
    void channelBiasActivation(float[] g, float[] bias, float[] z, float[] y, int rows, int channels, int pixels,
                               int kind, float slope);

    /** The backward of {@link #channelBiasActivation}: pixel-major dz [rows·pixels] × channels = dy · f'(z), all else NCHW. */
    void channelActivationBackward(float[] z, float[] y, float[] dy, float[] dz, int rows, int channels, int pixels,
                                   int kind, float slope);

    /** db[c] = Σ over rows and pixels of dy · f'(z), NCHW (a convolution's bias gradient). */
    void channelBiasGradient(float[] z, float[] y, float[] dy, float[] db, int rows, int channels, int pixels,
                             int kind, float slope);

    /** y = p×p max pooling (stride p, valid) of NCHW x; argmax[i] = flat index in x of y[i]'s winner. */
    void maxPoolForward(float[] x, float[] y, int[] argmax, int rows, int channels, int height, int width,
                        int pool, int outH, int outW);

    /** dx = dy routed to each window's argmax, 0 elsewhere (dx is height×width per channel). */
    void maxPoolBackward(float[] dy, int[] argmax, float[] dx, int rows, int channels, int height, int width,
                         int pool, int outH, int outW);
}
