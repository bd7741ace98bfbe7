package io.initlab.train;

import java.util.List;

/**
 * The outcome of one run. status is ok or diverged (loss became NaN/Inf at divergedStep, after which
 * training stopped). samplesPerSecond counts training samples over training time only. For a regression
 * loss every "accuracy" (here and in {@link EpochRecord}) is the mean absolute error.
 *
 * @param bestEpoch the epoch early stopping found best (whose weights were restored when it restores them),
 *                  0 without early stopping
 */
public record RunResult(String status, int divergedStep, List<EpochRecord> epochs, double testAccuracy,
                        double testLoss, long trainSamples, double trainSeconds, int bestEpoch) {

    /** Without early stopping. */
    public RunResult(String status, int divergedStep, List<EpochRecord> epochs, double testAccuracy, double testLoss,
                     long trainSamples, double trainSeconds) {
        this(status, divergedStep, epochs, testAccuracy, testLoss, trainSamples, trainSeconds, 0);
    }

    /** Epochs trained: fewer than configured when early stopping stopped the run or it diverged. */
    public int epochsRun() {
        return epochs.size();
    }

    public boolean diverged() {
        return status.equals("diverged");
    }

    public double samplesPerSecond() {
        return trainSeconds > 0 ? trainSamples / trainSeconds : Double.NaN;
    }

    public EpochRecord last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
