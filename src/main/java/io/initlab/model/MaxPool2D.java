package io.initlab.model;

import io.initlab.backend.Ops;
import java.util.List;

/**
 * p×p max pooling with stride p, 'valid' (Keras' floor for sizes p does not divide). The forward pass
 * records each window's winner, which the backward pass routes the gradient to.
 */
public final class MaxPool2D implements Layer {
    private final String name;
    private final Shape input;
    private final int pool;
    private final int outH;
    private final int outW;
    private final int maxRows;
    private final float[] y;
    private final int[] argmax;
    /** Allocated on the first backward that needs it (a first layer never does). */
    private float[] dx;

    public MaxPool2D(String name, Shape input, int pool, int maxRows) {
        if (input.flat() || pool <= 0 || pool > input.height() || pool > input.width()) {
            throw new IllegalArgumentException(name + ": cannot pool " + input + " by " + pool);
        }
        this.name = name;
        this.input = input;
        this.pool = pool;
        this.outH = input.height() / pool;
        this.outW = input.width() / pool;
        this.maxRows = maxRows;
        this.y = new float[maxRows * outputFeatures()];
        this.argmax = new int[maxRows * outputFeatures()];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputFeatures() {
        return input.features();
    }

    @Override
    public int outputFeatures() {
        return input.channels() * outH * outW;
    }

    public Shape outputShape() {
        return Shape.image(input.channels(), outH, outW);
    }

    @Override
    public float[] forward(Ops ops, float[] x, int rows, boolean training) {
        ops.maxPoolForward(x, y, argmax, rows, input.channels(), input.height(), input.width(), pool, outH, outW);
        return y;
    }

    @Override
    public float[] backward(Ops ops, float[] x, float[] dOut, int rows, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        if (dx == null) {
            dx = new float[maxRows * input.features()];
        }
        ops.maxPoolBackward(dOut, argmax, dx, rows, input.channels(), input.height(), input.width(), pool, outH, outW);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public float[] output() {
        return y;
    }
}
