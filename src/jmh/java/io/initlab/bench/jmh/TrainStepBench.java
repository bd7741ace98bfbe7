package io.initlab.bench.jmh;

import io.initlab.backend.jvm.JvmBackend;
import io.initlab.bench.TrainBench;
import io.initlab.data.Dataset;
import io.initlab.init.InitSpec;
import io.initlab.model.Activation;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;
import io.initlab.train.TrainConfig;
import io.initlab.train.Trainer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One whole training step of the seed MLP (784-256-128-10 ReLU, Adam, batch 64): samples/s and FLOP/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainStepBench {
    @Param({"1", "2"})
    public int threads;

    static final int BATCH = 64;
    JvmBackend backend;
    Trainer trainer;
    Dataset data;
    int[] order;
    int step;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(3);
        int rows = 1024;
        float[] images = new float[rows * 784];
        int[] labels = new int[rows];
        for (int i = 0; i < images.length; i++) images[i] = r.nextFloat();
        for (int i = 0; i < rows; i++) labels[i] = r.nextInt(10);
        data = new Dataset("random", images, labels, 28, 28, 10);
        order = io.initlab.data.Splits.range(rows);
        backend = new JvmBackend(threads);
        ModelSpec model = ModelSpec.mlp(28, 28, new int[] {256, 128}, Activation.RELU, 0, 10);
        trainer = new Trainer(backend.engine(), new TrainConfig(model, InitSpec.of("xavier_normal"), null,
                OptimizerConfig.adam(1e-3), BATCH, 1, 42, true, false, 0));
        trainer.initialize();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public double step(Samples w, Flop f) {
        step++;
        double loss = trainer.stepOn(data, order, (step % 16) * BATCH, step);
        w.samples += BATCH;
        f.flop += TrainBench.flopsPerStep(BATCH, 784, new int[] {256, 128}, 10);
        return loss;
    }
}
