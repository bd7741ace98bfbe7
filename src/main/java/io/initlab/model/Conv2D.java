package io.initlab.model;

import io.initlab.backend.Ops;
import io.initlab.kernels.Conv;
import java.util.List;

/**
 * 2-D convolution, stride 1, 'valid' or 'same' padding, as im2col + GEMM (see {@link Conv}). The weight
 * is stored [inC·kh·kw] × outC, fan_in rows like {@link Dense}, with PyTorch/Keras conv fans, so
 * initializers treat it as they treat a dense weight. Forward: cols = im2col(x); g = cols·W
 * (pixel-major); z = g + b reordered to NCHW; y = f(z). Backward: dz = dy·f'(z) pixel-major;
 * dW = colsᵀ·dz; db = per-channel sum; dcols = dz·Wᵀ; dx = col2im(dcols).
 */
public final class Conv2D implements Layer {
    private final String name;
    private final Shape input;
    private final int filters;
    private final int kh;
    private final int kw;
    private final int outH;
    private final int outW;
    private final int padTop;
    private final int padLeft;
    private final int pixels;
    /** Columns of the column matrix: inC·kh·kw, the weight's rows. */
    private final int taps;
    private final int maxRows;
    private final Activation activation;
    private final Parameter weight;
    private final Parameter bias;
    private final float[] cols;
    /** The forward GEMM's pixel-major result; reused in backward for the pixel-major dz. */
    private final float[] g;
    private final float[] z;
    private final float[] y;
    /** Input-gradient buffers, allocated on the first backward that needs them (a first layer never does). */
    private float[] dCols;
    private float[] dx;

    public Conv2D(String name, Shape input, LayerSpec.ConvSpec spec, int maxRows, int tensorIdBase) {
        if (input.flat()) {
            throw new IllegalArgumentException(name + ": a convolution needs an image input, not " + input);
        }
        this.name = name;
        this.input = input;
        this.filters = spec.filters();
        this.kh = spec.kernelHeight();
        this.kw = spec.kernelWidth();
        this.outH = Conv.outputSize(input.height(), kh, spec.same());
        this.outW = Conv.outputSize(input.width(), kw, spec.same());
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException(name + ": kernel " + kh + "x" + kw + " is larger than its " + input + " input");
        }
        this.padTop = Conv.padBefore(kh, spec.same());
        this.padLeft = Conv.padBefore(kw, spec.same());
        this.pixels = outH * outW;
        this.taps = input.channels() * kh * kw;
        this.maxRows = maxRows;
        this.activation = spec.activation();
        Fans fans = Fans.conv(input.channels(), filters, kh, kw);
        this.weight = new Parameter(name + ".weight", taps, filters, fans, false, tensorIdBase, spec.init());
        this.bias = new Parameter(name + ".bias", 1, filters, fans, true, tensorIdBase + 1, spec.init());
        this.cols = new float[maxRows * pixels * taps];
        this.g = new float[maxRows * pixels * filters];
        this.z = new float[maxRows * pixels * filters];
        this.y = new float[maxRows * pixels * filters];
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
        return filters * pixels;
    }

    public Shape outputShape() {
        return Shape.image(filters, outH, outW);
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public float[] forward(Ops ops, float[] x, int rows, boolean training) {
        ops.im2col(x, cols, rows, input.channels(), input.height(), input.width(), kh, kw, outH, outW, padTop, padLeft);
        ops.gemmNN(cols, weight.value, g, rows * pixels, filters, taps);
        ops.channelBiasActivation(g, bias.value, z, y, rows, filters, pixels, activation.code, Activation.LEAKY_SLOPE);
        return y;
    }

    /** Uses the column matrix of the last forward pass, which must have been on the same input. */
    @Override
    public float[] backward(Ops ops, float[] x, float[] dOut, int rows, boolean needInputGrad) {
        float[] dz = g;
        ops.channelActivationBackward(z, y, dOut, dz, rows, filters, pixels, activation.code, Activation.LEAKY_SLOPE);
        ops.channelBiasGradient(z, y, dOut, bias.grad, rows, filters, pixels, activation.code, Activation.LEAKY_SLOPE);
        ops.gemmTN(cols, dz, weight.grad, taps, filters, rows * pixels);
        if (!needInputGrad) {
            return null;
        }
        if (dx == null) {
            dCols = new float[maxRows * pixels * taps];
            dx = new float[maxRows * input.features()];
        }
        ops.gemmNT(dz, weight.value, dCols, rows * pixels, taps, filters);
        ops.col2im(dCols, dx, rows, input.channels(), input.height(), input.width(), kh, kw, outH, outW, padTop, padLeft);
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
