package io.initlab.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One epoch's numbers. Losses are means over samples; NaN marks "not measured" (e.g. no validation
 * set) or a diverged run. valAccuracyDropout is NaN unless requested.
 *
 * @param trainLoss     the mean loss over the epoch's training batches, each with the weights of its step
 * @param trainAccuracy the accuracy over the same batches, scored on the same forward pass as the loss
 *                      (Keras' running training metrics at the end of the epoch)
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                          double valAccuracyDropout, double wallSeconds) {

    /** Reads a run file; one written before training accuracy was recorded has none: NaN, not 0. */
    @JsonCreator
    static EpochRecord fromJson(@JsonProperty("epoch") int epoch, @JsonProperty("trainLoss") double trainLoss,
                                @JsonProperty("trainAccuracy") Double trainAccuracy,
                                @JsonProperty("valLoss") double valLoss, @JsonProperty("valAccuracy") double valAccuracy,
                                @JsonProperty("valAccuracyDropout") double valAccuracyDropout,
                                @JsonProperty("wallSeconds") double wallSeconds) {
        return new EpochRecord(epoch, trainLoss, trainAccuracy == null ? Double.NaN : trainAccuracy, valLoss,
                valAccuracy, valAccuracyDropout, wallSeconds);
    }
}
