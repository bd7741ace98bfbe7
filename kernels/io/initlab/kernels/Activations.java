package io.initlab.kernels;

/**
 * Element-wise activations, forward and backward, selected by an int code (kernels take no enums).
 * Forward fuses the bias: y = f(z), z = x + b[col], keeping z for the backward pass.
 */
public final class Activations {
    private Activations() {}

    public static final int IDENTITY = 0;
    public static final int RELU = 1;
    public static final int LEAKY_RELU = 2;
    public static final int TANH = 3;
    public static final int SIGMOID = 4;

    /** f(z); {@code slope} is leaky_relu's negative slope (ignored by the others). */
    public static float apply(int kind, float z, float slope) {
        float y = z;
        if (kind == RELU) {
            y = z < 0f ? 0f : z; // NaN stays NaN, so a diverging run shows it
        } else if (kind == LEAKY_RELU) {
            y = z < 0f ? slope * z : z;
        } else if (kind == TANH) {
            y = (float) Math.tanh(z);
        } else if (kind == SIGMOID) {
            y = (float) (1.0 / (1.0 + Math.exp(-z)));
        }
        return y;
    }

    /** f'(z), written with y = f(z) where that is cheaper and more accurate (tanh, sigmoid). */
    public static float derivative(int kind, float z, float y, float slope) {
        float d = 1f;
        if (kind == RELU) {
            d = z > 0f ? 1f : 0f;
        } else if (kind == LEAKY_RELU) {
            d = z > 0f ? 1f : slope;
        } else if (kind == TANH) {
            d = 1f - y * y;
        } else if (kind == SIGMOID) {
            d = y * (1f - y);
        }
        return d;
    }

    /** One index of the rows×cols output: z = x + b[col]; y = f(z). x and z may be the same array. */
    public static void biasForward(int idx, float[] x, float[] b, float[] z, float[] y, int cols,
                                   int kind, float slope) {
        int col = idx % cols;
        float v = x[idx] + b[col];
        z[idx] = v;
        y[idx] = apply(kind, v, slope);
    }

    /**
     * {@link #biasForward} for R runs at once: x, z, y hold each run's rows×cols block in turn and b each run's cols
     * biases (idx = run*rows*cols + row*cols + col).
     */
    public static void biasForwardRuns(int idx, float[] x, float[] b, float[] z, float[] y, int rows, int cols,
                                       int kind, float slope) {
        int run = idx / (rows * cols);
        int col = idx % cols;
        float v = x[idx] + b[run * cols + col];
        z[idx] = v;
        y[idx] = apply(kind, v, slope);
    }

    /** One index: dz = dy · f'(z). dy and dz may be the same array. */
    public static void backward(int idx, float[] z, float[] y, float[] dy, float[] dz, int kind, float slope) {
        dz[idx] = dy[idx] * derivative(kind, z[idx], y[idx], slope);
    }
}
