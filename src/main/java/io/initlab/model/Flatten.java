package io.initlab.model;

import io.initlab.backend.Ops;
import java.util.List;

/**
 * The end of the image part of a model. Activations are already one NCHW row per sample, exactly what a
 * dense layer reads, so this passes buffers through in both directions; it exists so that configs read
 * like Keras models and so that shape checks know no convolution may follow.
 */
public final class Flatten implements Layer {
    private final String name;
    private final int features;
    private float[] lastInput;

    public Flatten(String name, int features) {
        this.name = name;
        this.features = features;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputFeatures() {
        return features;
    }

    @Override
    public int outputFeatures() {
        return features;
    }

    @Override
    public float[] forward(Ops ops, float[] x, int rows, boolean training) {
        lastInput = x;
        return x;
    }

    @Override
    public float[] backward(Ops ops, float[] x, float[] dOut, int rows, boolean needInputGrad) {
        return needInputGrad ? dOut : null;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /** The input it passed on (null before the first forward pass). */
    @Override
    public float[] output() {
        return lastInput;
    }
}
