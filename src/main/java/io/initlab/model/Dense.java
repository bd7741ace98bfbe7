package io.initlab.model;

import io.initlab.backend.Ops;
import java.util.List;

/**
 * y = f(x·W + b), W stored in×out (fan_in rows) as Keras does, so the forward pass is a plain A·B,
 * the weight gradient xᵀ·dz and the input gradient dz·Wᵀ.
 */
public final class Dense implements Layer {
    private final String name;
    private final int in;
    private final int out;
    private final Activation activation;
    private final Parameter weight;
    private final Parameter bias;
    private final float[] z;
    private final float[] y;
    private final float[] dz;
    private final float[] dx;

    public Dense(String name, int in, int out, Activation activation, int maxRows, int tensorIdBase) {
        this(name, in, out, activation, maxRows, tensorIdBase, LayerInit.NONE);
    }

    public Dense(String name, int in, int out, Activation activation, int maxRows, int tensorIdBase, LayerInit init) {
        this(name, in, out, activation, maxRows, tensorIdBase, init, 1);
    }

    /** A dense layer of {@code runs} runs in lockstep: maxRows counts all runs' rows, the parameters hold each run's. */
    public Dense(String name, int in, int out, Activation activation, int maxRows, int tensorIdBase, LayerInit init,
                 int runs) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.activation = activation;
        Fans fans = Fans.dense(in, out);
        this.weight = new Parameter(name + ".weight", in, out, fans, false, tensorIdBase, init, runs);
        this.bias = new Parameter(name + ".bias", 1, out, fans, true, tensorIdBase + 1, init, runs);
        this.z = new float[maxRows * out];
        this.y = new float[maxRows * out];
        this.dz = new float[maxRows * out];
        this.dx = new float[maxRows * in];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputFeatures() {
        return in;
    }

    @Override
    public int outputFeatures() {
        return out;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public float[] forward(Ops ops, float[] x, int rows, boolean training) {
        ops.gemmNN(x, weight.value, z, rows, out, in);
        ops.biasActivation(z, bias.value, z, y, rows, out, activation.code, Activation.LEAKY_SLOPE);
        return y;
    }

    @Override
    public float[] backward(Ops ops, float[] x, float[] dOut, int rows, boolean needInputGrad) {
        ops.activationBackward(z, y, dOut, dz, rows * out, activation.code, Activation.LEAKY_SLOPE);
        ops.gemmTN(x, dz, weight.grad, in, out, rows);
        ops.columnSum(dz, bias.grad, rows, out);
        if (!needInputGrad) {
            return null;
        }
        ops.gemmNT(dz, weight.value, dx, rows, in, out);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public float[] output() {
        return y;
    }
}
