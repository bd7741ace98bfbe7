package io.initlab.bench.jmh;

import io.initlab.backend.jvm.JvmBackend;
import io.initlab.bench.TrainBench;
import io.initlab.train.SyntheticRun;
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

/**
 * One whole training step of each of the studies' CNNs ({@link TrainBench#CNNS}: DL-A1 at 1×28×28 and
 * 3×32×32, the 5-fold study's), on random images of its shape: samples/s and the FLOP/s of its GEMMs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CnnStepBench {
    /** Index into TrainBench.CNNS. */
    @Param({"0", "1", "2"})
    public int cnn;

    @Param({"1", "2"})
    public int threads;

    JvmBackend backend;
    SyntheticRun run;
    double flopsPerStep;

    @Setup(Level.Trial)
    public void setUp() {
        TrainBench.Cnn c = TrainBench.CNNS.get(cnn);
        backend = new JvmBackend(threads);
        run = TrainBench.synthetic(backend.engine(), c.model(), c.optimizer(), c.batch());
        flopsPerStep = TrainBench.gemmFlopsPerStep(c.model(), c.batch());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public double step(Samples w, Flop f) {
        w.samples += run.batch();
        f.flop += flopsPerStep;
        return run.step();
    }
}
