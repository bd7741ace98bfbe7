package io.initlab.model;

import io.initlab.backend.Ops;
import io.initlab.loss.Loss;
import io.initlab.loss.LossConfig;
import io.initlab.loss.SoftmaxCrossEntropyLoss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model built for a backend: its layers with their buffers, its loss, and the step counter dropout
 * masks are keyed by. Every buffer is sized for {@code maxRows} rows once, here (conv and pool input
 * gradients on their first backward pass, since a first layer never needs them). Each layer is built by
 * its spec for the shape {@link ModelSpec#shapes()} says enters it.
 */
public final class Network {
    private final ModelSpec spec;
    private final List<Layer> layers;
    /** The same layers as an array: the hot loops index it instead of allocating iterators. */
    private final Layer[] layerArray;
    private final int maxRows;
    private final int outputs;
    private final Loss loss;
    /** step[0]: the global training step, read by dropout masks. */
    private final int[] step = new int[1];

    /** A network with the softmax cross-entropy loss. */
    public Network(ModelSpec spec, int maxRows, long seed) {
        this(spec, new SoftmaxCrossEntropyLoss(), maxRows, seed);
    }

    public Network(ModelSpec spec, LossConfig lossConfig, int maxRows, long seed) {
        this(spec, lossConfig, maxRows, seed, 1);
    }

    /**
     * A network of {@code runs} runs of one model trained in lockstep (through {@code LockstepOps}): every buffer and
     * parameter holds each run's block in turn, {@code maxRows} rows per run. Only layers that build for several runs
     * may be in it ({@link LayerSpec#buildsForRuns}); {@code seed} is not used (dropout takes each run's
     * from {@code LockstepOps}).
     */
    public Network(ModelSpec spec, LossConfig lossConfig, int maxRows, long seed, int runs) {
        if (runs > 1 && !spec.layers().stream().allMatch(LayerSpec::buildsForRuns)) {
            throw new IllegalArgumentException("only models of dense and dropout layers train several runs at once, not "
                    + spec.describe());
        }
        this.spec = spec;
        this.maxRows = maxRows;
        List<Layer> built = new ArrayList<>();
        List<Shape> shapes = spec.shapes();
        Map<String, Integer> counts = new HashMap<>(); // per name prefix: dense1, dense2, conv1, …
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec ls = spec.layers().get(i);
            String name = ls.namePrefix() + counts.merge(ls.namePrefix(), 1, Integer::sum);
            Layer layer = ls.build(new LayerContext(name, shapes.get(i), runs * maxRows, i, step, seed, runs));
            if (layer.outputFeatures() != shapes.get(i + 1).features()) {
                throw new IllegalStateException(layer.name() + " gives " + layer.outputFeatures() + " features, its spec "
                        + shapes.get(i + 1)); // a layer and its spec disagree: a bug, not a config error
            }
            built.add(layer);
        }
        this.layers = Collections.unmodifiableList(built);
        this.layerArray = built.toArray(new Layer[0]);
        this.outputs = shapes.get(shapes.size() - 1).features();
        this.loss = lossConfig.create(runs * maxRows, outputs);
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

    /** Width of the output (classes for a classifier). */
    public int outputs() {
        return outputs;
    }

    public Loss loss() {
        return loss;
    }

    public int[] stepCounter() {
        return step;
    }

    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer l : layers) {
            all.addAll(l.parameters());
        }
        return all;
    }

    /** The value arrays of {@link #parameters}, in that order (for an engine's toHost / toDevice). */
    public Object[] parameterValues() {
        return parameters().stream().map(p -> p.value).toArray();
    }

    /** Forward pass; returns the output buffer (rows × outputs). */
    public float[] forward(Ops ops, float[] x, int rows, boolean training) {
        checkRows(rows);
        float[] a = x;
        for (Layer l : layerArray) {
            a = l.forward(ops, a, rows, training);
        }
        return a;
    }

    /**
     * Backward pass of the mean loss over rows: the loss's gradient, then every layer's, after
     * {@link #forward} and the loss's forward.
     */
    public void backward(Ops ops, float[] x, int rows) {
        loss.backward(ops, rows);
        float[] d = loss.gradient();
        for (int i = layerArray.length - 1; i >= 0; i--) {
            float[] in = i == 0 ? x : layerArray[i - 1].output();
            d = layerArray[i].backward(ops, in, d, rows, i > 0);
        }
    }

    private void checkRows(int rows) {
        if (rows <= 0 || rows > maxRows) {
            throw new IllegalArgumentException("rows must be in 1.." + maxRows + ", not " + rows);
        }
    }
}
