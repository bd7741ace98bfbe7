package io.initlab.train;

import java.util.Locale;

/**
 * Keras' {@code EarlyStopping} callback (Keras 3, {@code keras/src/callbacks/early_stopping.py}) as a policy
 * the trainer asks after each epoch. Per epoch, in Keras' order: with restore_best_weights, the first epoch's
 * weights are kept in any case; {@code wait} grows by one; a value that beats the best by more than min_delta
 * becomes the best (its epoch the best epoch, its weights kept) and resets {@code wait} to 0; otherwise the run
 * stops once {@code wait >= patience}, never after the first epoch. A tie or a NaN is no improvement, so the
 * best epoch is the first with the best value. At the end of training (stopped or not) Keras restores the kept
 * weights: {@link #restoreAtEnd()}.
 */
public final class EarlyStopping {

    /** Whether smaller ({@code val_loss}, {@code val_mae}) or larger ({@code val_accuracy}) values are better. */
    public enum Mode {
        MIN, MAX;

        /** Keras' "auto" mode: loss and error metrics are minimized, accuracy maximized. */
        public static Mode forMonitor(String monitor) {
            String metric = monitor.trim().toLowerCase(Locale.ROOT);
            metric = metric.startsWith("val_") ? metric.substring(4) : metric;
            return switch (metric) {
                case "loss", "mae", "mse", "mean_absolute_error", "mean_squared_error" -> MIN;
                case "accuracy", "acc" -> MAX;
                default -> throw new IllegalArgumentException("early stopping cannot tell whether '" + monitor
                        + "' should fall or rise; monitor val_loss, val_accuracy or val_mae, or give the mode");
            };
        }
    }

    /** What the trainer does after an epoch. */
    public enum Action {
        /** Go on. */
        CONTINUE,
        /** Go on, after keeping a copy of the weights as they are now (the best so far). */
        SAVE_BEST,
        /** Stop training (then restore the kept weights when {@link #restoreAtEnd()}). */
        STOP
    }

    private final String monitor;
    private final Mode mode;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;

    private int wait;
    private double best;
    private int bestEpoch;
    private int stoppedEpoch;
    private boolean seenAnEpoch;
    private boolean keptWeights;
    private boolean stopped;

    /** With the mode Keras' "auto" picks for {@code monitor}. */
    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
        this(monitor, Mode.forMonitor(monitor), patience, minDelta, restoreBestWeights);
    }

    public EarlyStopping(String monitor, Mode mode, int patience, double minDelta, boolean restoreBestWeights) {
        if (monitor == null || monitor.isBlank()) {
            throw new IllegalArgumentException("early stopping needs a monitor, e.g. val_loss");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("early stopping patience must be >= 0, not " + patience);
        }
        if (!Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("early stopping min_delta must be a finite number, not " + minDelta);
        }
        this.monitor = monitor.trim();
        this.mode = mode;
        this.patience = patience;
        this.minDelta = Math.abs(minDelta); // Keras takes |min_delta| and applies it in the mode's direction
        this.restoreBestWeights = restoreBestWeights;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * The monitored value of the epoch that just ended (the trainer's epoch number, which {@link #bestEpoch()} and
     * {@link #stoppedEpoch()} report back); says what to do next.
     */
    public Action onEpochEnd(int epoch, double value) {
        if (stopped) {
            throw new IllegalStateException("early stopping already stopped the run at epoch " + stoppedEpoch);
        }
        boolean first = !seenAnEpoch;
        seenAnEpoch = true;
        boolean keep = false;
        if (first) {
            bestEpoch = epoch; // Keras' best_epoch starts at the first epoch, improvement or not
            if (restoreBestWeights) {
                keptWeights = true; // "if best weights were never set, then the current weights are the best"
                keep = true;
            }
        }
        wait++;
        if (improves(value)) {
            best = value;
            bestEpoch = epoch;
            wait = 0;
            return restoreBestWeights ? Action.SAVE_BEST : Action.CONTINUE;
        }
        if (wait >= patience && !first) {
            stopped = true;
            stoppedEpoch = epoch;
            return Action.STOP;
        }
        return keep ? Action.SAVE_BEST : Action.CONTINUE;
    }

    /** Keras' {@code monitor_op(current - min_delta, best)}; false for NaN. */
    private boolean improves(double value) {
        return mode == Mode.MIN ? value + minDelta < best : value - minDelta > best;
    }

    /** Whether the trainer must put back the weights of the last {@link Action#SAVE_BEST} when training ends. */
    public boolean restoreAtEnd() {
        return restoreBestWeights && keptWeights;
    }

    public String monitor() {
        return monitor;
    }

    public Mode mode() {
        return mode;
    }

    public int patience() {
        return patience;
    }

    public double minDelta() {
        return minDelta;
    }

    public boolean restoreBestWeights() {
        return restoreBestWeights;
    }

    /** The best monitored value so far (±infinity before any improvement). */
    public double best() {
        return best;
    }

    /** The epoch of {@link #best()}: the first epoch with the best value (the first epoch before any improvement). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Epochs since the last improvement, counting the current one (Keras' {@code wait}). */
    public int waited() {
        return wait;
    }

    public boolean stopped() {
        return stopped;
    }

    /** The epoch at which it said {@link Action#STOP}; -1 while it has not. */
    public int stoppedEpoch() {
        return stopped ? stoppedEpoch : -1;
    }
}
