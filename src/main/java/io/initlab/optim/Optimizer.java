package io.initlab.optim;

import io.initlab.backend.Ops;

/**
 * A running optimizer: per-parameter state and the small hyper-parameter array its kernel reads. A
 * recorded task graph re-reads that array every step, so it is a phase input of the training step.
 */
public interface Optimizer {

    /** Fills {@link #hyperParameters()} for the next step (t + 1). */
    void prepare();

    /** The array the update kernels read their per-step hyper-parameters from (always the same array). */
    float[] hyperParameters();

    /** One update of every parameter from its gradient. */
    void update(Ops ops);

    /**
     * Starts over at step 1 for a new run on the same arrays (a backend that keeps compiled phases reuses them,
     * {@code Engine.reuse}; it also resets the state arrays): only the host-side step count is the optimizer's.
     */
    void restart();
}
