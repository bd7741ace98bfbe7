package io.initlab.data;

import java.util.Objects;

/**
 * Indices of a training part and a held-out validation part of one data set; disjoint.
 * Made by {@link Splits#trainVal} (shuffled), {@link Splits#firstRowsAsValidation} or
 * {@link Splits#lastRowsAsValidation} (in file order).
 */
public record TrainValSplit(int[] train, int[] val) {
    public TrainValSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(val, "val");
    }
}
