package io.initlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.backend.jvm.JvmOps;
import io.initlab.data.Dataset;
import io.initlab.init.InitSettings;
import io.initlab.init.InitSpec;
import io.initlab.loss.MeanSquaredErrorLoss;
import io.initlab.loss.SoftmaxCrossEntropyLoss;
import io.initlab.model.Activation;
import io.initlab.model.ModelSpec;
import io.initlab.model.Normalization;
import io.initlab.optim.OptimizerConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trainer with part 8's pieces: float targets (MSE/MAE), normalize adapted on the training rows, early stopping. */
class TrainerWiringTest {
    static final int FEATURES = 3;

    /** y = 2·x0 - x1 + 0.5·x2 + 100 on features with large offsets and scales, so that standardization matters. */
    static Dataset regression(int n, long seed, double shift) {
        Random rnd = new Random(seed);
        float[] x = new float[n * FEATURES];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            float a = (float) (1000 + 50 * rnd.nextGaussian() + shift);
            float b = (float) (0.01 * rnd.nextGaussian());
            float c = (float) (20 * rnd.nextGaussian() - 300);
            x[i * 3] = a;
            x[i * 3 + 1] = b;
            x[i * 3 + 2] = c;
            y[i] = (float) (0.02 * (a - 1000) - 100 * b + 0.05 * (c + 300) + 3);
        }
        return Dataset.regression("linear-" + seed, x, y, FEATURES);
    }

    static TrainConfig regressionConfig(int epochs, TrainConfig.EarlyStop es) {
        ModelSpec model = ModelSpec.parse(1, FEATURES, List.of("normalize", "dense 16 relu", "dense 1"));
        return new TrainConfig(model, InitSettings.everywhere(InitSpec.of("glorot_uniform"), null),
                OptimizerConfig.adam(1e-2), 32, epochs, 5, false, false, 0, new MeanSquaredErrorLoss(), es);
    }

    @Test
    void aRegressionRunReportsMseAsLossAndMaeAsItsMetric() {
        Dataset train = regression(600, 1, 0);
        Dataset test = regression(200, 2, 0);
        int[] trainIdx = TrainingTest.range(500);
        int[] valIdx = Arrays.copyOfRange(TrainingTest.range(600), 500, 600);
        try (JvmOps ops = new JvmOps(1)) {
            Trainer t = new Trainer(ops, regressionConfig(15, null));
            RunResult r = t.run(train, trainIdx, valIdx, test, TrainListener.NONE);
            assertThat(r.status()).isEqualTo("ok");
            assertThat(r.epochsRun()).isEqualTo(15);
            assertThat(r.bestEpoch()).isZero();
            // independent reference: the trained network's outputs on the test rows, MSE and MAE by hand
            float[] out = t.network().forward(ops, test.images(), test.count(), false);
            double se = 0;
            double ae = 0;
            for (int i = 0; i < test.count(); i++) {
                double d = out[i] - test.targets()[i];
                se += d * d;
                ae += Math.abs(d);
            }
            assertThat(r.testLoss()).isCloseTo(se / test.count(), org.assertj.core.data.Offset.offset(1e-5 * (1 + se / test.count())));
            assertThat(r.testAccuracy()).isCloseTo(ae / test.count(), org.assertj.core.data.Offset.offset(1e-5 * (1 + ae / test.count())));
            // it learned: far below the MAE of predicting the mean target
            double mean = 0;
            for (float v : test.targets()) mean += v;
            mean /= test.count();
            double baseline = 0;
            for (float v : test.targets()) baseline += Math.abs(v - mean);
            baseline /= test.count();
            assertThat(r.testAccuracy()).isLessThan(0.3 * baseline);
            EpochRecord last = r.last();
            assertThat(last.valAccuracy()).isGreaterThan(0).isLessThan(0.3 * baseline); // MAE, not an accuracy
            assertThat(last.trainAccuracy()).isGreaterThan(0);
        }
    }

    @Test
    void normalizeIsFittedOnTheTrainingRowsOnly() {
        Dataset shifted = regression(300, 3, 0);
        float[] x = shifted.images().clone();
        for (int i = 200; i < 300; i++) {
            x[i * 3] += 1e6f; // validation rows far away: a fit that saw them would have a huge mean
        }
        Dataset data = Dataset.regression("mixed", x, shifted.targets(), FEATURES);
        int[] trainIdx = TrainingTest.range(200);
        int[] valIdx = Arrays.copyOfRange(TrainingTest.range(300), 200, 300);
        try (JvmOps ops = new JvmOps(1)) {
            Trainer t = new Trainer(ops, regressionConfig(1, null));
            t.run(data, trainIdx, valIdx, null, TrainListener.NONE);
            Normalization n = (Normalization) t.network().layers().get(0);
            for (int f = 0; f < FEATURES; f++) {
                double m = 0;
                for (int i : trainIdx) m += x[i * 3 + f];
                m /= trainIdx.length;
                double v = 0;
                for (int i : trainIdx) v += (x[i * 3 + f] - m) * (x[i * 3 + f] - m);
                v /= trainIdx.length;
                assertThat((double) n.mean()[f]).isCloseTo(m, org.assertj.core.data.Offset.offset(1e-3 * Math.abs(m) + 1e-6));
                assertThat((double) n.variance()[f]).isCloseTo(v, org.assertj.core.data.Offset.offset(1e-3 * v + 1e-9));
            }
        }
    }

    static TrainConfig classifier(int epochs, TrainConfig.EarlyStop es) {
        ModelSpec model = ModelSpec.mlp(8, 8, new int[] {32}, Activation.TANH, 0, 10);
        return new TrainConfig(model, InitSettings.everywhere(InitSpec.of("xavier_uniform"), null),
                OptimizerConfig.sgd(0.05, 0.9), 50, epochs, 7, false, false, 0, new SoftmaxCrossEntropyLoss(), es);
    }

    static RunResult train(TrainConfig cfg, Dataset train, int[] trainIdx, Dataset val, int[] valIdx, Dataset test) {
        try (JvmOps ops = new JvmOps(1)) {
            return new Trainer(ops, cfg).run(train, trainIdx, val, valIdx, test, TrainListener.NONE);
        }
    }

    @Test
    void withoutEarlyStoppingARunIsTheSameBitForBit() {
        Dataset train = TestData.synthetic(600, 3);
        Dataset test = TestData.synthetic(200, 4);
        int[] trainIdx = TrainingTest.range(500);
        int[] valIdx = Arrays.copyOfRange(TrainingTest.range(600), 500, 600);
        TrainConfig before = new TrainConfig(classifier(3, null).model(), InitSpec.of("xavier_uniform"), null,
                OptimizerConfig.sgd(0.05, 0.9), 50, 3, 7, false, false, 0);
        RunResult a = TrainingTest.train(train, trainIdx, valIdx, test, before);
        RunResult b = train(classifier(3, null), train, trainIdx, train, valIdx, test);
        assertThat(numbers(b)).isEqualTo(numbers(a));
        assertThat(b.testLoss()).isEqualTo(a.testLoss());
        assertThat(b.testAccuracy()).isEqualTo(a.testAccuracy());
    }

    private static List<List<Double>> numbers(RunResult r) {
        return r.epochs().stream().map(e -> List.of((double) e.epoch(), e.trainLoss(), e.trainAccuracy(), e.valLoss(),
                e.valAccuracy())).toList();
    }

    /**
     * A min_delta no later epoch can beat makes the first epoch the best and stops at the second (patience 1): the
     * restored weights are the first epoch's, so the test numbers are those of a one-epoch run, bit for bit; without
     * restoring, those of a two-epoch run.
     */
    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestEpochsWeights() {
        Dataset train = TestData.synthetic(600, 5);
        Dataset test = TestData.synthetic(200, 6);
        int[] trainIdx = TrainingTest.range(500);
        int[] valIdx = Arrays.copyOfRange(TrainingTest.range(600), 500, 600);
        RunResult one = train(classifier(1, null), train, trainIdx, train, valIdx, test);
        RunResult two = train(classifier(2, null), train, trainIdx, train, valIdx, test);
        RunResult restored = train(classifier(10, new TrainConfig.EarlyStop("val_loss", 1, 1e9, true)),
                train, trainIdx, train, valIdx, test);
        assertThat(restored.epochsRun()).isEqualTo(2);
        assertThat(restored.bestEpoch()).isEqualTo(1);
        assertThat(restored.testLoss()).isEqualTo(one.testLoss());
        assertThat(restored.testAccuracy()).isEqualTo(one.testAccuracy());
        RunResult kept = train(classifier(10, new TrainConfig.EarlyStop("val_loss", 1, 1e9, false)),
                train, trainIdx, train, valIdx, test);
        assertThat(kept.epochsRun()).isEqualTo(2);
        assertThat(kept.testLoss()).isEqualTo(two.testLoss());
        assertThat(two.testLoss()).isNotEqualTo(one.testLoss());
    }

    @Test
    void theBestEpochIsTheFirstBestOfTheMonitoredValidationMetric() {
        Dataset train = TestData.synthetic(600, 7);
        int[] trainIdx = TrainingTest.range(500);
        int[] valIdx = Arrays.copyOfRange(TrainingTest.range(600), 500, 600);
        RunResult r = train(classifier(6, new TrainConfig.EarlyStop("val_accuracy", 100, 0, true)),
                train, trainIdx, train, valIdx, null);
        assertThat(r.epochsRun()).isEqualTo(6); // patience never runs out
        int best = 1;
        for (EpochRecord e : r.epochs()) {
            if (e.valAccuracy() > r.epochs().get(best - 1).valAccuracy()) best = e.epoch();
        }
        assertThat(r.bestEpoch()).isEqualTo(best);
    }

    @Test
    void validatesOnAnotherDataSetWhenGivenOne() {
        Dataset train = TestData.synthetic(500, 8);
        Dataset test = TestData.synthetic(200, 9);
        RunResult r = train(classifier(1, null), train, TrainingTest.range(500), test, TrainingTest.range(200), test);
        assertThat(r.last().valLoss()).isEqualTo(r.testLoss());
        assertThat(r.last().valAccuracy()).isEqualTo(r.testAccuracy());
    }

    @Test
    void refusesWhatCannotWork() {
        Dataset cls = TestData.synthetic(100, 10);
        int[] all = TrainingTest.range(100);
        assertThatThrownBy(() -> train(classifier(2, new TrainConfig.EarlyStop("val_loss", 1, 0, true)), cls, all, cls,
                new int[0], null)).hasMessageContaining("no validation rows");
        assertThatThrownBy(() -> train(classifier(2, new TrainConfig.EarlyStop("val_mae", 1, 0, true)), cls, all, cls,
                all, null)).hasMessageContaining("monitor val_loss or val_accuracy");
        assertThatThrownBy(() -> new TrainConfig.EarlyStop("val_mse", 1, 0, true)).hasMessageContaining("not 'val_mse'");
        Dataset reg = regression(100, 11, 0);
        try (JvmOps ops = new JvmOps(1)) {
            assertThatThrownBy(() -> new Trainer(ops, classifierOn(reg)).run(reg, all, new int[0], null, TrainListener.NONE))
                    .hasMessageContaining("is a regression set (use loss mse)");
            assertThatThrownBy(() -> new Trainer(ops, regressionConfig(1, new TrainConfig.EarlyStop("val_accuracy", 1, 0, true)))
                    .run(reg, all, all, null, TrainListener.NONE)).hasMessageContaining("monitor val_loss or val_mae");
        }
    }

    private static TrainConfig classifierOn(Dataset reg) {
        return new TrainConfig(ModelSpec.parse(1, FEATURES, List.of("dense 4 relu", "dense 2")), InitSpec.of("xavier_uniform"),
                null, OptimizerConfig.sgd(0.05, 0), 10, 1, 1, false, false, 0);
    }
}
