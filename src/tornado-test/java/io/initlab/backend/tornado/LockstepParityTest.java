package io.initlab.backend.tornado;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.init.InitSettings;
import io.initlab.init.InitSpec;
import io.initlab.loss.SoftmaxCrossEntropyLoss;
import io.initlab.model.Activation;
import io.initlab.model.LayerSpec;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;
import io.initlab.train.LockstepTrainer;
import io.initlab.train.RunResult;
import io.initlab.train.TrainConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * R runs in lockstep on the device (one program, {@code …Runs} kernels and the 2-D-block GEMM over runs) give each run
 * the bits it gets alone on a fresh engine: per-step losses, epochs, test result and final weights. A second group of
 * the same size reuses the first's compiled phases ({@link RunCache}) and compiles no graph but its uploads.
 */
@Tag("tornado")
class LockstepParityTest {

    private static final int[] ALL = TrainingParityTest.range(768);

    /** Runs differing in initializer, seed and rows (two folds' worth of training rows). */
    private static List<TrainConfig> configs(long seedBase) {
        return List.of(RunCacheTest.config("uniform(-0.1, 0.1)", seedBase), RunCacheTest.config("he_normal", seedBase + 1),
                RunCacheTest.config("zeros", seedBase + 2));
    }

    private static int[] trainRows(int run) {
        return run == 1 ? Arrays.copyOfRange(ALL, 128, 768) : Arrays.copyOf(ALL, 640);
    }

    private static int[] valRows(int run) {
        return run == 1 ? Arrays.copyOf(ALL, 128) : Arrays.copyOfRange(ALL, 640, 768);
    }

    /** A group's runs, whether its engine served an earlier group, and the phases recorded on that engine. */
    private record Group(List<RunCacheTest.Bits> bits, boolean reused, List<String> phases) {}

    /** Each run trained in one lockstep group on the backend's (cached) engine. */
    private static Group together(List<TrainConfig> configs, String device) {
        List<TrainingParityTest.Record> records = new ArrayList<>();
        List<LockstepTrainer.Run> runs = new ArrayList<>();
        for (int r = 0; r < configs.size(); r++) {
            TrainingParityTest.Record rec = new TrainingParityTest.Record();
            records.add(rec);
            runs.add(new LockstepTrainer.Run(configs.get(r), trainRows(r), valRows(r), rec));
        }
        List<RunCacheTest.Bits> out = new ArrayList<>();
        try (TornadoBackend be = new TornadoBackend(device)) {
            LockstepTrainer t = new LockstepTrainer(be.engine(), runs);
            List<RunResult> results = t.run(RunCacheTest.DATA.train(), RunCacheTest.DATA.train(), RunCacheTest.DATA.test());
            for (int r = 0; r < configs.size(); r++) {
                TrainingParityTest.Record rec = records.get(r);
                String epochs = rec.epochs.stream().map(e -> List.of(e.epoch(), e.trainLoss(), e.trainAccuracy(),
                        e.valLoss(), e.valAccuracy(), e.valAccuracyDropout()).toString()).toList().toString();
                out.add(new RunCacheTest.Bits(List.copyOf(rec.losses), epochs, results.get(r).testAccuracy(),
                        results.get(r).testLoss(), t.parameterValues(r)));
            }
            return new Group(out, be.reused(), be.tornadoEngine().stats().stream().map(TornadoEngine.PhaseStats::phase).toList());
        }
    }

    /** A run alone on a fresh engine, on the same rows. */
    private static RunCacheTest.Bits alone(TrainConfig cfg, int run) {
        try (TornadoEngine e = new TornadoEngine(EngineTest.device())) {
            return RunCacheTest.train(e, cfg, trainRows(run), valRows(run));
        }
    }

    @Test
    void eachRunOfALockstepGroupGetsTheBitsItGetsAlone() {
        RunCache.clear();
        String device = System.getProperty("initlab.tornado.device");
        List<TrainConfig> first = configs(1);
        Group grouped = together(first, device);
        assertThat(grouped.reused()).isFalse();
        assertThat(grouped.phases()).contains("lockstep-3-train-64", "lockstep-3-eval-128", "lockstep-3-probe-64");
        for (int r = 0; r < first.size(); r++) {
            grouped.bits().get(r).assertSameAs(alone(first.get(r), r), "run " + r + " of the first group");
        }
        List<TrainConfig> second = configs(11);
        Group again = together(second, device);
        assertThat(again.reused()).as("the second group of the shape reuses the first's engine").isTrue();
        assertThat(again.phases()).as("no phase recorded again").isEqualTo(grouped.phases());
        for (int r = 0; r < second.size(); r++) {
            again.bits().get(r).assertSameAs(alone(second.get(r), r), "run " + r + " of the second group (reused program)");
        }
        RunCache.clear();
    }

    /**
     * With dropout (each run's masks from its own seed, drawn on the device over all runs) and early stopping; a second
     * group on the reused program draws with its own seeds, not the first group's.
     */
    @Test
    void dropoutAndEarlyStoppingInLockstepGiveEachRunItsBits() {
        RunCache.clear();
        ModelSpec model = new ModelSpec(1, 28, 28, List.of(new LayerSpec.DenseSpec(32, Activation.RELU),
                new LayerSpec.DropoutSpec(0.25), new LayerSpec.DenseSpec(16, Activation.RELU),
                new LayerSpec.DenseSpec(10, Activation.IDENTITY)));
        for (long seedBase : new long[] {30, 40}) {
            List<TrainConfig> configs = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                configs.add(new TrainConfig(model, InitSettings.everywhere(InitSpec.parse(r == 1 ? "glorot_uniform"
                        : "he_normal"), null), OptimizerConfig.adam(0.02), 64, 3, seedBase + r, false, false, 64,
                        new SoftmaxCrossEntropyLoss(), new TrainConfig.EarlyStop("val_loss", 1, 0.0, r != 2)));
            }
            Group grouped = together(configs, System.getProperty("initlab.tornado.device"));
            assertThat(grouped.reused()).isEqualTo(seedBase == 40);
            for (int r = 0; r < configs.size(); r++) {
                grouped.bits().get(r).assertSameAs(alone(configs.get(r), r), "dropout run " + r + ", seeds from " + seedBase);
            }
        }
        RunCache.clear();
    }
}
