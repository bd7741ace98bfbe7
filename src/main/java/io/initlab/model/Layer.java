package io.initlab.model;

import io.initlab.backend.Ops;
import java.util.List;

/**
 * A layer of a network, as calls to {@link Ops}. Buffers are allocated once, for the largest batch
 * the network will see, so a training step allocates nothing. Features are per row (sample).
 */
public interface Layer {
    String name();

    int inputFeatures();

    int outputFeatures();

    /** Computes the output for {@code rows} rows of {@code in}; returns the output buffer. */
    float[] forward(Ops ops, float[] in, int rows, boolean training);

    /**
     * Given dL/d(output), accumulates nothing but overwrites this layer's parameter gradients and returns
     * dL/d(input), or null when {@code needInputGrad} is false (the first layer).
     */
    float[] backward(Ops ops, float[] in, float[] dOut, int rows, boolean needInputGrad);

    List<Parameter> parameters();

    /** The last forward output (diagnostics). */
    float[] output();
}
