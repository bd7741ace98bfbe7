package io.initlab.bench.jmh;

import io.initlab.backend.jvm.JvmBackend;
import io.initlab.bench.TrainBench;
import io.initlab.train.SyntheticRun;
import io.initlab.model.Activation;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;
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
    static final int[] HIDDEN = {256, 128};
    static final double FLOPS_PER_STEP = TrainBench.flopsPerStep(BATCH, 784, HIDDEN, 10);
    JvmBackend backend;
    SyntheticRun run;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new JvmBackend(threads);
        run = TrainBench.synthetic(backend.engine(), ModelSpec.mlp(28, 28, HIDDEN, Activation.RELU, 0, 10),
                OptimizerConfig.adam(1e-3), BATCH);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public double step(Samples w, Flop f) {
        w.samples += BATCH;
        f.flop += FLOPS_PER_STEP;
        return run.step();
    }
}
