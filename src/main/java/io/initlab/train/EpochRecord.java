package io.initlab.train;

/**
 * One epoch's numbers. Losses are means over samples; NaN marks "not measured" (e.g. no validation
 * set) or a diverged run. valAccuracyDropout is NaN unless requested.
 */
public record EpochRecord(int epoch, double trainLoss, double valLoss, double valAccuracy,
                          double valAccuracyDropout, double wallSeconds) {}
