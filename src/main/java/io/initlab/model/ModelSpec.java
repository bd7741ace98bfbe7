package io.initlab.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A model: input shape and layers, ending in a dense layer whose outputs the loss reads (one logit per
 * class for the softmax cross-entropy).
 */
public record ModelSpec(int channels, int height, int width, List<LayerSpec> layers) {

    public ModelSpec {
        layers = List.copyOf(layers);
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("input shape must be positive: " + channels + "x" + height + "x" + width);
        }
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof LayerSpec.DenseSpec)) {
            throw new IllegalArgumentException("a model must end with a dense layer (the logits)");
        }
        shapes(channels, height, width, layers); // fails early, naming the layer, when shapes do not fit
    }

    /**
     * The shape entering each layer, then the output's (size layers + 1): what the network builds its
     * buffers from.
     */
    public List<Shape> shapes() {
        return shapes(channels, height, width, layers);
    }

    private static List<Shape> shapes(int channels, int height, int width, List<LayerSpec> layers) {
        List<Shape> out = new ArrayList<>();
        Shape s = Shape.image(channels, height, width);
        out.add(s);
        for (int i = 0; i < layers.size(); i++) {
            try {
                s = layers.get(i).outputShape(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (i + 1) + " '" + layers.get(i) + "': " + e.getMessage(), e);
            }
            out.add(s);
        }
        return out;
    }

    public int inputFeatures() {
        return channels * height * width;
    }

    public int classes() {
        return ((LayerSpec.DenseSpec) layers.get(layers.size() - 1)).units();
    }

    /**
     * Parses layer lines, e.g. ["dense 256 relu", "dropout 0.2", "dense 10"] or ["conv 32 3x3 relu",
     * "maxpool 2", "flatten", "dense 10"], for 1×h×w inputs.
     */
    public static ModelSpec parse(int height, int width, List<String> layerLines) {
        return parse(1, height, width, layerLines);
    }

    /** As {@link #parse(int, int, List)} for channels×h×w inputs (CIFAR: 3×32×32). */
    public static ModelSpec parse(int channels, int height, int width, List<String> layerLines) {
        List<LayerSpec> specs = new ArrayList<>();
        for (String line : layerLines) {
            specs.add(LayerSpec.parse(line));
        }
        return new ModelSpec(channels, height, width, specs);
    }

    /**
     * The seed studies' MLP: hidden widths with one activation, optional dropout after each hidden
     * layer, then a dense layer of {@code classes} logits.
     */
    public static ModelSpec mlp(int height, int width, int[] hidden, Activation activation, double dropout, int classes) {
        return mlp(1, height, width, hidden, activation, dropout, classes);
    }

    /** As {@link #mlp(int, int, int[], Activation, double, int)} for channels×h×w inputs (flattened by the first dense). */
    public static ModelSpec mlp(int channels, int height, int width, int[] hidden, Activation activation, double dropout,
                                int classes) {
        List<LayerSpec> specs = new ArrayList<>();
        for (int h : hidden) {
            specs.add(new LayerSpec.DenseSpec(h, activation));
            if (dropout > 0) {
                specs.add(new LayerSpec.DropoutSpec(dropout));
            }
        }
        specs.add(new LayerSpec.DenseSpec(classes, Activation.IDENTITY));
        return new ModelSpec(channels, height, width, specs);
    }

    /** e.g. "784-256-128-10 relu". */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inputFeatures());
        for (LayerSpec l : layers) {
            sb.append(" | ").append(l);
        }
        return sb.toString();
    }
}
