package io.initlab.model;


/**
 * One trainable tensor: values, gradient, and what initialization needs to know about it (fans,
 * whether it is a bias, its tensor id, which keys its Philox stream, and what its layer's line says
 * about its initialization).
 */
public final class Parameter {
    public final String name;
    public final float[] value;
    public final float[] grad;
    public final Fans fans;
    public final boolean bias;
    public final int tensorId;
    /** Matrix view for orthogonal/identity initialization: rows × cols = value.length (of one run: see runs). */
    public final int rows;
    public final int cols;
    /** The initialization its layer's line asks for (LayerInit.NONE: whatever the run's defaults say). */
    public final LayerInit declared;

    public Parameter(String name, int rows, int cols, Fans fans, boolean bias, int tensorId) {
        this(name, rows, cols, fans, bias, tensorId, LayerInit.NONE);
    }

    public Parameter(String name, int rows, int cols, Fans fans, boolean bias, int tensorId, LayerInit declared) {
        this(name, rows, cols, fans, bias, tensorId, declared, 1);
    }

    /**
     * A parameter of {@code runs} runs trained in lockstep: value and grad hold each run's rows×cols block in turn
     * (rows, cols, fans and {@link #size()} are one run's).
     */
    public Parameter(String name, int rows, int cols, Fans fans, boolean bias, int tensorId, LayerInit declared, int runs) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.value = new float[runs * rows * cols];
        this.grad = new float[runs * rows * cols];
        this.fans = fans;
        this.bias = bias;
        this.tensorId = tensorId;
        this.declared = declared;
    }

    /** The layer it belongs to: its name without the ".weight" / ".bias" suffix. */
    public String layer() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** Elements of one run: rows × cols (value.length for a network of one run). */
    public int size() {
        return rows * cols;
    }
}
