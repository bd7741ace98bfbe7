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
 * @param earlyStopping   when to stop before {@code epochs} (Keras' EarlyStopping), or null: train every epoch
 */
public record TrainConfig(ModelSpec model, InitSettings init, OptimizerConfig optimizer,
                          int batch, int epochs, long seed, boolean dropLast, boolean dropoutAccuracy,
                          int probeRows, LossConfig loss, EarlyStop earlyStopping) {

    /**
     * Early stopping as configured; {@link #policy()} makes the stateful {@link EarlyStopping} of one run.
     *
     * @param monitor     val_loss, val_accuracy, val_mae (the validation metric: MAE for a regression loss), or
     *                    the training loss/accuracy/mae without "val_"
     * @param restoreBest put back the weights of the best epoch when training ends (Keras' restore_best_weights)
     */
    public record EarlyStop(String monitor, int patience, double minDelta, boolean restoreBest) {
        public EarlyStop {
            policyOf(monitor, patience, minDelta, restoreBest); // fails early with EarlyStopping's one-line errors
            String metric = monitor.trim().toLowerCase(java.util.Locale.ROOT).replaceFirst("^val_", "");
            if (!java.util.List.of("loss", "accuracy", "mae").contains(metric)) {
                throw new IllegalArgumentException("early stopping can monitor val_loss, val_accuracy, val_mae (or loss, "
                        + "accuracy, mae on the training batches), not '" + monitor + "'");
            }
        }

        public EarlyStopping policy() {
            return policyOf(monitor, patience, minDelta, restoreBest);
        }

        private static EarlyStopping policyOf(String monitor, int patience, double minDelta, boolean restoreBest) {
            return new EarlyStopping(monitor, patience, minDelta, restoreBest);
        }

        /** Whether the monitored value is measured on the validation rows (val_…) rather than the training batches. */
        public boolean onValidation() {
            return monitor.trim().toLowerCase(java.util.Locale.ROOT).startsWith("val_");
        }

        /** The value it monitors in an epoch's record. */
        public double monitoredIn(EpochRecord rec) {
            return onValidation() ? (onLoss() ? rec.valLoss() : rec.valAccuracy())
                    : (onLoss() ? rec.trainLoss() : rec.trainAccuracy());
        }

        /** Whether it monitors the loss (else the epoch's metric: accuracy, or MAE for a regression loss). */
        public boolean onLoss() {
            return monitor.trim().toLowerCase(java.util.Locale.ROOT).replaceFirst("^val_", "").equals("loss");
        }

        /** e.g. "val_loss patience=5 min_delta=0.0 restore_best=true" (the config hash's text). */
        @Override
        public String toString() {
            return monitor + " patience=" + patience + " min_delta=" + minDelta + " restore_best=" + restoreBest;
        }
    }

    /** Without early stopping. */
    public TrainConfig(ModelSpec model, InitSettings init, OptimizerConfig optimizer, int batch, int epochs, long seed,
                       boolean dropLast, boolean dropoutAccuracy, int probeRows, LossConfig loss) {
        this(model, init, optimizer, batch, epochs, seed, dropLast, dropoutAccuracy, probeRows, loss, null);
    }

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
