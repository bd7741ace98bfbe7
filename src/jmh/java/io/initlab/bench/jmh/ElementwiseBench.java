package io.initlab.bench.jmh;

import io.initlab.backend.jvm.JvmOps;
import io.initlab.kernels.Activations;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The element-wise kernels of a training step at the seed MLP's sizes (batch 64, 784-256-128-10), as
 * bytes moved per second (each array element read or written counts 4 bytes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ElementwiseBench {
    static final int ROWS = 64;
    static final int COLS = 256;
    static final int PARAMS = 784 * 256;

    float[] x, bias, z, y, dy, dz, probs, rowLoss, logits, w, g, m, v, mask, hpAdam, hpSgd;
    int[] labels, step;
    JvmOps ops;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(2);
        x = fill(new float[ROWS * COLS], r);
        bias = fill(new float[COLS], r);
        z = new float[ROWS * COLS];
        y = new float[ROWS * COLS];
        dy = fill(new float[ROWS * COLS], r);
        dz = new float[ROWS * COLS];
        logits = fill(new float[ROWS * 10], r);
        probs = new float[ROWS * 10];
        rowLoss = new float[ROWS];
        labels = new int[ROWS];
        for (int i = 0; i < ROWS; i++) labels[i] = r.nextInt(10);
        w = fill(new float[PARAMS], r);
        g = fill(new float[PARAMS], r);
        m = new float[PARAMS];
        v = new float[PARAMS];
        mask = new float[ROWS * COLS];
        step = new int[] {1};
        hpAdam = new float[] {0.9f, 0.999f, 1e-8f, 1e-3f, 0.03f};
        hpSgd = new float[] {0.01f, 0.9f};
        ops = new JvmOps(1);
    }

    static float[] fill(float[] a, Random r) {
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ops.close();
    }

    @Benchmark
    public float[] biasRelu(Bytes work) {
        ops.biasActivation(x, bias, z, y, ROWS, COLS, Activations.RELU, 0.01f);
        work.bytes += 4.0 * (3 * ROWS * COLS + COLS);
        return y;
    }

    @Benchmark
    public float[] biasTanh(Bytes work) {
        ops.biasActivation(x, bias, z, y, ROWS, COLS, Activations.TANH, 0.01f);
        work.bytes += 4.0 * (3 * ROWS * COLS + COLS);
        return y;
    }

    @Benchmark
    public float[] reluBackward(Bytes work) {
        ops.activationBackward(x, y, dy, dz, ROWS * COLS, Activations.RELU, 0.01f);
        work.bytes += 4.0 * 3 * ROWS * COLS;
        return dz;
    }

    @Benchmark
    public float[] softmaxCrossEntropy(Bytes work) {
        ops.softmaxCrossEntropy(logits, labels, probs, rowLoss, ROWS, 10);
        ops.softmaxBackward(probs, labels, dz, ROWS, 10, 1f / ROWS);
        work.bytes += 4.0 * (ROWS * 10 * 4 + ROWS * 3);
        return dz;
    }

    @Benchmark
    public float[] columnSum(Bytes work) {
        ops.columnSum(dy, bias, ROWS, COLS);
        work.bytes += 4.0 * (ROWS * COLS + COLS);
        return bias;
    }

    @Benchmark
    public float[] adam(Bytes work) {
        ops.adam(w, g, m, v, PARAMS, hpAdam);
        work.bytes += 4.0 * 7 * PARAMS;
        return w;
    }

    @Benchmark
    public float[] sgdMomentum(Bytes work) {
        ops.sgd(w, g, v, PARAMS, hpSgd);
        work.bytes += 4.0 * 5 * PARAMS;
        return w;
    }

    @Benchmark
    public float[] dropout(Bytes work) {
        step[0]++;
        ops.dropoutMask(mask, ROWS * COLS, step, 1, 42, 0, 0.8f);
        ops.multiply(x, mask, y, ROWS * COLS);
        work.bytes += 4.0 * 4 * ROWS * COLS;
        return y;
    }
}
