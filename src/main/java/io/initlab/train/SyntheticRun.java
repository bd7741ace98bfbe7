package io.initlab.train;

import io.initlab.backend.Engine;
import io.initlab.data.Dataset;
import io.initlab.data.Splits;
import io.initlab.model.ModelSpec;
import java.util.SplittableRandom;

/**
 * A model's training step in isolation: an initialized trainer that steps through random rows of the model's input
 * shape, batch after batch, over and over. What the JIT warm-up ({@link WarmUp}), {@code bench train} and the JMH
 * step benchmarks run. Its buffers hold one batch (it never evaluates), so it costs little memory beside a run.
 */
public final class SyntheticRun {
    private final Trainer trainer;
    private final Dataset data;
    private final int[] order;
    private final int batch;
    private final int batchesPerPass;
    private int step;

    /**
     * @param rows rows of random data, at least one batch: the steps cycle through {@code rows / batch} batches
     *             (more rows: more memory traffic per step, as in a real epoch)
     */
    public SyntheticRun(Engine engine, TrainConfig config, int rows) {
        if (rows < config.batch()) {
            throw new IllegalArgumentException("a synthetic run needs at least one batch of " + config.batch()
                    + " rows, not " + rows);
        }
        this.trainer = new Trainer(engine, config, config.batch());
        this.batch = config.batch();
        this.batchesPerPass = rows / batch;
        this.order = Splits.range(rows);
        this.data = randomData(config.model(), rows, trainer.network().outputs(),
                trainer.network().loss().targets() instanceof float[]);
        trainer.initialize();
    }

    /** One training step on the next batch; returns its mean loss. Allocates nothing. */
    public double step() {
        int start = (step % batchesPerPass) * batch;
        step++;
        return trainer.stepOn(data, order, start, step);
    }

    public int batch() {
        return batch;
    }

    /** Uniform [0, 1) inputs of the model's shape, with random class labels or (regression) targets; seed fixed. */
    static Dataset randomData(ModelSpec model, int rows, int outputs, boolean regression) {
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[rows * model.inputFeatures()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        if (regression) {
            float[] targets = new float[rows];
            for (int i = 0; i < rows; i++) {
                targets[i] = (float) r.nextDouble();
            }
            return Dataset.regression("random", x, targets, model.inputFeatures());
        }
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(outputs);
        }
        return Dataset.images("random", x, labels, model.channels(), model.height(), model.width(), outputs);
    }
}
