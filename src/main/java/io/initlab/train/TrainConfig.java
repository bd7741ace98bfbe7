package io.initlab.train;

import io.initlab.init.InitSettings;
import io.initlab.init.InitSpec;
import io.initlab.loss.LossConfig;
import io.initlab.loss.SoftmaxCrossEntropyLoss;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;

/**
 * Everything one training run needs besides data and backend.
 *
 * @param init            which initializer each parameter gets
 * @param dropLast        skip a last, short batch (TensorFlow's MNIST tutorial did; PyTorch keeps it)
 * @param dropoutAccuracy also measure validation accuracy with dropout left on (a flaw of one seed study)
 * @param probeRows       rows of the fixed probe batch for per-layer diagnostics (0 = none)
 * @param loss            the loss the model's outputs are trained on
 */
public record TrainConfig(ModelSpec model, InitSettings init, OptimizerConfig optimizer,
                          int batch, int epochs, long seed, boolean dropLast, boolean dropoutAccuracy,
                          int probeRows, LossConfig loss) {

    /** Rows per evaluation pass (bounded memory, independent of the training batch). */
    public static final int EVAL_ROWS = 1000;

    public TrainConfig {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, not " + batch);
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, not " + epochs);
        }
        if (probeRows < 0) {
            throw new IllegalArgumentException("probe rows must be >= 0");
        }
    }

    /**
     * A classifier's config (softmax cross-entropy) with one initializer on every layer.
     *
     * @param biasInit null = the weight initializer's default bias (zeros, or PyTorch's U[±1/√fan_in])
     */
    public TrainConfig(ModelSpec model, InitSpec init, InitSpec biasInit, OptimizerConfig optimizer, int batch,
                       int epochs, long seed, boolean dropLast, boolean dropoutAccuracy, int probeRows) {
        this(model, InitSettings.everywhere(init, biasInit), optimizer, batch, epochs, seed, dropLast, dropoutAccuracy,
                probeRows, new SoftmaxCrossEntropyLoss());
    }

    public int maxRows() {
        return Math.max(Math.max(batch, EVAL_ROWS), probeRows);
    }
}
