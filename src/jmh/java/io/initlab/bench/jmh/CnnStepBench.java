package io.initlab.bench.jmh;

import io.initlab.backend.jvm.JvmBackend;
import io.initlab.bench.TrainBench;
import io.initlab.data.Dataset;
import io.initlab.init.InitSpec;
import io.initlab.model.ModelSpec;
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
    Trainer trainer;
    Dataset data;
    int[] order;
    int batch;
    int perPass;
    double flopsPerStep;
    int step;

    @Setup(Level.Trial)
    public void setUp() {
        TrainBench.Cnn c = TrainBench.CNNS.get(cnn);
        ModelSpec model = c.model();
        int rows = 1024;
        int features = c.channels() * c.height() * c.width();
        Random r = new Random(3);
        float[] images = new float[rows * features];
        int[] labels = new int[rows];
        for (int i = 0; i < images.length; i++) images[i] = r.nextFloat();
        for (int i = 0; i < rows; i++) labels[i] = r.nextInt(10);
        data = Dataset.images("random", images, labels, c.channels(), c.height(), c.width(), 10);
        order = io.initlab.data.Splits.range(rows);
        batch = c.batch();
        perPass = rows / batch;
        flopsPerStep = TrainBench.gemmFlopsPerStep(model, batch);
        backend = new JvmBackend(threads);
        trainer = new Trainer(backend.engine(), new TrainConfig(model, InitSpec.of("xavier_normal"), null, c.optimizer(),
                batch, 1, 42, true, false, 0));
        trainer.initialize();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public double step(Samples w, Flop f) {
        step++;
        double loss = trainer.stepOn(data, order, (step % perPass) * batch, step);
        w.samples += batch;
        f.flop += flopsPerStep;
        return loss;
    }
}
