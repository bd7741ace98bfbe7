package io.initlab.bench;

import io.initlab.backend.Backend;
import io.initlab.backend.Engine;
import io.initlab.init.InitSpec;
import io.initlab.model.Activation;
import io.initlab.model.Layer;
import io.initlab.model.Network;
import io.initlab.model.Parameter;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;
import io.initlab.train.TrainConfig;
import io.initlab.train.SyntheticRun;
import java.util.Arrays;

/**
 * End-to-end training throughput of an MLP (or one of the studies' CNNs, {@link #CNNS}) on random data of
 * its input shape: warm-up, then timed repeats of
 * a fixed number of steps. FLOP convention: 2·m·n·k per GEMM, counting the forward GEMMs, the weight
 * gradients and the input gradients of every layer but the first (for 784-256-128-10 at batch 64:
 * 8 GEMMs, 64.5 MFLOP per step); element-wise work is not counted.
 */
public final class TrainBench {
    private TrainBench() {}

    /** samples/s of each repeat, sorted, and the FLOPs of one step. */
    public record Result(int batch, int[] widths, double[] samplesPerSecond, double flopsPerStep,
                         double warmupSamplesPerSecond) {
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
        ModelSpec model = ModelSpec.mlp(28, 28, hidden, Activation.RELU, 0, 10);
        double[] warm = new double[1];
        double[] sps = time(backend, model, OptimizerConfig.adam(1e-3), batch, warmupSteps, steps, repeats, warm);
        return new Result(batch, hidden, sps, flopsPerStep(batch, 784, hidden, 10), warm[0]);
    }

    /**
     * A CNN of the studies: its input shape, layers, optimizer and batch. FLOPs count its GEMMs as for the
     * MLP (a conv layer's GEMMs are 2·pixels·taps·filters per sample each).
     */
    public record Cnn(String name, int channels, int height, int width, String layers, OptimizerConfig optimizer,
                      int batch) {
        public ModelSpec model() {
            return ModelSpec.parse(channels, height, width, Arrays.stream(layers.split(";")).map(String::trim).toList());
        }
    }

    /** DL-A1's CNN at MNIST's and CIFAR-10's shapes (Adam, batch 64), and the 5-fold study's CNN (SGD, batch 32). */
    public static final java.util.List<Cnn> CNNS = java.util.List.of(
            new Cnn("dl-a1 mnist 1x28x28", 1, 28, 28, "conv 32 3x3 relu; maxpool 2; conv 64 3x3 relu; maxpool 2; "
                    + "flatten; dense 128 relu; dropout 0.5; dense 10 softmax", OptimizerConfig.adam(1e-3), 64),
            new Cnn("dl-a1 cifar 3x32x32", 3, 32, 32, "conv 32 3x3 relu; maxpool 2; conv 64 3x3 relu; maxpool 2; "
                    + "flatten; dense 128 relu; dropout 0.5; dense 10 softmax", OptimizerConfig.adam(1e-3), 64),
            new Cnn("5-fold cnn 1x28x28", 1, 28, 28, "conv 32 3x3 relu; maxpool 2; flatten; dense 100 relu; "
                    + "dense 10 softmax", OptimizerConfig.sgd(0.01, 0.9), 32));

    /** The CNN's training throughput on random images of its shape; FLOPs per step of its GEMMs. */
    public static Result run(Backend backend, Cnn cnn, int warmupSteps, int steps, int repeats) {
        ModelSpec model = cnn.model();
        double[] warm = new double[1];
        double[] sps = time(backend, model, cnn.optimizer(), cnn.batch(), warmupSteps, steps, repeats, warm);
        return new Result(cnn.batch(), new int[0], sps, gemmFlopsPerStep(model, cnn.batch()), warm[0]);
    }

    /**
     * 2·m·n·k per GEMM of every layer with a weight: forward and weight gradient, and the input gradient past
     * the first such layer. A layer's forward GEMM is weight size × (outputs / filters) per sample (a dense
     * layer: one "pixel").
     */
    public static double gemmFlopsPerStep(ModelSpec model, int batch) {
        double f = 0;
        boolean first = true;
        for (Layer layer : new Network(model, 1, 0).layers()) {
            java.util.List<Parameter> ps = layer.parameters();
            if (ps.isEmpty()) {
                continue;
            }
            Parameter weight = ps.get(0);
            int filters = weight.cols;
            double forward = 2.0 * batch * weight.value.length * (layer.outputFeatures() / filters);
            f += forward * (first ? 2 : 3);
            first = false;
        }
        return f;
    }

    /** A trainer of the model on random rows of its input shape (xavier_normal, seed 42): one step per call. */
    public static SyntheticRun synthetic(Engine engine, ModelSpec model, OptimizerConfig optimizer, int batch) {
        TrainConfig cfg = new TrainConfig(model, InitSpec.of("xavier_normal"), null, optimizer, batch, 1, 42, true, false, 0);
        return new SyntheticRun(engine, cfg, Math.max(batch, ROWS / batch * batch));
    }

    /** Rows of random data the steps cycle through (as many batches of them as fit). */
    static final int ROWS = 2048;

    /**
     * samples/s of each timed repeat, sorted, after warm-up steps, on random data of the model's input shape; and
     * of the warm-up steps themselves (the JIT's warm-up when this is the process's first model).
     */
    private static double[] time(Backend backend, ModelSpec model, OptimizerConfig optimizer, int batch, int warmupSteps,
                                 int steps, int repeats, double[] warmupSamplesPerSecond) {
        SyntheticRun run = synthetic(backend.engine(), model, optimizer, batch);
        long start = System.nanoTime();
        for (int s = 0; s < warmupSteps; s++) {
            run.step();
        }
        warmupSamplesPerSecond[0] = (double) warmupSteps * batch / ((System.nanoTime() - start) / 1e9);
        double[] sps = new double[repeats];
        for (int rep = 0; rep < repeats; rep++) {
            start = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                run.step();
            }
            sps[rep] = (double) steps * batch / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(sps);
        return sps;
    }
}
