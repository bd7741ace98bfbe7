package io.initlab.loss;

/**
 * A loss as configured: one record per loss ({@link SoftmaxCrossEntropyLoss}; a regression loss adds
 * another), building the {@link Loss} with its buffers for a network's output width.
 */
public interface LossConfig {

    /** The name users write. */
    String name();

    /** The loss for batches of up to {@code maxRows} rows of {@code outputs} values. */
    Loss create(int maxRows, int outputs);
}
