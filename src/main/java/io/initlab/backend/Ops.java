package io.initlab.backend;

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

/**
 * The operations a model is made of, each a kernel of {@code io.initlab.kernels} over its whole
 * iteration space. Layers describe their forward and backward passes as calls to these; a backend
 * decides how to run them (the JVM backend runs them at once over CPU threads; a task-graph backend
 * records them once and replays the graph every step). Arguments that change between steps travel in
 * small arrays ({@code hp}, {@code step}) so that a recorded graph stays valid.
 *
 * <p>This is where an operation is declared: each default method is the reference, a sequential loop of
 * the one-index body over its iteration space (the loop the TornadoVM wrapper of the same name and
 * parameters runs in parallel), and its {@link Kernel} annotation says what it writes, its parallel work,
 * and its catalog shapes and costs. Backends override the methods they run differently ({@code JvmOps}: the
 * hot ones); recorders and the catalog read the annotations ({@link KernelInfo}, {@link KernelCatalog}).
 * {@code KernelDeclarationTest} checks that every method has its TornadoVM wrapper and catalog examples.
 */
public interface Ops {

    // --- dense algebra ---

    /** C = A·B (A m×k, B k×n). */
    @Kernel(writes = "c", work = "m*n", sizes = {"a=m*k", "b=k*n", "c=m*n"}, flops = "2*m*n*k",
            bytes = "4*(m*k+k*n+m*n)", examples = {
                    @Kernel.Example(label = "64×784·784×256 dense1", args = {"m=64", "n=256", "k=784"}),
                    @Kernel.Example(label = "64×256·256×128 dense2", args = {"m=64", "n=128", "k=256"}),
                    @Kernel.Example(label = "64×128·128×10 dense3", args = {"m=64", "n=10", "k=128"}),
                    @Kernel.Example(label = "21632×9·9×32 conv", args = {"m=21632", "n=32", "k=9"})})
    default void gemmNN(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m * n; i++) {
            Gemm.nn(i, a, b, c, m, n, k);
        }
    }

    /** C = Aᵀ·B (A k×m, B k×n). */
    @Kernel(writes = "c", work = "m*n", sizes = {"a=k*m", "b=k*n", "c=m*n"}, flops = "2*m*n*k",
            bytes = "4*(m*k+k*n+m*n)", examples = {
                    @Kernel.Example(label = "(64×784)ᵀ·64×256 dense1 dW", args = {"m=784", "n=256", "k=64"}),
                    @Kernel.Example(label = "(64×256)ᵀ·64×128 dense2 dW", args = {"m=256", "n=128", "k=64"}),
                    @Kernel.Example(label = "(21632×9)ᵀ·21632×32 conv dW", args = {"m=9", "n=32", "k=21632"})})
    default void gemmTN(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m * n; i++) {
            Gemm.tn(i, a, b, c, m, n, k);
        }
    }

    /** C = A·Bᵀ (A m×k, B n×k). */
    @Kernel(writes = "c", work = "m*n", sizes = {"a=m*k", "b=n*k", "c=m*n"}, flops = "2*m*n*k",
            bytes = "4*(m*k+k*n+m*n)", examples = {
                    @Kernel.Example(label = "64×256·(784×256)ᵀ dense1 dx", args = {"m=64", "n=784", "k=256"}),
                    @Kernel.Example(label = "64×128·(256×128)ᵀ dense2 dx", args = {"m=64", "n=256", "k=128"}),
                    @Kernel.Example(label = "21632×32·(9×32)ᵀ conv dx", args = {"m=21632", "n=9", "k=32"})})
    default void gemmNT(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m * n; i++) {
            Gemm.nt(i, a, b, c, m, n, k);
        }
    }

    /** z = x + b (per column); y = f(z). */
    @Kernel(writes = {"z", "y"}, work = "rows*cols", sizes = {"x=rows*cols", "bias=cols", "z=rows*cols", "y=rows*cols"},
            flops = "rows*cols", bytes = "12*rows*cols",
            examples = @Kernel.Example(label = "64×256 relu", args = {"rows=64", "cols=256", "kind=1", "slope=0.01"}))
    default void biasActivation(float[] x, float[] bias, float[] z, float[] y, int rows, int cols, int kind, float slope) {
        for (int i = 0; i < rows * cols; i++) {
            Activations.biasForward(i, x, bias, z, y, cols, kind, slope);
        }
    }

    /** dz = dy · f'(z). */
    @Kernel(writes = "dz", work = "n", sizes = {"z=n", "y=n", "dy=n", "dz=n"}, flops = "n", bytes = "16*n",
            examples = @Kernel.Example(label = "64×256 relu", args = {"n=16384", "kind=1", "slope=0.01"}))
    default void activationBackward(float[] z, float[] y, float[] dy, float[] dz, int n, int kind, float slope) {
        for (int i = 0; i < n; i++) {
            Activations.backward(i, z, y, dy, dz, kind, slope);
        }
    }

    /** out[c] = Σ_r x[r, c]. */
    @Kernel(writes = "out", work = "cols", sizes = {"x=rows*cols", "out=cols"}, flops = "rows*cols",
            bytes = "4*(rows*cols+cols)",
            examples = @Kernel.Example(label = "64×256", args = {"rows=64", "cols=256"}))
    default void columnSum(float[] x, float[] out, int rows, int cols) {
        for (int c = 0; c < cols; c++) {
            Reductions.columnSum(c, x, out, rows, cols);
        }
    }

    // --- R runs at once (lockstep training, {@link LockstepOps}): each array holds every run's block in turn ---

    /** C_r = A_r·B_r for each of {@code runs} runs (A_r m×k, B_r k×n, C_r m×n at offsets r·m·k, r·k·n, r·m·n). */
    @Kernel(writes = "c", work = "runs*m*n", sizes = {"a=runs*m*k", "b=runs*k*n", "c=runs*m*n"}, flops = "2*runs*m*n*k",
            bytes = "4*runs*(m*k+k*n+m*n)", examples = {
                    @Kernel.Example(label = "10 runs 128×784·784×256", args = {"m=128", "n=256", "k=784", "runs=10"}),
                    @Kernel.Example(label = "10 runs 128×128·128×10", args = {"m=128", "n=10", "k=128", "runs=10"})})
    default void gemmNNRuns(float[] a, float[] b, float[] c, int m, int n, int k, int runs) {
        for (int i = 0; i < runs * m * n; i++) {
            Gemm.nnRuns(i, a, b, c, m, n, k);
        }
    }

    /** C_r = A_rᵀ·B_r for each of {@code runs} runs (A_r k×m, B_r k×n). */
    @Kernel(writes = "c", work = "runs*m*n", sizes = {"a=runs*k*m", "b=runs*k*n", "c=runs*m*n"}, flops = "2*runs*m*n*k",
            bytes = "4*runs*(m*k+k*n+m*n)", examples = {
                    @Kernel.Example(label = "10 runs (128×784)ᵀ·128×256", args = {"m=784", "n=256", "k=128", "runs=10"})})
    default void gemmTNRuns(float[] a, float[] b, float[] c, int m, int n, int k, int runs) {
        for (int i = 0; i < runs * m * n; i++) {
            Gemm.tnRuns(i, a, b, c, m, n, k);
        }
    }

    /** C_r = A_r·B_rᵀ for each of {@code runs} runs (A_r m×k, B_r n×k). */
    @Kernel(writes = "c", work = "runs*m*n", sizes = {"a=runs*m*k", "b=runs*n*k", "c=runs*m*n"}, flops = "2*runs*m*n*k",
            bytes = "4*runs*(m*k+k*n+m*n)", examples = {
                    @Kernel.Example(label = "10 runs 128×256·(128×256)ᵀ", args = {"m=128", "n=128", "k=256", "runs=10"})})
    default void gemmNTRuns(float[] a, float[] b, float[] c, int m, int n, int k, int runs) {
        for (int i = 0; i < runs * m * n; i++) {
            Gemm.ntRuns(i, a, b, c, m, n, k);
        }
    }

    /** z_r = x_r + b_r (per column); y_r = f(z_r), for each of {@code runs} runs. */
    @Kernel(writes = {"z", "y"}, work = "runs*rows*cols",
            sizes = {"x=runs*rows*cols", "bias=runs*cols", "z=runs*rows*cols", "y=runs*rows*cols"},
            flops = "runs*rows*cols", bytes = "12*runs*rows*cols",
            examples = @Kernel.Example(label = "10 runs 128×256 relu",
                    args = {"rows=128", "cols=256", "kind=1", "slope=0.01", "runs=10"}))
    default void biasActivationRuns(float[] x, float[] bias, float[] z, float[] y, int rows, int cols, int kind, float slope,
                                    int runs) {
        for (int i = 0; i < runs * rows * cols; i++) {
            Activations.biasForwardRuns(i, x, bias, z, y, rows, cols, kind, slope);
        }
    }

    /** out_r[c] = Σ_row x_r[row, c], for each of {@code runs} runs. */
    @Kernel(writes = "out", work = "runs*cols", sizes = {"x=runs*rows*cols", "out=runs*cols"}, flops = "runs*rows*cols",
            bytes = "4*runs*(rows*cols+cols)",
            examples = @Kernel.Example(label = "10 runs 128×256", args = {"rows=128", "cols=256", "runs=10"}))
    default void columnSumRuns(float[] x, float[] out, int rows, int cols, int runs) {
        for (int i = 0; i < runs * cols; i++) {
            Reductions.columnSumRuns(i, x, out, rows, cols);
        }
    }

    // --- loss, metrics ---

    /** probs = softmax(logits) per row; rowLoss = -log p[label]. */
    @Kernel(writes = {"probs", "rowLoss"}, work = "rows",
            sizes = {"logits=rows*classes", "labels=rows", "probs=rows*classes", "rowLoss=rows"},
            inputs = "labels<classes", flops = "5*rows*classes", bytes = "4*(2*rows*classes+2*rows)",
            examples = @Kernel.Example(label = "64×10", args = {"rows=64", "classes=10"}))
    default void softmaxCrossEntropy(float[] logits, int[] labels, float[] probs, float[] rowLoss, int rows, int classes) {
        for (int r = 0; r < rows; r++) {
            SoftmaxCrossEntropy.forwardRow(r, logits, labels, probs, rowLoss, classes);
        }
    }

    /** dlogits = (probs - onehot) · scale. */
    @Kernel(writes = "dlogits", work = "rows*classes", sizes = {"probs=rows*classes", "labels=rows", "dlogits=rows*classes"},
            inputs = "labels<classes", flops = "2*rows*classes", bytes = "4*(2*rows*classes+rows)",
            examples = @Kernel.Example(label = "64×10", args = {"rows=64", "classes=10", "scale=0.015625"}))
    default void softmaxBackward(float[] probs, int[] labels, float[] dlogits, int rows, int classes, float scale) {
        for (int i = 0; i < rows * classes; i++) {
            SoftmaxCrossEntropy.backward(i, probs, labels, dlogits, classes, scale);
        }
    }

    /** correct[r] = argmax(logits[r]) == labels[r]. */
    @Kernel(writes = "correct", work = "rows", sizes = {"logits=rows*classes", "labels=rows", "correct=rows"},
            inputs = "labels<classes", flops = "rows*classes", bytes = "4*(rows*classes+2*rows)",
            examples = @Kernel.Example(label = "64×10", args = {"rows=64", "classes=10"}))
    default void correct(float[] logits, int[] labels, int[] correct, int rows, int classes) {
        for (int r = 0; r < rows; r++) {
            Metrics.correct(r, logits, labels, correct, classes);
        }
    }

    // --- dropout ---

    /** mask = 1/keep with probability keep, else 0; drawn from Philox(step[0], layerId). */
    @Kernel(writes = "mask", work = "n", sizes = {"mask=n", "step=1"}, inputs = "step={7}", flops = "0", bytes = "4*n",
            examples = @Kernel.Example(label = "64×256",
                    args = {"n=16384", "layerId=1", "seedLo=42", "seedHi=0", "keep=0.5"}))
    default void dropoutMask(float[] mask, int n, int[] step, int layerId, int seedLo, int seedHi, float keep) {
        for (int i = 0; i < n; i++) {
            Dropout.mask(i, mask, step, layerId, seedLo, seedHi, keep);
        }
    }

    /** {@link #dropoutMask} for each of {@code runs} runs, run r with its seed's words seeds[2r], seeds[2r + 1]. */
    @Kernel(writes = "mask", work = "runs*n", sizes = {"mask=runs*n", "step=1", "seeds=2*runs"},
            inputs = {"step={7}", "seeds={42,0,43,0}"}, flops = "0", bytes = "4*runs*n",
            examples = @Kernel.Example(label = "2 runs 64×256", args = {"n=16384", "layerId=1", "keep=0.5", "runs=2"}))
    default void dropoutMaskRuns(float[] mask, int n, int[] step, int layerId, int[] seeds, float keep, int runs) {
        for (int i = 0; i < runs * n; i++) {
            Dropout.maskRuns(i, mask, step, layerId, seeds, n, keep);
        }
    }

    /** y = x · m element-wise. */
    @Kernel(writes = "y", work = "n", sizes = {"x=n", "m=n", "y=n"}, flops = "n", bytes = "12*n",
            examples = @Kernel.Example(label = "64×256", args = "n=16384"))
    default void multiply(float[] x, float[] m, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            Dropout.apply(i, x, m, y);
        }
    }

    // --- optimizers ---

    /** SGD with momentum; hp as {@code Optimizers.sgd}. */
    @Kernel(writes = {"w", "v"}, work = "n", sizes = {"w=n", "g=n", "v=n", "hp=2"}, inputs = "hp={0.01,0.9}",
            flops = "4*n", bytes = "20*n", examples = @Kernel.Example(label = "784×256", args = "n=200704"))
    default void sgd(float[] w, float[] g, float[] v, int n, float[] hp) {
        for (int i = 0; i < n; i++) {
            Optimizers.sgd(i, w, g, v, hp);
        }
    }

    /** Adam; hp as {@code Optimizers.adam}. */
    @Kernel(writes = {"w", "m", "v"}, work = "n", sizes = {"w=n", "g=n", "m=n", "v=n", "hp=5"},
            inputs = {"v>=0", "hp={0.9,0.999,1e-8,1e-3,0.1}"}, flops = "14*n", bytes = "28*n",
            examples = @Kernel.Example(label = "784×256", args = "n=200704"))
    default void adam(float[] w, float[] g, float[] m, float[] v, int n, float[] hp) {
        for (int i = 0; i < n; i++) {
            Optimizers.adam(i, w, g, m, v, hp);
        }
    }

    /** RMSprop; hp as {@code Optimizers.rmsprop} (both ε placements nonzero here, so the catalog exercises both). */
    @Kernel(writes = {"w", "v"}, work = "n", sizes = {"w=n", "g=n", "v=n", "hp=4"},
            inputs = {"v>=0", "hp={1e-3,0.9,1e-7,1e-8}"}, flops = "9*n", bytes = "20*n",
            examples = @Kernel.Example(label = "784×256", args = "n=200704"))
    default void rmsprop(float[] w, float[] g, float[] v, int n, float[] hp) {
        for (int i = 0; i < n; i++) {
            Optimizers.rmsprop(i, w, g, v, hp);
        }
    }

    // --- initialization ---

    /** out[i] = value. */
    @Kernel(writes = "out", work = "n", sizes = "out=n", flops = "0", bytes = "4*n",
            examples = @Kernel.Example(label = "784×256", args = {"n=200704", "value=0.5"}))
    default void fill(float[] out, int n, float value) {
        for (int i = 0; i < n; i++) {
            Samplers.constant(i, out, 0, value);
        }
    }

    /** out[i] ~ U[lo, hi) from Philox(seed, tensorId, i). */
    @Kernel(writes = "out", work = "n", sizes = "out=n", flops = "0", bytes = "4*n",
            examples = @Kernel.Example(label = "784×256",
                    args = {"n=200704", "tensorId=3", "seedLo=42", "seedHi=0", "lo=-0.1", "hi=0.1"}))
    default void sampleUniform(float[] out, int n, int tensorId, int seedLo, int seedHi, float lo, float hi) {
        for (int i = 0; i < n; i++) {
            Samplers.uniform(i, out, 0, tensorId, seedLo, seedHi, lo, hi);
        }
    }

    /** out[i] ~ N(mean, std²). */
    @Kernel(writes = "out", work = "n", sizes = "out=n", flops = "0", bytes = "4*n",
            examples = @Kernel.Example(label = "784×256",
                    args = {"n=200704", "tensorId=3", "seedLo=42", "seedHi=0", "mean=0", "std=0.05"}))
    default void sampleNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean, float std) {
        for (int i = 0; i < n; i++) {
            Samplers.normal(i, out, 0, tensorId, seedLo, seedHi, mean, std);
        }
    }

    /** out[i] ~ N(mean, std²) truncated to ±cut·std. */
    @Kernel(writes = "out", work = "n", sizes = "out=n", flops = "0", bytes = "4*n",
            examples = @Kernel.Example(label = "784×256",
                    args = {"n=200704", "tensorId=3", "seedLo=42", "seedHi=0", "mean=0", "std=0.05", "cut=2"}))
    default void sampleTruncatedNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean, float std,
                                       float cut) {
        for (int i = 0; i < n; i++) {
            Samplers.truncatedNormal(i, out, 0, tensorId, seedLo, seedHi, mean, std, cut);
        }
    }

    /** The raw Philox stream: blocks 0..n-1 (four words each) of counter (i, c1, c2, c3), key (k0, k1). */
    @Kernel(writes = "out", work = "n", sizes = "out=4*n", flops = "0", bytes = "16*n",
            examples = @Kernel.Example(label = "65536 blocks",
                    args = {"n=65536", "c1=1", "c2=2", "c3=3", "k0=42", "k1=7"}))
    default void philoxBlock(int[] out, int n, int c1, int c2, int c3, int k0, int k1) {
        for (int i = 0; i < n; i++) {
            Philox.block(i, out, c1, c2, c3, k0, k1);
        }
    }

    // --- diagnostics ---

    /** out[3c + {0,1,2}] = Σx, Σx², zeros over chunk c of x[0, n) (chunks = ⌈n / chunkSize⌉). */
    @Kernel(writes = "out", work = "chunks", sizes = {"x=n", "out=3*chunks"}, flops = "3*n", bytes = "4*n",
            examples = @Kernel.Example(label = "784×256", args = {"n=200704", "chunkSize=1024", "chunks=196"}))
    default void tensorPartialSums(float[] x, int n, int chunkSize, float[] out, int chunks) {
        for (int c = 0; c < chunks; c++) {
            TensorStats.partialSums(c, x, n, chunkSize, out);
        }
    }

    /** out[c] = Σ (x - mean)² over chunk c of x[0, n). */
    @Kernel(writes = "out", work = "chunks", sizes = {"x=n", "out=chunks"}, flops = "3*n", bytes = "4*n",
            examples = @Kernel.Example(label = "784×256",
                    args = {"n=200704", "chunkSize=1024", "mean=0.25", "chunks=196"}))
    default void tensorPartialCentredSquares(float[] x, int n, int chunkSize, float mean, float[] out, int chunks) {
        for (int c = 0; c < chunks; c++) {
            TensorStats.partialCentredSquares(c, x, n, chunkSize, mean, out);
        }
    }

    // --- convolution (io.initlab.kernels.Conv, Pool): activations are NCHW rows, one sample each ---

    /**
     * cols [rows·outH·outW] × [channels·kh·kw] from NCHW x (stride 1, zero padding padTop/padLeft before,
     * the rest after), so that a convolution is the GEMM cols · W.
     */
    @Kernel(writes = "cols", work = "rows*outH*outW*channels*kh*kw",
            sizes = {"x=rows*channels*height*width", "cols=rows*outH*outW*channels*kh*kw"}, flops = "0",
            bytes = "4*(rows*channels*height*width+rows*outH*outW*channels*kh*kw)",
            examples = @Kernel.Example(label = "32×1×28×28 3×3 valid", args = {"rows=32", "channels=1",
                    "height=28", "width=28", "kh=3", "kw=3", "outH=26", "outW=26", "padTop=0", "padLeft=0"}))
    default void im2col(float[] x, float[] cols, int rows, int channels, int height, int width, int kh, int kw,
                        int outH, int outW, int padTop, int padLeft) {
        for (int i = 0; i < rows * outH * outW * channels * kh * kw; i++) {
            Conv.im2col(i, x, cols, channels, height, width, kh, kw, outH, outW, padTop, padLeft);
        }
    }

    /** dx (NCHW) = the adjoint of {@link #im2col} applied to dcols: each input sums the entries copied from it. */
    @Kernel(writes = "dx", work = "rows*channels*height*width",
            sizes = {"dcols=rows*outH*outW*channels*kh*kw", "dx=rows*channels*height*width"},
            flops = "rows*outH*outW*channels*kh*kw",
            bytes = "4*(rows*channels*height*width+rows*outH*outW*channels*kh*kw)",
            examples = @Kernel.Example(label = "32×1×28×28 3×3 valid", args = {"rows=32", "channels=1",
                    "height=28", "width=28", "kh=3", "kw=3", "outH=26", "outW=26", "padTop=0", "padLeft=0"}))
    default void col2im(float[] dcols, float[] dx, int rows, int channels, int height, int width, int kh, int kw,
                        int outH, int outW, int padTop, int padLeft) {
        for (int i = 0; i < rows * channels * height * width; i++) {
            Conv.col2im(i, dcols, dx, channels, height, width, kh, kw, outH, outW, padTop, padLeft);
        }
    }

    /** From the pixel-major GEMM result g [rows·pixels] × channels: z = g + b (per channel), NCHW; y = f(z). */
    @Kernel(writes = {"z", "y"}, work = "rows*channels*pixels",
            sizes = {"g=rows*channels*pixels", "bias=channels", "z=rows*channels*pixels", "y=rows*channels*pixels"},
            flops = "rows*channels*pixels", bytes = "12*rows*channels*pixels",
            examples = @Kernel.Example(label = "32×32×26×26 relu",
                    args = {"rows=32", "channels=32", "pixels=676", "kind=1", "slope=0.01"}))
    default void channelBiasActivation(float[] g, float[] bias, float[] z, float[] y, int rows, int channels, int pixels,
                                       int kind, float slope) {
        for (int i = 0; i < rows * channels * pixels; i++) {
            Conv.biasActivation(i, g, bias, z, y, channels, pixels, kind, slope);
        }
    }

    /** The backward of {@link #channelBiasActivation}: pixel-major dz [rows·pixels] × channels = dy · f'(z), all else NCHW. */
    @Kernel(writes = "dz", work = "rows*channels*pixels",
            sizes = {"z=rows*channels*pixels", "y=rows*channels*pixels", "dy=rows*channels*pixels",
                    "dz=rows*channels*pixels"},
            flops = "rows*channels*pixels", bytes = "16*rows*channels*pixels",
            examples = @Kernel.Example(label = "32×32×26×26 relu",
                    args = {"rows=32", "channels=32", "pixels=676", "kind=1", "slope=0.01"}))
    default void channelActivationBackward(float[] z, float[] y, float[] dy, float[] dz, int rows, int channels,
                                           int pixels, int kind, float slope) {
        for (int i = 0; i < rows * channels * pixels; i++) {
            Conv.activationBackward(i, z, y, dy, dz, channels, pixels, kind, slope);
        }
    }

    /** db[c] = Σ over rows and pixels of dy · f'(z), NCHW (a convolution's bias gradient). */
    @Kernel(writes = "db", work = "channels",
            sizes = {"z=rows*channels*pixels", "y=rows*channels*pixels", "dy=rows*channels*pixels", "db=channels"},
            flops = "2*rows*channels*pixels", bytes = "12*rows*channels*pixels",
            examples = @Kernel.Example(label = "32×32×26×26 relu",
                    args = {"rows=32", "channels=32", "pixels=676", "kind=1", "slope=0.01"}))
    default void channelBiasGradient(float[] z, float[] y, float[] dy, float[] db, int rows, int channels, int pixels,
                                     int kind, float slope) {
        for (int c = 0; c < channels; c++) {
            Conv.biasGradient(c, z, y, dy, db, rows, channels, pixels, kind, slope);
        }
    }

    /** y = p×p max pooling (stride p, valid) of NCHW x; argmax[i] = flat index in x of y[i]'s winner. */
    @Kernel(writes = {"y", "argmax"}, work = "rows*channels*outH*outW",
            sizes = {"x=rows*channels*height*width", "y=rows*channels*outH*outW", "argmax=rows*channels*outH*outW"},
            flops = "4*rows*channels*outH*outW",
            bytes = "4*(rows*channels*height*width+2*rows*channels*outH*outW)",
            examples = @Kernel.Example(label = "32×32×26×26 /2", args = {"rows=32", "channels=32", "height=26",
                    "width=26", "pool=2", "outH=13", "outW=13"}))
    default void maxPoolForward(float[] x, float[] y, int[] argmax, int rows, int channels, int height, int width,
                                int pool, int outH, int outW) {
        for (int i = 0; i < rows * channels * outH * outW; i++) {
            Pool.maxForward(i, x, y, argmax, height, width, pool, outH, outW);
        }
    }

    /** dx = dy routed to each window's argmax, 0 elsewhere (dx is height×width per channel). */
    @Kernel(writes = "dx", work = "rows*channels*height*width",
            sizes = {"dy=rows*channels*outH*outW", "argmax=rows*channels*outH*outW", "dx=rows*channels*height*width"},
            inputs = "argmax<rows*channels*height*width", flops = "0",
            bytes = "4*(rows*channels*height*width+2*rows*channels*outH*outW)",
            examples = @Kernel.Example(label = "32×32×26×26 /2", args = {"rows=32", "channels=32", "height=26",
                    "width=26", "pool=2", "outH=13", "outW=13"}))
    default void maxPoolBackward(float[] dy, int[] argmax, float[] dx, int rows, int channels, int height, int width,
                                 int pool, int outH, int outW) {
        for (int i = 0; i < rows * channels * height * width; i++) {
            Pool.maxBackward(i, dy, argmax, dx, height, width, pool, outH, outW);
        }
    }

    // --- regression (io.initlab.kernels.Regression) and standardization (Standardize) ---

    /** rowLoss[r] = mean over the row's outputs of (y - targets)² (Keras' mean_squared_error per row). */
    @Kernel(writes = "rowLoss", work = "rows", sizes = {"y=rows*outputs", "targets=rows*outputs", "rowLoss=rows"},
            flops = "3*rows*outputs", bytes = "4*(2*rows*outputs+rows)", examples = {
                    @Kernel.Example(label = "64×1 housing", args = {"rows=64", "outputs=1"}),
                    @Kernel.Example(label = "64×10", args = {"rows=64", "outputs=10"})})
    default void squaredError(float[] y, float[] targets, float[] rowLoss, int rows, int outputs) {
        for (int r = 0; r < rows; r++) {
            Regression.squaredErrorRow(r, y, targets, rowLoss, outputs);
        }
    }

    /** dy = (y - targets) · scale; scale = 2 / (rows · outputs) for the batch mean of {@link #squaredError}. */
    @Kernel(writes = "dy", work = "rows*outputs", sizes = {"y=rows*outputs", "targets=rows*outputs", "dy=rows*outputs"},
            flops = "2*rows*outputs", bytes = "12*rows*outputs", examples = {
                    @Kernel.Example(label = "64×1 housing", args = {"rows=64", "outputs=1", "scale=0.03125"}),
                    @Kernel.Example(label = "64×10", args = {"rows=64", "outputs=10", "scale=0.003125"})})
    default void squaredErrorBackward(float[] y, float[] targets, float[] dy, int rows, int outputs, float scale) {
        for (int i = 0; i < rows * outputs; i++) {
            Regression.squaredErrorBackward(i, y, targets, dy, scale);
        }
    }

    /** err[r] = mean over the row's outputs of |y - targets| (the per-row part of Keras' MAE metric). */
    @Kernel(writes = "err", work = "rows", sizes = {"y=rows*outputs", "targets=rows*outputs", "err=rows"},
            flops = "3*rows*outputs", bytes = "4*(2*rows*outputs+rows)", examples = {
                    @Kernel.Example(label = "64×1 housing", args = {"rows=64", "outputs=1"}),
                    @Kernel.Example(label = "64×10", args = {"rows=64", "outputs=10"})})
    default void absoluteError(float[] y, float[] targets, float[] err, int rows, int outputs) {
        for (int r = 0; r < rows; r++) {
            Regression.absoluteErrorRow(r, y, targets, err, outputs);
        }
    }

    /** y = (x - mean) / std per feature (Keras' Normalization; std = max(sqrt(variance), 1e-7), from the host). */
    @Kernel(writes = "y", work = "rows*features",
            sizes = {"x=rows*features", "mean=features", "std=features", "y=rows*features"},
            flops = "2*rows*features", bytes = "4*(2*rows*features+2*features)",
            examples = @Kernel.Example(label = "64×8 housing", args = {"rows=64", "features=8"}))
    default void standardize(float[] x, float[] mean, float[] std, float[] y, int rows, int features) {
        for (int i = 0; i < rows * features; i++) {
            Standardize.forward(i, x, mean, std, y, features);
        }
    }

    /** dx = dy / std per feature: the backward of {@link #standardize}. */
    @Kernel(writes = "dx", work = "rows*features", sizes = {"dy=rows*features", "std=features", "dx=rows*features"},
            flops = "rows*features", bytes = "4*(2*rows*features+features)",
            examples = @Kernel.Example(label = "64×8 housing", args = {"rows=64", "features=8"}))
    default void standardizeBackward(float[] dy, float[] std, float[] dx, int rows, int features) {
        for (int i = 0; i < rows * features; i++) {
            Standardize.backward(i, dy, std, dx, features);
        }
    }
}
