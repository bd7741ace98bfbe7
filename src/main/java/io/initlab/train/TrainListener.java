package io.initlab.train;

import java.util.List;

/** Receives a run's records as they happen (result files, progress bars). All methods optional. */
public interface TrainListener {
    /** Once, after the parameters were initialized and before the first step. */
    default void onInitialized(List<io.initlab.model.Parameter> parameters) {}

    /** After each training batch: global step from 1 and the batch's mean loss. */
    default void onBatch(int epoch, int step, double loss) {}

    /**
     * After an epoch's training steps, before its validation: the rows it trained on and their wall time (samples/s
     * without evaluation; the first epoch's also shows the JIT's warm-up).
     */
    default void onEpochTrained(int epoch, long samples, double seconds) {}

    default void onEpoch(EpochRecord record) {}

    /** Per-layer statistics at initialization (epoch 0) and after each epoch. */
    default void onLayerStats(List<LayerStat> stats) {}

    TrainListener NONE = new TrainListener() {};
}
