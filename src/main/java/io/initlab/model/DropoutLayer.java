package io.initlab.model;

import io.initlab.backend.Ops;
import io.initlab.kernels.Philox;
import java.util.List;

/**
 * Inverted dropout with rate p (fraction dropped). Training draws a fresh mask per step from Philox
 * keyed by the run seed, the step number and this layer's id; evaluation passes the input through.
 */
public final class DropoutLayer implements Layer {
    private final String name;
    private final int features;
    private final float keep;
    private final int layerId;
    private final int[] step;
    private final int seedLo;
    private final int seedHi;
    private final float[] mask;
    private final float[] y;
    private final float[] dx;
    private float[] lastOutput;
    private boolean lastTraining;

    /** {@code step} is the network's shared step counter (step[0]); it is read when the mask is drawn. */
    public DropoutLayer(String name, int features, double rate, int layerId, int[] step, long seed, int maxRows) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), not " + rate);
        }
        this.name = name;
        this.features = features;
        this.keep = (float) (1 - rate);
        this.layerId = layerId;
        this.step = step;
        this.seedLo = Philox.seedLo(seed);
        this.seedHi = Philox.seedHi(seed);
        this.mask = new float[maxRows * features];
        this.y = new float[maxRows * features];
        this.dx = new float[maxRows * features];
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
        lastTraining = training;
        if (!training) {
            lastOutput = x;
            return x;
        }
        int n = rows * features;
        ops.dropoutMask(mask, n, step, layerId, seedLo, seedHi, keep);
        ops.multiply(x, mask, y, n);
        lastOutput = y;
        return y;
    }

    @Override
    public float[] backward(Ops ops, float[] x, float[] dOut, int rows, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        if (!lastTraining) {
            return dOut; // evaluation-mode pass (diagnostics): dropout was the identity
        }
        ops.multiply(dOut, mask, dx, rows * features);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public float[] output() {
        return lastOutput == null ? y : lastOutput;
    }
}
