package io.initlab.backend.tornado;

import io.initlab.backend.Ops;
import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.TaskGraph;

/**
 * An {@link Ops} that computes nothing: each call becomes a {@link Call} naming the
 * {@link TornadoKernels} wrapper to run with the same arrays and scalars, which {@link TornadoEngine}
 * turns into a task of a TaskGraph. It also knows, per call, which arrays the kernel reads and which it
 * writes, for the engine's bookkeeping of where the newest copy of each array is.
 */
final class TaskRecorder implements Ops {

    /** Adds the recorded call to a task graph under a task name. */
    @FunctionalInterface
    interface TaskAdder {
        void addTo(TaskGraph graph, String taskName);
    }

    /**
     * One recorded call.
     *
     * @param kernel  the {@link TornadoKernels} method (= the {@link Ops} method) it runs
     * @param args    the call's arguments, arrays and boxed scalars, for comparing recordings
     * @param reads   arrays the kernel reads
     * @param writes  arrays the kernel writes
     * @param work    iterations of its parallel loop; 0 = nothing to run (no task is made)
     * @param caller  "Class.method" of the model code that issued it (task names), or null
     */
    record Call(String kernel, Object[] args, Object[] reads, Object[] writes, long work, String caller,
                TaskAdder adder) {

        boolean sameAs(Call o) {
            if (!kernel.equals(o.kernel) || args.length != o.args.length) {
                return false;
            }
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                Object b = o.args[i];
                boolean same = (a instanceof float[] || a instanceof int[]) ? a == b : a.equals(b);
                if (!same) {
                    return false;
                }
            }
            return true;
        }

        String describe() {
            StringBuilder s = new StringBuilder(kernel).append('(');
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (i > 0) {
                    s.append(", ");
                }
                if (a instanceof float[] f) {
                    s.append("float[").append(f.length).append("]@").append(Integer.toHexString(System.identityHashCode(f)));
                } else if (a instanceof int[] n) {
                    s.append("int[").append(n.length).append("]@").append(Integer.toHexString(System.identityHashCode(n)));
                } else {
                    s.append(a);
                }
            }
            return s.append(')').toString();
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final boolean withCallers;

    /** @param withCallers look up the calling model method of each call (first recording only: it walks the stack) */
    TaskRecorder(boolean withCallers) {
        this.withCallers = withCallers;
    }

    List<Call> calls() {
        return calls;
    }

    private static Object[] of(Object... xs) {
        return xs;
    }

    private void add(String kernel, Object[] args, Object[] reads, Object[] writes, long work, TaskAdder adder) {
        calls.add(new Call(kernel, args, reads, writes, work, withCallers ? caller() : null, adder));
    }

