package io.initlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.backend.EagerEngine;
import io.initlab.backend.LockstepOps;
import io.initlab.backend.Ops;
import io.initlab.data.Dataset;
import io.initlab.init.InitSpec;
import io.initlab.loss.MeanSquaredErrorLoss;
import io.initlab.model.Activation;
import io.initlab.model.ModelSpec;
import io.initlab.model.Parameter;
import io.initlab.optim.OptimizerConfig;
import io.initlab.init.InitSettings;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * R runs trained in lockstep give each run the numbers it gets alone, bit for bit: every batch loss, epoch, layer
 * statistic, initial weight and test result, on the reference kernel bodies (the TornadoVM side:
 * {@code LockstepParityTest}). The runs differ in initializer, seed (batch order) and training rows; one of them
 * diverges, which must not touch the others.
 */
class LockstepTrainerTest {
    private static final ModelSpec MODEL = ModelSpec.mlp(8, 8, new int[] {32, 16}, Activation.RELU, 0, 10);
    private static final int TRAIN = 400; // 400 rows in batches of 64: a short last batch of 16

    /** Everything a run reports, timing left out, in one comparable list. */
    private record Recorded(List<Object> values) {}

    private static final class Recorder implements TrainListener {
        final List<Object> values = new ArrayList<>();

        @Override
        public void onInitialized(List<Parameter> parameters) {
            for (Parameter p : parameters) {
                values.add(p.name + "#" + Arrays.hashCode(p.value)); // bits of every element
            }
        }

        @Override
        public void onBatch(int epoch, int step, double loss) {
            values.add(epoch + "/" + step + ":" + loss);
        }

        @Override
        public void onEpoch(EpochRecord r) {
            values.add(List.of(r.epoch(), r.trainLoss(), r.trainAccuracy(), r.valLoss(), r.valAccuracy(),
                    r.valAccuracyDropout()));
        }

        @Override
        public void onLayerStats(List<LayerStat> stats) {
            values.addAll(stats);
        }
    }

    private static TrainConfig config(String init, long seed) {
        return new TrainConfig(MODEL, InitSpec.parse(init), null, OptimizerConfig.adam(3e-3), 64, 2, seed, false, false, 50);
    }

    private static Recorded withResult(Recorder rec, RunResult r) {
        List<Object> all = new ArrayList<>(rec.values);
        all.add(List.of(r.status(), r.divergedStep(), r.testAccuracy(), r.testLoss(), r.trainSamples(), r.epochsRun(),
                r.bestEpoch()));
        return new Recorded(all);
    }

    /** Rows [from, from + TRAIN) train, the 100 after them validate. */
    private static int[][] rows(int from) {
        int[] train = new int[TRAIN];
        int[] val = new int[100];
        for (int i = 0; i < TRAIN; i++) {
            train[i] = from + i;
        }
        for (int i = 0; i < 100; i++) {
            val[i] = from + TRAIN + i;
        }
        return new int[][] {train, val};
    }

