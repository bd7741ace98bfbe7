package io.initlab.backend.tornado;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.backend.Engine;
import io.initlab.data.DatasetPair;
import io.initlab.init.InitSpec;
import io.initlab.model.Activation;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;
import io.initlab.train.RunResult;
import io.initlab.train.TrainConfig;
import io.initlab.train.Trainer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Compile once per process ({@link RunCache}): runs of one shape on the kept engine (reset, phases not compiled
 * again, another run's initialization on the host) give the same bits as each run on a fresh engine.
 */
@Tag("tornado")
class RunCacheTest {

    /** A run's numbers: per-step losses, epoch records, test result and final weights, compared bit for bit. */
    record Bits(List<Double> losses, String epochs, double testAccuracy, double testLoss, List<float[]> weights) {
        void assertSameAs(Bits o, String what) {
            assertThat(losses).as(what + ": per-step losses").isEqualTo(o.losses);
            assertThat(epochs).as(what + ": epoch records").isEqualTo(o.epochs);
            assertThat(Double.doubleToRawLongBits(testAccuracy)).as(what + ": test accuracy")
                    .isEqualTo(Double.doubleToRawLongBits(o.testAccuracy));
            assertThat(Double.doubleToRawLongBits(testLoss)).as(what + ": test loss")
                    .isEqualTo(Double.doubleToRawLongBits(o.testLoss));
            assertThat(weights).hasSameSizeAs(o.weights);
            for (int i = 0; i < weights.size(); i++) {
                assertThat(Arrays.equals(weights.get(i), o.weights.get(i))).as(what + ": parameter " + i).isTrue();
            }
        }
    }

    static final DatasetPair DATA = TrainingParityTest.data(768, 256);

    static TrainConfig config(String init, long seed) {
        ModelSpec model = ModelSpec.mlp(28, 28, new int[] {32, 16}, Activation.RELU, 0, 10);
        return new TrainConfig(model, InitSpec.parse(init), null, OptimizerConfig.adam(1e-3), 64, 1, seed, false, false, 64);
    }

    static Bits train(Engine engine, TrainConfig cfg) {
        int[] all = TrainingParityTest.range(768);
        return train(engine, cfg, Arrays.copyOf(all, 640), Arrays.copyOfRange(all, 640, 768));
    }

    static Bits train(Engine engine, TrainConfig cfg, int[] trainRows, int[] valRows) {
        TrainingParityTest.Record rec = new TrainingParityTest.Record();
        Trainer t = new Trainer(engine, cfg);
        RunResult r = t.run(DATA.train(), trainRows, valRows, DATA.test(), rec);
        Object[] values = t.network().parameters().stream().map(p -> p.value).toArray();
        engine.toHost(values);
        String epochs = rec.epochs.stream().map(e -> List.of(e.epoch(), e.trainLoss(), e.trainAccuracy(), e.valLoss(),
                e.valAccuracy(), e.valAccuracyDropout()).toString()).toList().toString(); // not its wall time
        return new Bits(List.copyOf(rec.losses), epochs, r.testAccuracy(), r.testLoss(),
                t.network().parameters().stream().map(p -> p.value.clone()).toList());
    }

    static Bits fresh(TrainConfig cfg) {
        try (TornadoEngine e = new TornadoEngine(EngineTest.device())) {
            return train(e, cfg);
        }
    }

    @Test
    void runsThroughTheCacheGiveTheBitsOfFreshEngines() {
        RunCache.clear();
        TrainConfig first = config("uniform(-0.1, 0.1)", 1);
        TrainConfig second = config("he_normal", 2);
        Bits freshFirst = fresh(first);
        Bits freshSecond = fresh(second);

        String device = System.getProperty("initlab.tornado.device");
        Bits cachedFirst;
        int statsAfterFirst;
        try (TornadoBackend be = new TornadoBackend(device)) {
            cachedFirst = train(be.engine(), first);
            assertThat(be.reused()).isFalse();
            statsAfterFirst = be.tornadoEngine().stats().size();
        }
        Bits cachedSecond;
        Bits cachedThird;
        try (TornadoBackend be = new TornadoBackend(device)) {
            cachedSecond = train(be.engine(), second); // another seed and law: initialization on the host
            assertThat(be.reused()).as("the second run of the shape reuses the first's engine").isTrue();
            assertThat(be.tornadoEngine().hostRuns()).isEqualTo(1);
        }
        int compiledBefore = TornadoEngine.graphsCompiled();
        try (TornadoBackend be = new TornadoBackend(device)) {
            cachedThird = train(be.engine(), first); // the recorded initialization again: replayed on the device
            assertThat(be.reused()).isTrue();
            assertThat(be.tornadoEngine().hostRuns()).isEqualTo(1);
            List<TornadoEngine.PhaseStats> stats = be.tornadoEngine().stats();
            assertThat(stats).as("no phase recorded again").hasSize(statsAfterFirst);
            TornadoEngine.PhaseStats step = stats.stream().filter(s -> s.phase().equals("train-64")).findFirst().orElseThrow();
            assertThat(step.runs()).isEqualTo(3 * 10);
        }
        // the second run compiled only upload graphs (the reset's, the host-drawn weights'); the third nothing at all
        assertThat(TornadoEngine.graphsCompiled() - compiledBefore).as("graphs the third run compiled").isZero();

        cachedFirst.assertSameAs(freshFirst, "first run");
        cachedSecond.assertSameAs(freshSecond, "second run (reused engine, host initialization)");
        cachedThird.assertSameAs(freshFirst, "third run (reused engine, recorded initialization)");
        RunCache.clear();
    }
}
