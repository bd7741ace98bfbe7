package io.initlab.model;

import io.initlab.backend.Ops;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A model built for a backend: its layers with their buffers, the loss buffers, and the step counter
 * dropout masks are keyed by. Every buffer is sized for {@code maxRows} rows once, here (conv and pool
 * input gradients on their first backward pass, since a first layer never needs them). Each layer is
 * built for the shape {@link ModelSpec#shapes()} says enters it, so a dense layer after convolutions
 * takes their C·H·W features.
 */
public final class Network {
    private final ModelSpec spec;
    private final List<Layer> layers;
    /** The same layers as an array: the hot loops index it instead of allocating iterators. */
    private final Layer[] layerArray;
    private final int maxRows;
    private final int classes;
    private final float[] probs;
    private final float[] rowLoss;
    private final float[] dLogits;
    private final int[] correct;
    /** step[0]: the global training step, read by dropout masks. */
    private final int[] step = new int[1];

    public Network(ModelSpec spec, int maxRows, long seed) {
        this.spec = spec;
        this.maxRows = maxRows;
        List<Layer> built = new ArrayList<>();
        List<Shape> shapes = spec.shapes();
        int[] counts = new int[5]; // per kind, for the names dense1, dropout1, conv1, pool1, flatten1
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec ls = spec.layers().get(i);
            Shape in = shapes.get(i);
            int tensorIdBase = 2 * built.size();
            Layer layer = switch (ls) {
                case LayerSpec.DenseSpec d -> new Dense("dense" + ++counts[0], in.features(), d.units(), d.activation(),
                        maxRows, tensorIdBase);
                case LayerSpec.DropoutSpec d -> new DropoutLayer("dropout" + ++counts[1], in.features(), d.rate(),
                        built.size(), step, seed, maxRows);
                case LayerSpec.ConvSpec c -> new Conv2D("conv" + ++counts[2], in, c, maxRows, tensorIdBase);
                case LayerSpec.MaxPoolSpec p -> new MaxPool2D("pool" + ++counts[3], in, p.pool(), maxRows);
                case LayerSpec.FlattenSpec f -> new Flatten("flatten" + ++counts[4], in.features());
            };
            if (layer.outputFeatures() != shapes.get(i + 1).features()) {
                throw new IllegalStateException(layer.name() + " gives " + layer.outputFeatures() + " features, its spec "
                        + shapes.get(i + 1)); // a layer and its spec disagree: a bug, not a config error
            }
            built.add(layer);
        }
        int features = shapes.get(shapes.size() - 1).features();
        this.layers = Collections.unmodifiableList(built);
        this.layerArray = built.toArray(new Layer[0]);
        this.classes = features;
        this.probs = new float[maxRows * classes];
        this.rowLoss = new float[maxRows];
        this.dLogits = new float[maxRows * classes];
        this.correct = new int[maxRows];
    }

    public ModelSpec spec() {
        return spec;
    }

    public List<Layer> layers() {
        return layers;
    }

    public int maxRows() {
        return maxRows;
    }

    public int classes() {
        return classes;
    }

    public int[] stepCounter() {
        return step;
    }

    public float[] rowLoss() {
        return rowLoss;
    }

    public int[] correctFlags() {
        return correct;
    }

    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer l : layers) {
            all.addAll(l.parameters());
        }
        return all;
    }

    /** Forward pass; returns the logits buffer (rows × classes). */
    public float[] forward(Ops ops, float[] x, int rows, boolean training) {
        checkRows(rows);
        float[] a = x;
        for (Layer l : layerArray) {
            a = l.forward(ops, a, rows, training);
        }
        return a;
    }

    /** Softmax cross-entropy of the logits: fills probs and the per-row losses. */
    public void loss(Ops ops, float[] logits, int[] labels, int rows) {
        ops.softmaxCrossEntropy(logits, labels, probs, rowLoss, rows, classes);
    }

    /** Marks each row correct or not (after a forward pass). */
    public void score(Ops ops, float[] logits, int[] labels, int rows) {
        ops.correct(logits, labels, correct, rows, classes);
    }

    /** Backward pass of the mean loss over rows, after {@link #forward} and {@link #loss}. */
    public void backward(Ops ops, float[] x, int[] labels, int rows) {
        ops.softmaxBackward(probs, labels, dLogits, rows, classes, 1f / rows);
        float[] d = dLogits;
        for (int i = layerArray.length - 1; i >= 0; i--) {
            float[] in = i == 0 ? x : layerArray[i - 1].output();
            d = layerArray[i].backward(ops, in, d, rows, i > 0);
        }
    }

    /** Host-side mean of the per-row losses (double accumulation). */
    public double meanLoss(int rows) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
            s += rowLoss[r];
        }
        return s / rows;
    }

    private void checkRows(int rows) {
        if (rows <= 0 || rows > maxRows) {
            throw new IllegalArgumentException("rows must be in 1.." + maxRows + ", not " + rows);
        }
    }
}
