package io.initlab.data;

import java.util.Objects;

/** A data set's training and test parts, as published (the test part is never trained on). */
public record DatasetPair(Dataset train, Dataset test) {
    public DatasetPair {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