    /** The first stack frame outside this class: the layer (or other model code) that issued the call. */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(TaskRecorder.class.getName()))
                .findFirst()
                .map(f -> {
                    String c = f.getClassName();
                    return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName();
                })
                .orElse("?"));
    }

    /** A call of a kernel outside {@link Ops} (tests: a deliberately uncompilable kernel). */
    void custom(String kernel, Object[] args, Object[] reads, Object[] writes, long work, TaskAdder adder) {
        add(kernel, args, reads, writes, work, adder);
    }

    // --- Ops ---

    @Override
    public void gemmNN(float[] a, float[] b, float[] c, int m, int n, int k) {
        add("gemmNN", of(a, b, c, m, n, k), of(a, b), of(c), (long) m * n,
                (g, t) -> g.task(t, TornadoKernels::gemmNN, a, b, c, m, n, k));
    }

    @Override
    public void gemmTN(float[] a, float[] b, float[] c, int m, int n, int k) {
        add("gemmTN", of(a, b, c, m, n, k), of(a, b), of(c), (long) m * n,
                (g, t) -> g.task(t, TornadoKernels::gemmTN, a, b, c, m, n, k));
    }

    @Override
    public void gemmNT(float[] a, float[] b, float[] c, int m, int n, int k) {
        add("gemmNT", of(a, b, c, m, n, k), of(a, b), of(c), (long) m * n,
                (g, t) -> g.task(t, TornadoKernels::gemmNT, a, b, c, m, n, k));
    }

    @Override
    public void biasActivation(float[] x, float[] bias, float[] z, float[] y, int rows, int cols, int kind, float slope) {
        add("biasActivation", of(x, bias, z, y, rows, cols, kind, slope), of(x, bias), of(z, y), (long) rows * cols,
                (g, t) -> g.task(t, TornadoKernels::biasActivation, x, bias, z, y, rows, cols, kind, slope));
    }

    @Override
    public void activationBackward(float[] z, float[] y, float[] dy, float[] dz, int n, int kind, float slope) {
        add("activationBackward", of(z, y, dy, dz, n, kind, slope), of(z, y, dy), of(dz), n,
                (g, t) -> g.task(t, TornadoKernels::activationBackward, z, y, dy, dz, n, kind, slope));
    }

    @Override
    public void columnSum(float[] x, float[] out, int rows, int cols) {
        add("columnSum", of(x, out, rows, cols), of(x), of(out), cols,
                (g, t) -> g.task(t, TornadoKernels::columnSum, x, out, rows, cols));
    }

    @Override
    public void softmaxCrossEntropy(float[] logits, int[] labels, float[] probs, float[] rowLoss, int rows, int classes) {
        add("softmaxCrossEntropy", of(logits, labels, probs, rowLoss, rows, classes), of(logits, labels),
                of(probs, rowLoss), rows,
                (g, t) -> g.task(t, TornadoKernels::softmaxCrossEntropy, logits, labels, probs, rowLoss, rows, classes));
    }

    @Override
    public void softmaxBackward(float[] probs, int[] labels, float[] dlogits, int rows, int classes, float scale) {
        add("softmaxBackward", of(probs, labels, dlogits, rows, classes, scale), of(probs, labels), of(dlogits),
                (long) rows * classes,
                (g, t) -> g.task(t, TornadoKernels::softmaxBackward, probs, labels, dlogits, rows, classes, scale));
    }

    @Override
    public void dropoutMask(float[] mask, int n, int[] step, int layerId, int seedLo, int seedHi, float keep) {
        add("dropoutMask", of(mask, n, step, layerId, seedLo, seedHi, keep), of(step), of(mask), n,
                (g, t) -> g.task(t, TornadoKernels::dropoutMask, mask, n, step, layerId, seedLo, seedHi, keep));
    }

    @Override
    public void multiply(float[] x, float[] m, float[] y, int n) {
        add("multiply", of(x, m, y, n), of(x, m), of(y), n,
                (g, t) -> g.task(t, TornadoKernels::multiply, x, m, y, n));
    }

    @Override
    public void sgd(float[] w, float[] g, float[] v, int n, float[] hp) {
        add("sgd", of(w, g, v, n, hp), of(w, g, v, hp), of(w, v), n,
                (tg, t) -> tg.task(t, TornadoKernels::sgd, w, g, v, n, hp));
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, int n, float[] hp) {
        add("adam", of(w, g, m, v, n, hp), of(w, g, m, v, hp), of(w, m, v), n,
                (tg, t) -> tg.task(t, TornadoKernels::adam, w, g, m, v, n, hp));
    }

    @Override
    public void correct(float[] logits, int[] labels, int[] correct, int rows, int classes) {
        add("correct", of(logits, labels, correct, rows, classes), of(logits, labels), of(correct), rows,
                (g, t) -> g.task(t, TornadoKernels::correct, logits, labels, correct, rows, classes));
    }

    @Override
    public void fill(float[] out, int n, float value) {
        add("fill", of(out, n, value), of(), of(out), n,
                (g, t) -> g.task(t, TornadoKernels::fill, out, n, value));
    }

    @Override
    public void sampleUniform(float[] out, int n, int tensorId, int seedLo, int seedHi, float lo, float hi) {
        add("sampleUniform", of(out, n, tensorId, seedLo, seedHi, lo, hi), of(), of(out), n,
                (g, t) -> g.task(t, TornadoKernels::sampleUniform, out, n, tensorId, seedLo, seedHi, lo, hi));
    }

    @Override
    public void sampleNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean, float std) {
        add("sampleNormal", of(out, n, tensorId, seedLo, seedHi, mean, std), of(), of(out), n,
                (g, t) -> g.task(t, TornadoKernels::sampleNormal, out, n, tensorId, seedLo, seedHi, mean, std));
    }

    @Override
    public void sampleTruncatedNormal(float[] out, int n, int tensorId, int seedLo, int seedHi, float mean, float std,
                                      float cut) {
        add("sampleTruncatedNormal", of(out, n, tensorId, seedLo, seedHi, mean, std, cut), of(), of(out), n,
                (g, t) -> g.task(t, TornadoKernels::sampleTruncatedNormal, out, n, tensorId, seedLo, seedHi, mean, std, cut));
    }

    @Override
    public void im2col(float[] x, float[] cols, int rows, int channels, int height, int width, int kh, int kw,
                       int outH, int outW, int padTop, int padLeft) {
        add("im2col", of(x, cols, rows, channels, height, width, kh, kw, outH, outW, padTop, padLeft), of(x), of(cols),
                (long) rows * outH * outW * channels * kh * kw,
                (g, t) -> g.task(t, TornadoKernels::im2col, x, cols, rows, channels, height, width, kh, kw, outH, outW,
                        padTop, padLeft));
    }

    @Override
    public void col2im(float[] dcols, float[] dx, int rows, int channels, int height, int width, int kh, int kw,
                       int outH, int outW, int padTop, int padLeft) {
        add("col2im", of(dcols, dx, rows, channels, height, width, kh, kw, outH, outW, padTop, padLeft), of(dcols),
                of(dx), (long) rows * channels * height * width,
                (g, t) -> g.task(t, TornadoKernels::col2im, dcols, dx, rows, channels, height, width, kh, kw, outH, outW,
                        padTop, padLeft));
    }

    @Override
    public void channelBiasActivation(float[] gm, float[] bias, float[] z, float[] y, int rows, int channels, int pixels,
                                      int kind, float slope) {
        add("channelBiasActivation", of(gm, bias, z, y, rows, channels, pixels, kind, slope), of(gm, bias), of(z, y),
                (long) rows * channels * pixels,
                (g, t) -> g.task(t, TornadoKernels::channelBiasActivation, gm, bias, z, y, rows, channels, pixels, kind,
                        slope));
    }

    @Override
    public void channelActivationBackward(float[] z, float[] y, float[] dy, float[] dz, int rows, int channels,
                                          int pixels, int kind, float slope) {
        add("channelActivationBackward", of(z, y, dy, dz, rows, channels, pixels, kind, slope), of(z, y, dy), of(dz),
                (long) rows * channels * pixels,
                (g, t) -> g.task(t, TornadoKernels::channelActivationBackward, z, y, dy, dz, rows, channels, pixels, kind,
                        slope));
    }

    @Override
    public void channelBiasGradient(float[] z, float[] y, float[] dy, float[] db, int rows, int channels, int pixels,
                                    int kind, float slope) {
        add("channelBiasGradient", of(z, y, dy, db, rows, channels, pixels, kind, slope), of(z, y, dy), of(db), channels,
                (g, t) -> g.task(t, TornadoKernels::channelBiasGradient, z, y, dy, db, rows, channels, pixels, kind, slope));
    }

    @Override
    public void maxPoolForward(float[] x, float[] y, int[] argmax, int rows, int channels, int height, int width,
                               int pool, int outH, int outW) {
        add("maxPoolForward", of(x, y, argmax, rows, channels, height, width, pool, outH, outW), of(x), of(y, argmax),
                (long) rows * channels * outH * outW,
                (g, t) -> g.task(t, TornadoKernels::maxPoolForward, x, y, argmax, rows, channels, height, width, pool,
                        outH, outW));
    }

    @Override
    public void maxPoolBackward(float[] dy, int[] argmax, float[] dx, int rows, int channels, int height, int width,
                                int pool, int outH, int outW) {
        add("maxPoolBackward", of(dy, argmax, dx, rows, channels, height, width, pool, outH, outW), of(dy, argmax),
                of(dx), (long) rows * channels * height * width,
                (g, t) -> g.task(t, TornadoKernels::maxPoolBackward, dy, argmax, dx, rows, channels, height, width, pool,
                        outH, outW));
    }
}
