package io.initlab.train;

import java.util.List;

/**
 * The outcome of one run. status is ok or diverged (loss became NaN/Inf at divergedStep, after which
 * training stopped). samplesPerSecond counts training samples over training time only.
 */
public record RunResult(String status, int divergedStep, List<EpochRecord> epochs, double testAccuracy,
                        double testLoss, long trainSamples, double trainSeconds) {

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
