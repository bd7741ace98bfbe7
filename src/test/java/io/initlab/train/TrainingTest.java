package io.initlab.train;

import io.initlab.optim.OptimizerConfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.initlab.backend.jvm.JvmOps;
import io.initlab.data.Dataset;
import io.initlab.data.DatasetPair;
import io.initlab.init.InitSpec;
import io.initlab.model.Activation;
import io.initlab.model.ModelSpec;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole training runs: the reference accuracy, a constant init that cannot learn, divergence, allocation. */
class TrainingTest {

    static int[] range(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    static TrainConfig mlp(Dataset d, String init, OptimizerConfig opt, int batch, int epochs, long seed) {
        ModelSpec model = ModelSpec.mlp(d.rows(), d.cols(), new int[] {256, 128}, Activation.RELU, 0, 10);
        return new TrainConfig(model, InitSpec.parse(init), null, opt, batch, epochs, seed, false, false, 0);
    }

    static RunResult train(Dataset train, int[] trainIdx, int[] valIdx, Dataset test, TrainConfig cfg) {
        try (JvmOps ops = new JvmOps(2)) {
            return new Trainer(ops, cfg).run(train, trainIdx, valIdx, test, TrainListener.NONE);
        }
    }

    /**
     * The README's reference run (784-256-128-10 ReLU, Adam 1e-3, batch 64, xavier_normal, seed 42, 2 epochs),
     * whose numbers are the same on every machine and thread count: test_accuracy=0.9715 test_loss=0.0855.
     * Needs the real MNIST: skipped where it is not fetched, failed on CI.
     */
    @Test
    void referenceRunOnMnistPrintsTheReadmeNumbers() {
        DatasetPair d = TestData.mnist();
        int[] all = range(d.train().count());
        RunResult xavier = train(d.train(), all, new int[0], d.test(), mlp(d.train(), "xavier_normal", OptimizerConfig.adam(1e-3), 64, 2, 42));
        assertThat(xavier.status()).isEqualTo("ok");
        assertThat(xavier.testAccuracy()).isEqualTo(0.9715); // 9,715 of the 10,000 test images
        assertThat(xavier.testLoss()).isCloseTo(0.0855, org.assertj.core.data.Offset.offset(5e-5)); // printed with 4 decimals
        RunResult zeros = train(d.train(), all, new int[0], d.test(), mlp(d.train(), "zeros", OptimizerConfig.adam(1e-3), 64, 2, 42));
        assertThat(zeros.testAccuracy()).isLessThanOrEqualTo(0.2);
    }

    /** The same contrast on data that is always there: random weights learn, equal ones cannot. */
    @Test
    void xavierLearnsAndZerosCannotOnSyntheticData() {
        Dataset train = TestData.synthetic(4000, 1);
        Dataset test = TestData.synthetic(1000, 2);
        RunResult xavier = train(train, range(4000), new int[0], test, mlp(train, "xavier_normal", OptimizerConfig.adam(1e-3), 64, 2, 42));
        assertThat(xavier.testAccuracy()).isGreaterThan(0.9);
        RunResult zeros = train(train, range(4000), new int[0], test, mlp(train, "zeros", OptimizerConfig.adam(1e-3), 64, 2, 42));
        assertThat(zeros.testAccuracy()).isLessThanOrEqualTo(0.2);
    }

    @Test
    void recordsEpochsBatchesAndValidation() {
        Dataset train = TestData.synthetic(1000, 3);
        List<Double> losses = new ArrayList<>();
        List<EpochRecord> epochs = new ArrayList<>();
        List<LayerStat> stats = new ArrayList<>();
        TrainConfig cfg = new TrainConfig(ModelSpec.mlp(8, 8, new int[] {32}, Activation.TANH, 0.2, 10),
                InitSpec.of("xavier_uniform"), null, OptimizerConfig.sgd(0.1, 0.9), 100, 3, 7, false, true, 64);
        RunResult r;
        int[] valIdx = java.util.Arrays.copyOfRange(range(1000), 800, 1000);
        double[] dropoutOn;
        double[] dropoutOff;
        try (JvmOps ops = new JvmOps(1)) {
            Trainer trainer = new Trainer(ops, cfg);
            r = trainer.run(train, range(800), valIdx, null,
                    new TrainListener() {
                        @Override public void onBatch(int epoch, int step, double loss) { losses.add(loss); }
                        @Override public void onEpoch(EpochRecord rec) { epochs.add(rec); }
                        @Override public void onLayerStats(List<LayerStat> s) { stats.addAll(s); }
                    });
            // the final weights evaluated again: masks are keyed by the step counter, still at the last step
            dropoutOn = trainer.evaluate(train, valIdx, true);
            dropoutOff = trainer.evaluate(train, valIdx, false);
        }
        assertThat(losses).hasSize(24);
        assertThat(epochs).extracting(EpochRecord::epoch).containsExactly(1, 2, 3);
        assertThat(epochs.get(2).valAccuracy()).isGreaterThan(0.8);
        assertThat(epochs.get(2).valAccuracy()).isEqualTo(dropoutOff[1]);
        assertThat(epochs.get(2).valLoss()).isEqualTo(dropoutOff[0]);
        assertThat(epochs.get(2).valAccuracyDropout()).isEqualTo(dropoutOn[1]).isNotEqualTo(dropoutOff[1]);
        assertThat(epochs.get(1).valAccuracyDropout()).isNotNaN();
        assertThat(epochs.get(2).trainLoss()).isLessThan(epochs.get(0).trainLoss());
        assertThat(r.testAccuracy()).isNaN();
        // 2 dense layers × 3 quantities × (init + 3 epochs)
        assertThat(stats).hasSize(24);
        assertThat(stats.get(0).epoch()).isZero();
        assertThat(stats).filteredOn(s -> s.quantity().equals("weight") && s.epoch() == 0 && s.layer().equals("dense1"))
                .singleElement().satisfies(s -> assertThat(s.variance()).isCloseTo(6.0 / 96 / 3, org.assertj.core.data.Offset.offset(0.004)));
    }

    /**
     * Keras' training metrics: an epoch's training loss and accuracy are means over its batches, each
     * scored with the weights before its own update. Rebuilt here by evaluating each batch, then stepping.
     */
    @Test
    void trainAccuracyAndLossAreMeansOverTheBatchesWithTheWeightsOfEachStep() {
        Dataset train = TestData.synthetic(530, 8);
        TrainConfig cfg = mlp(train, "he_normal", OptimizerConfig.adam(1e-3), 50, 2, 5); // no dropout: eval = train pass
        int[] trainIdx = range(530);
        RunResult r;
        double[][] rebuilt = new double[2][2];
        try (JvmOps ops = new JvmOps(1)) {
            r = new Trainer(ops, cfg).run(train, trainIdx, new int[0], null, TrainListener.NONE);
            Trainer t = new Trainer(ops, cfg);
            t.initialize();
            int step = 0;
            for (int epoch = 1; epoch <= 2; epoch++) {
                int[] order = io.initlab.data.Batcher.epochOrder(trainIdx, cfg.seed(), epoch);
                for (int start = 0; start < order.length; start += 50) {
                    int[] batch = java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + 50));
                    double[] lossAndAccuracy = t.evaluate(train, batch, false);
                    rebuilt[epoch - 1][0] += lossAndAccuracy[0] * batch.length;
                    rebuilt[epoch - 1][1] += Math.round(lossAndAccuracy[1] * batch.length);
                    t.stepOn(train, order, start, ++step);
                }
            }
        }
        for (int e = 0; e < 2; e++) {
            EpochRecord rec = r.epochs().get(e);
            assertThat(rec.trainAccuracy()).as("epoch " + (e + 1)).isEqualTo(rebuilt[e][1] / 530);
            assertThat(rec.trainLoss()).as("epoch " + (e + 1)).isCloseTo(rebuilt[e][0] / 530, org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(r.epochs().get(1).trainAccuracy()).isGreaterThan(r.epochs().get(0).trainAccuracy());
    }

    @Test
    void sameSeedSameRunOnAnyThreadCount() {
        Dataset train = TestData.synthetic(600, 4);
        TrainConfig cfg = mlp(train, "he_normal", OptimizerConfig.adam(1e-3), 50, 1, 3);
        RunResult a;
        RunResult b;
        try (JvmOps one = new JvmOps(1); JvmOps two = new JvmOps(2)) {
            a = new Trainer(one, cfg).run(train, range(600), new int[0], train, TrainListener.NONE);
            b = new Trainer(two, cfg).run(train, range(600), new int[0], train, TrainListener.NONE);
        }
        assertThat(a.epochs().get(0).trainLoss()).isEqualTo(b.epochs().get(0).trainLoss());
        assertThat(a.testAccuracy()).isEqualTo(b.testAccuracy());
    }

    @Test
    void divergenceIsRecordedNotThrown() {
        Dataset train = TestData.synthetic(2000, 5);
        RunResult r = train(train, range(2000), range(100), train, mlp(train, "normal(std=10)", OptimizerConfig.sgd(1e30, 0), 32, 2, 1));
        assertThat(r.status()).isEqualTo("diverged");
        assertThat(r.divergedStep()).isBetween(1, 63);
        assertThat(r.epochs()).hasSize(1);
        assertThat(r.epochs().get(0).trainLoss()).isNaN();
        assertThat(r.epochs().get(0).trainAccuracy()).isNaN();
    }

    @Test
    void aTrainingStepAllocatesNothing() {
        Dataset train = TestData.synthetic(640, 6);
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int threads : new int[] {1, 2}) {
            try (JvmOps ops = new JvmOps(threads)) {
                ModelSpec model = ModelSpec.mlp(8, 8, new int[] {64, 32}, Activation.RELU, 0.2, 10);
                Trainer t = new Trainer(ops, new TrainConfig(model, InitSpec.of("he_normal"), null, OptimizerConfig.adam(1e-3),
                        64, 1, 1, false, false, 0));
                t.initialize();
                int[] order = range(640);
                for (int s = 0; s < 2000; s++) { // warm up: let the JIT compile and escape-analyse
                    t.stepOn(train, order, (s % 10) * 64, s + 1);
                }
                long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
                double correct = 0;
                for (int s = 0; s < 500; s++) {
                    t.stepOn(train, order, (s % 10) * 64, 3000 + s);
                    correct += t.network().loss().scoreSum(64); // the training accuracy's host-side sum
                }
                assertThat(correct).isPositive();
                long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
                assertThat(allocated).as("bytes allocated by 500 steps on " + threads + " thread(s)").isLessThan(4096);
            }
        }
    }
}
