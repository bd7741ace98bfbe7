package io.initlab.bench;

import io.initlab.backend.Backend;
import io.initlab.data.Dataset;
import io.initlab.init.InitSpec;
import io.initlab.model.Activation;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;
import io.initlab.train.TrainConfig;
import io.initlab.train.Trainer;
import java.util.Arrays;
import java.util.Random;

/**
 * End-to-end training throughput of an MLP on random MNIST-shaped data: warm-up, then timed repeats of
 * a fixed number of steps. FLOP convention: 2·m·n·k per GEMM, counting the forward GEMMs, the weight
 * gradients and the input gradients of every layer but the first (for 784-256-128-10 at batch 64:
 * 8 GEMMs, 64.5 MFLOP per step); element-wise work is not counted.
 */
public final class TrainBench {
    private TrainBench() {}

    /** samples/s of each repeat, sorted, and the FLOPs of one step. */
    public record Result(int batch, int[] widths, double[] samplesPerSecond, double flopsPerStep) {
        public double min() { return samplesPerSecond[0]; }
        public double median() { return samplesPerSecond[samplesPerSecond.length / 2]; }
        public double max() { return samplesPerSecond[samplesPerSecond.length - 1]; }
        public double gflops() { return median() / batch * flopsPerStep / 1e9; }
    }

    public static double flopsPerStep(int batch, int in, int[] hidden, int classes) {
        double f = 0;
        int prev = in;
        int[] widths = Arrays.copyOf(hidden, hidden.length + 1);
        widths[hidden.length] = classes;
        for (int l = 0; l < widths.length; l++) {
            double gemm = 2.0 * batch * prev * widths[l];
            f += gemm * (l == 0 ? 2 : 3); // forward + weight gradient (+ input gradient past the first layer)
            prev = widths[l];
        }
        return f;
    }

    public static Result run(Backend backend, int batch, int[] hidden, int warmupSteps, int steps, int repeats) {
        int rows = 2048;
        Random r = new Random(1);
        float[] images = new float[rows * 784];
        int[] labels = new int[rows];
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextFloat();
        }
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(10);
        }
        Dataset data = new Dataset("random", images, labels, 28, 28, 10);
        ModelSpec model = ModelSpec.mlp(28, 28, hidden, Activation.RELU, 0, 10);
        TrainConfig cfg = new TrainConfig(model, InitSpec.of("xavier_normal"), null, OptimizerConfig.adam(1e-3), batch, 1,
                42, true, false, 0);
        Trainer t = new Trainer(backend.engine(), cfg);
        t.initialize();
        int[] order = io.initlab.data.Splits.range(rows);
        int perPass = Math.max(1, rows / batch);
        int step = 0;
        for (int s = 0; s < warmupSteps; s++) {
            t.stepOn(data, order, (s % perPass) * batch, ++step);
        }
        double[] sps = new double[repeats];
        for (int rep = 0; rep < repeats; rep++) {
            long start = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                t.stepOn(data, order, (s % perPass) * batch, ++step);
            }
            sps[rep] = (double) steps * batch / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(sps);
        return new Result(batch, hidden, sps, flopsPerStep(batch, 784, hidden, 10));
    }
}
