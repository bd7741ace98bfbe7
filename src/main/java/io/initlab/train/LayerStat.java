package io.initlab.train;

/**
 * Statistics of one tensor of one layer: quantity is weight, activation (layer output on the probe
 * batch) or gradient (dL/dW on the probe batch). epoch 0 = at initialization.
 */
public record LayerStat(int epoch, String layer, String quantity, double mean, double variance,
                        double zeroFraction, double l2Norm) {}