    @Test
    void eachRunInLockstepGetsTheBitsItGetsAlone() {
        Dataset data = TestData.synthetic(700, 3);
        Dataset test = TestData.synthetic(300, 4);
        TrainConfig[] configs = {config("he_normal", 7), config("glorot_uniform", 7), config("uniform(-0.1, 0.1)", 8),
            config("constant(1e30)", 9), config("zeros", 10)};
        int[] from = {0, 0, 100, 200, 150};
        List<Recorded> alone = new ArrayList<>();
        List<LockstepTrainer.Run> runs = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < configs.length; i++) {
            int[][] rows = rows(from[i]);
            Recorder rec = new Recorder();
            RunResult r = new Trainer(new EagerEngine(new Ops() {}), configs[i]).run(data, rows[0], rows[1], test, rec);
            alone.add(withResult(rec, r));
            Recorder together = new Recorder();
            recorders.add(together);
            runs.add(new LockstepTrainer.Run(configs[i], rows[0], rows[1], together));
        }
        List<RunResult> results = new LockstepTrainer(new EagerEngine(new Ops() {}), runs).run(data, data, test);
        for (int i = 0; i < configs.length; i++) {
            assertThat(withResult(recorders.get(i), results.get(i))).as("run %d", i).isEqualTo(alone.get(i));
        }
        assertThat(results.get(3).diverged()).as("constant 1e30 overflows at once").isTrue();
        assertThat(results.get(0).diverged()).isFalse();
        assertThat(results.get(0).testAccuracy()).as("better than chance (0.1)").isGreaterThan(0.2);
    }

    @Test
    void aRegressionLossTrainsInLockstepToo() {
        Random rnd = new Random(5);
        int n = 300;
        float[] x = new float[n * 4];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < 4; f++) {
                x[i * 4 + f] = (float) rnd.nextGaussian();
            }
            t[i] = x[i * 4] - 2 * x[i * 4 + 1] + 0.1f * (float) rnd.nextGaussian();
        }
        Dataset data = Dataset.regression("linear", x, t, 4);
        ModelSpec model = ModelSpec.mlp(1, 4, new int[] {8}, Activation.TANH, 0, 1);
        List<Recorded> alone = new ArrayList<>();
        List<LockstepTrainer.Run> runs = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            TrainConfig c = new TrainConfig(model, InitSettings.everywhere(InitSpec.of("glorot_uniform"), null),
                    OptimizerConfig.sgd(0.05, 0.9), 32, 2, seed, true, false, 20, new MeanSquaredErrorLoss());
            int[] train = TrainingTest.range(250);
            int[] val = Arrays.copyOfRange(TrainingTest.range(300), 250, 300);
            Recorder rec = new Recorder();
            alone.add(withResult(rec, new Trainer(new EagerEngine(new Ops() {}), c).run(data, train, val, data, rec)));
            Recorder together = new Recorder();
            recorders.add(together);
            runs.add(new LockstepTrainer.Run(c, train, val, together));
        }
        List<RunResult> results = new LockstepTrainer(new EagerEngine(new Ops() {}), runs).run(data, data, data);
        for (int i = 0; i < 3; i++) {
            assertThat(withResult(recorders.get(i), results.get(i))).isEqualTo(alone.get(i));
        }
    }

    @Test
    void runsThatCannotShareAProgramAreRefused() {
        TrainConfig dropoutOn = new TrainConfig(ModelSpec.mlp(8, 8, new int[] {32}, Activation.RELU, 0.5, 10),
                InitSpec.of("he_normal"), null, OptimizerConfig.adam(1e-3), 64, 1, 1, false, true, 0);
        assertThat(LockstepTrainer.whyNot(dropoutOn)).contains("dropout on");
        TrainConfig twoDropouts = new TrainConfig(ModelSpec.mlp(8, 8, new int[] {32, 16}, Activation.RELU, 0.5, 10),
                InitSpec.of("he_normal"), null, OptimizerConfig.adam(1e-3), 64, 1, 1, false, false, 0);
        assertThat(LockstepTrainer.whyNot(twoDropouts)).contains("more than one dropout layer");
        TrainConfig conv = new TrainConfig(new ModelSpec(1, 8, 8, List.of(new io.initlab.model.LayerSpec.ConvSpec(4, 3, 3,
                Activation.RELU, false), new io.initlab.model.LayerSpec.FlattenSpec(), new io.initlab.model.LayerSpec.DenseSpec(10,
                Activation.IDENTITY))), InitSpec.of("he_normal"), null, OptimizerConfig.adam(1e-3), 64, 1, 1, false, false, 0);
        assertThat(LockstepTrainer.whyNot(conv)).contains("conv");
        assertThat(LockstepTrainer.whyNot(config("he_normal", 1))).isNull();
        int[][] rows = rows(0);
        List<LockstepTrainer.Run> mixed = List.of(new LockstepTrainer.Run(config("he_normal", 1), rows[0], rows[1], TrainListener.NONE),
                new LockstepTrainer.Run(new TrainConfig(MODEL, InitSpec.of("he_normal"), null, OptimizerConfig.adam(1e-3), 32, 2,
                        2, false, false, 50), rows[0], rows[1], TrainListener.NONE));
        assertThatThrownBy(() -> new LockstepTrainer(new EagerEngine(new Ops() {}), mixed))
                .hasMessageContaining("must share model, loss, optimizer, batch");
    }

    /** A kernel added to Ops without a lockstep rule would silently run on the first run's block only. */
    @Test
    void lockstepOpsSaysWhatEveryKernelDoesOverRuns() throws NoSuchMethodException {
        for (Method m : Ops.class.getDeclaredMethods()) {
            if (m.isDefault()) {
                assertThat(LockstepOps.class.getDeclaredMethod(m.getName(), m.getParameterTypes())).as(m.getName()).isNotNull();
            }
        }
        assertThatThrownBy(() -> new LockstepOps(new Ops() {}, 2).sampleUniform(new float[4], 2, 0, 0, 0, 0f, 1f))
                .hasMessageContaining("cannot run for several runs at once");
        assertThatThrownBy(() -> new LockstepOps(new Ops() {}, 2).dropoutMask(new float[4], 2, new int[1], 0, 0, 0, 0.5f))
                .hasMessageContaining("needs the runs' seeds");
    }

    /** Early stopping per run: runs stop at their own epochs (their blocks train on), and the kept weights come back. */
    @Test
    void runsStopEarlyOnTheirOwnAndRestoreTheirBestWeights() {
        Dataset data = TestData.synthetic(700, 5);
        Dataset test = TestData.synthetic(300, 6);
        int epochs = 8;
        List<Recorded> alone = new ArrayList<>();
        List<LockstepTrainer.Run> runs = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        String[][] settings = {{"he_normal", "val_loss", "true"}, {"glorot_uniform", "val_accuracy", "false"},
            {"uniform(-0.5, 0.5)", "loss", "true"}, {"he_uniform", "val_loss", "false"}};
        for (int i = 0; i < settings.length; i++) {
            TrainConfig c = new TrainConfig(MODEL, InitSettings.everywhere(InitSpec.parse(settings[i][0]), null),
                    OptimizerConfig.adam(0.05), 64, epochs, 20 + i, false, false, 30, new io.initlab.loss.SoftmaxCrossEntropyLoss(),
                    new TrainConfig.EarlyStop(settings[i][1], 1, 0.0, Boolean.parseBoolean(settings[i][2])));
            int[][] rows = rows(50 * i);
            Recorder rec = new Recorder();
            alone.add(withResult(rec, new Trainer(new EagerEngine(new Ops() {}), c).run(data, rows[0], rows[1], test, rec)));
            Recorder together = new Recorder();
            recorders.add(together);
            runs.add(new LockstepTrainer.Run(c, rows[0], rows[1], together));
        }
        List<RunResult> results = new LockstepTrainer(new EagerEngine(new Ops() {}), runs).run(data, data, test);
        for (int i = 0; i < settings.length; i++) {
            assertThat(withResult(recorders.get(i), results.get(i))).as("run %d", i).isEqualTo(alone.get(i));
            assertThat(results.get(i).bestEpoch()).isPositive();
        }
        assertThat(results).as("some runs stop before the last epoch, at different epochs")
                .anyMatch(r -> r.epochsRun() < epochs);
        assertThat(results.stream().map(RunResult::epochsRun).distinct().count()).isGreaterThan(1);
    }

    /** Dropout: each run draws its masks from its own seed, as alone. */
    @Test
    void dropoutMasksAreEachRunsOwn() {
        Dataset data = TestData.synthetic(700, 7);
        ModelSpec model = new ModelSpec(1, 8, 8, List.of(new io.initlab.model.LayerSpec.DenseSpec(32, Activation.RELU),
                new io.initlab.model.LayerSpec.DropoutSpec(0.3), new io.initlab.model.LayerSpec.DenseSpec(16, Activation.RELU),
                new io.initlab.model.LayerSpec.DenseSpec(10, Activation.IDENTITY)));
        List<Recorded> alone = new ArrayList<>();
        List<LockstepTrainer.Run> runs = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        long[] seeds = {3, 4, 5_000_000_007L};
        for (int i = 0; i < seeds.length; i++) {
            TrainConfig c = new TrainConfig(model, InitSpec.parse("he_uniform"), null, OptimizerConfig.sgd(0.1, 0.9), 64, 2,
                    seeds[i], false, false, 40);
            int[][] rows = rows(0);
            Recorder rec = new Recorder();
            alone.add(withResult(rec, new Trainer(new EagerEngine(new Ops() {}), c).run(data, rows[0], rows[1], data, rec)));
            Recorder together = new Recorder();
            recorders.add(together);
            runs.add(new LockstepTrainer.Run(c, rows[0], rows[1], together));
        }
        List<RunResult> results = new LockstepTrainer(new EagerEngine(new Ops() {}), runs).run(data, data, data);
        for (int i = 0; i < seeds.length; i++) {
            assertThat(withResult(recorders.get(i), results.get(i))).as("run %d", i).isEqualTo(alone.get(i));
        }
        assertThat(alone.get(0)).isNotEqualTo(alone.get(1)); // other seeds, other masks (and weights)
    }
}
