package io.initlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.backend.jvm.JvmBackend;
import io.initlab.backend.jvm.JvmOps;
import io.initlab.data.Dataset;
import io.initlab.init.InitSettings;
import io.initlab.init.InitSpec;
import io.initlab.loss.MeanSquaredErrorLoss;
import io.initlab.model.Activation;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JIT warm-up beside a run changes none of its numbers, and the synthetic step it runs works for every loss. */
class WarmUpTest {
    private static final ModelSpec MODEL = ModelSpec.mlp(8, 8, new int[] {32, 16}, Activation.RELU, 0.2, 10);

    private static TrainConfig config(int batch) {
        return new TrainConfig(MODEL, InitSpec.of("he_normal"), null, OptimizerConfig.adam(1e-3), batch, 2, 7, false, false, 0);
    }

    /** Every batch loss of a run, and its test numbers. */
    private static List<Double> run(TrainConfig cfg) {
        Dataset train = TestData.synthetic(640, 3);
        Dataset test = TestData.synthetic(200, 4);
        List<Double> losses = new ArrayList<>();
        try (JvmOps ops = new JvmOps(2)) {
            RunResult r = new Trainer(ops, cfg).run(train, TrainingTest.range(640), new int[0], test, new TrainListener() {
                @Override
                public void onBatch(int epoch, int step, double loss) {
                    losses.add(loss);
                }
            });
            losses.add(r.testLoss());
            losses.add(r.testAccuracy());
        }
        return losses;
    }

    @Test
    void aRunWithAWarmUpBesideItGivesTheSameBits() throws InterruptedException {
        List<Double> alone = run(config(32));
        WarmUp warmUp = WarmUp.start(new JvmBackend(1), config(32)); // the same model, trained at the same time
        List<Double> beside;
        try (warmUp) {
            beside = run(config(32));
        }
        warmUp.join();
        assertThat(warmUp.failure()).isNull();
        assertThat(warmUp.steps()).isPositive();
        assertThat(beside).isEqualTo(alone); // Double.equals: bit for bit
    }

    @Test
    void aClosedWarmUpEndsAfterItsStep() throws InterruptedException {
        WarmUp warmUp = WarmUp.start(new JvmBackend(1), config(64));
        while (warmUp.steps() < 3 && warmUp.failure() == null) {
            Thread.sleep(5);
        }
        warmUp.close();
        warmUp.join();
        assertThat(warmUp.failure()).isNull();
        int steps = warmUp.steps();
        Thread.sleep(20);
        assertThat(warmUp.steps()).isEqualTo(steps);
    }

    @Test
    void aSyntheticRunStepsARegressionModelOnFloatTargets() {
        ModelSpec model = ModelSpec.mlp(1, 1, 8, new int[] {16}, Activation.RELU, 0, 1);
        TrainConfig cfg = new TrainConfig(model, InitSettings.everywhere(InitSpec.of("he_normal"), null),
                OptimizerConfig.sgd(0.01, 0), 16, 1, 1, false, false, 0, new MeanSquaredErrorLoss());
        try (JvmOps ops = new JvmOps(1)) {
            SyntheticRun run = new SyntheticRun(new io.initlab.backend.EagerEngine(ops), cfg, 48);
            double first = run.step();
            double later = first;
            for (int s = 0; s < 60; s++) {
                later = run.step();
            }
            assertThat(first).isFinite().isPositive();
            assertThat(later).as("targets in [0, 1) are learnable").isLessThan(first);
        }
    }

    @Test
    void aSyntheticRunNeedsOneBatchOfRows() {
        try (JvmOps ops = new JvmOps(1)) {
            assertThatThrownBy(() -> new SyntheticRun(new io.initlab.backend.EagerEngine(ops), config(64), 10))
                    .hasMessage("a synthetic run needs at least one batch of 64 rows, not 10");
        }
    }
}
