package io.initlab.model;

import io.initlab.kernels.Conv;
import java.util.List;
import java.util.Locale;

/**
 * One layer of a model as written in a config: {@code dense 256 relu}, {@code dropout 0.2},
 * {@code conv 32 3x3 relu [same|valid]}, {@code maxpool 2}, {@code flatten}. Each spec knows the shape
 * it turns its input into, so a model's shapes are checked before anything is built. Parsing errors
 * name the text and what is wrong.
 */
public interface LayerSpec {

    /** The shape of this layer's output for the given input, or an IllegalArgumentException saying why it cannot follow. */
    Shape outputShape(Shape input);

    /** The layer, with its buffers, for the place {@code at} gives it in a network. */
    Layer build(LayerContext at);

    /** The prefix of its layers' names (dense → dense1, dense2, …). */
    String namePrefix();

    /**
     * Whether its layer builds for several runs trained in lockstep ({@link LayerContext#runs}): buffers and
     * parameters for every run, calls that {@code LockstepOps} maps onto all of them. Dense, dropout and flatten do.
     */
    default boolean buildsForRuns() {
        return false;
    }

    /** A layer with parameters may say how they are initialized. */
    interface WithParameters extends LayerSpec {
        LayerInit init();
    }

    record DenseSpec(int units, Activation activation, LayerInit init) implements WithParameters {
        public DenseSpec {
            if (units <= 0) {
                throw new IllegalArgumentException("dense needs a positive number of units, not " + units);
            }
        }

        public DenseSpec(int units, Activation activation) {
            this(units, activation, LayerInit.NONE);
        }

        /** Any input: an image's C·H·W features are already one NCHW row, so dense flattens implicitly. */
        @Override
        public Shape outputShape(Shape input) {
            return Shape.flat(units);
        }

        @Override
        public Layer build(LayerContext at) {
            return new Dense(at.name(), at.input().features(), units, activation, at.maxRows(), at.tensorIdBase(), init,
                    at.runs());
        }

        @Override
        public String namePrefix() {
            return "dense";
        }

        @Override
        public boolean buildsForRuns() {
            return true;
        }

        @Override
        public String toString() {
            return "dense " + units + " " + activation.label() + init;
        }
    }

    record DropoutSpec(double rate) implements LayerSpec {
        public DropoutSpec {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), not " + rate);
            }
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        @Override
        public Layer build(LayerContext at) {
            return new DropoutLayer(at.name(), at.input().features(), rate, at.index(), at.step(), at.seed(), at.maxRows());
        }

        @Override
        public String namePrefix() {
            return "dropout";
        }

        @Override
        public boolean buildsForRuns() {
            return true;
        }

        @Override
        public String toString() {
            return "dropout " + rate;
        }
    }

    /** 2-D convolution, stride 1; 'same' zero-pads (k-1)/2 before and k/2 after (TF/Keras), 'valid' does not pad. */
    record ConvSpec(int filters, int kernelHeight, int kernelWidth, Activation activation, boolean same, LayerInit init)
            implements WithParameters {
        public ConvSpec(int filters, int kernelHeight, int kernelWidth, Activation activation, boolean same) {
            this(filters, kernelHeight, kernelWidth, activation, same, LayerInit.NONE);
        }

        public ConvSpec {
            if (filters <= 0) {
                throw new IllegalArgumentException("conv needs a positive number of filters, not " + filters);
            }
            if (kernelHeight <= 0 || kernelWidth <= 0) {
                throw new IllegalArgumentException("conv kernel must be positive, not " + kernelHeight + "x" + kernelWidth);
            }
        }

        @Override
        public Shape outputShape(Shape input) {
            if (input.flat()) {
                throw new IllegalArgumentException("conv needs an image input (channels x height x width) but follows "
                        + "a dense or flatten layer (" + input + "); put convolutions before them");
            }
            if (!same && (kernelHeight > input.height() || kernelWidth > input.width())) {
                throw new IllegalArgumentException("conv kernel " + kernelHeight + "x" + kernelWidth
                        + " is larger than its " + input + " input; use a smaller kernel or 'same' padding");
            }
            return Shape.image(filters, Conv.outputSize(input.height(), kernelHeight, same),
                    Conv.outputSize(input.width(), kernelWidth, same));
        }

        @Override
        public Layer build(LayerContext at) {
            return new Conv2D(at.name(), at.input(), this, at.maxRows(), at.tensorIdBase());
        }

        @Override
        public String namePrefix() {
            return "conv";
        }

        @Override
        public String toString() {
            return "conv " + filters + " " + kernelHeight + "x" + kernelWidth + " " + activation.label()
                    + (same ? " same" : " valid") + init;
        }
    }

    /** p×p max pooling, stride p; rows and columns that do not fill a window are dropped (Keras' floor). */
    record MaxPoolSpec(int pool) implements LayerSpec {
        public MaxPoolSpec {
            if (pool <= 0) {
                throw new IllegalArgumentException("maxpool size must be positive, not " + pool);
            }
        }

        @Override
        public Shape outputShape(Shape input) {
            if (input.flat()) {
                throw new IllegalArgumentException("maxpool needs an image input (channels x height x width) but follows "
                        + "a dense or flatten layer (" + input + ")");
            }
            if (pool > input.height() || pool > input.width()) {
                throw new IllegalArgumentException("maxpool " + pool + " is larger than its " + input + " input");
            }
            return Shape.image(input.channels(), input.height() / pool, input.width() / pool);
        }

        @Override
        public Layer build(LayerContext at) {
            return new MaxPool2D(at.name(), at.input(), pool, at.maxRows());
        }

        @Override
        public String namePrefix() {
            return "pool";
        }

        @Override
        public String toString() {
            return "maxpool " + pool;
        }
    }

    /** Marks the end of the image part: NCHW rows already are the flat features, so it moves no data. */
    record FlattenSpec() implements LayerSpec {
        @Override
        public Shape outputShape(Shape input) {
            return Shape.flat(input.features());
        }

        @Override
        public Layer build(LayerContext at) {
            return new Flatten(at.name(), at.input().features());
        }

        @Override
        public String namePrefix() {
            return "flatten";
        }

        @Override
        public boolean buildsForRuns() {
            return true;
        }

        @Override
        public String toString() {
            return "flatten";
        }
    }

    /**
     * Per-feature standardization with statistics fitted on the training rows ({@link Normalization#adapt}), Keras'
     * {@code Normalization}; it keeps the shape and has no parameters.
     */
    record NormalizeSpec() implements LayerSpec {
        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        @Override
        public Layer build(LayerContext at) {
            return new Normalization(at.name(), at.input().features(), at.maxRows());
        }

        @Override
        public String namePrefix() {
            return "normalize";
        }

        @Override
        public String toString() {
            return "normalize";
        }
    }

    /**
     * A layer keyword and how to read its line: {@code words[0]} is the keyword, lower-cased like the rest;
     * return null when the number of words is wrong (the caller then says how to write it).
     */
    record Keyword(String word, String usage, java.util.function.BiFunction<String, String[], LayerSpec> parser) {}

    /** Every layer keyword, in the order the help lists them: a new layer type adds its line here. */
    List<Keyword> KEYWORDS = List.of(
            new Keyword("dense", "dense UNITS [ACTIVATION]", (text, w) -> w.length < 2 || w.length > 3 ? null
                    : new DenseSpec(Integer.parseInt(w[1]), w.length == 3 ? Activation.parse(w[2]) : Activation.IDENTITY)),
            new Keyword("dropout", "dropout RATE", (text, w) -> w.length != 2 ? null : new DropoutSpec(Double.parseDouble(w[1]))),
            new Keyword("conv", "conv FILTERS KHxKW [ACTIVATION] [same|valid]",
                    (text, w) -> w.length < 3 || w.length > 5 ? null : parseConv(text, w)),
            new Keyword("maxpool", "maxpool SIZE", (text, w) -> w.length != 2 ? null : parseMaxPool(text, w)),
            new Keyword("flatten", "flatten", (text, w) -> w.length != 1 ? null : new FlattenSpec()),
            new Keyword("normalize", "normalize", (text, w) -> w.length != 1 ? null : new NormalizeSpec()));

    /** Parses one layer line, e.g. {@code dense 10 softmax init=glorot_uniform bias=zeros}. */
    static LayerSpec parse(String text) {
        LayerInit.Split split = LayerInit.split(text.toLowerCase(Locale.ROOT));
        LayerSpec parsed = parseWords(text, split.rest().trim().split("\\s+"));
        if (split.init().isNone()) {
            return parsed;
        }
        return switch (parsed) {
            case DenseSpec d -> new DenseSpec(d.units(), d.activation(), split.init());
            case ConvSpec c -> new ConvSpec(c.filters(), c.kernelHeight(), c.kernelWidth(), c.activation(), c.same(), split.init());
            default -> throw new IllegalArgumentException("layer '" + text.trim() + "' has no parameters to initialize");
        };
    }

    private static LayerSpec parseWords(String text, String[] w) {
        Keyword k = KEYWORDS.stream().filter(kw -> kw.word().equals(w[0])).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown layer '" + w[0] + "' in '" + text + "'; known: "
                        + String.join(", ", KEYWORDS.stream().map(Keyword::usage).toList())));
        LayerSpec spec;
        try {
            spec = k.parser().apply(text, w);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in layer '" + text + "'");
        }
        if (spec == null) {
            throw new IllegalArgumentException("cannot read layer '" + text + "'; write it as '" + k.usage() + "', e.g. "
                    + "'dense 256 relu', 'dropout 0.2', 'conv 32 3x3 relu same', 'maxpool 2' or 'flatten'");
        }
        return spec;
    }

    private static MaxPoolSpec parseMaxPool(String text, String[] w) {
        int[] p = kernelSize(text, w[1]);
        if (p[0] != p[1]) {
            throw new IllegalArgumentException("maxpool windows are square: write 'maxpool " + p[0] + "', not '" + text + "'");
        }
        return new MaxPoolSpec(p[0]);
    }

    /** conv FILTERS KHxKW then, in any order, at most one activation and one of same/valid (default identity, valid). */
    private static ConvSpec parseConv(String text, String[] w) {
        int filters = Integer.parseInt(w[1]);
        int[] k = kernelSize(text, w[2]);
        Activation activation = null;
        Boolean same = null;
        for (int i = 3; i < w.length; i++) {
            if (w[i].equals("same") || w[i].equals("valid")) {
                if (same != null) {
                    throw new IllegalArgumentException("padding given twice in layer '" + text + "'");
                }
                same = w[i].equals("same");
            } else {
                if (activation != null) {
                    throw new IllegalArgumentException("cannot read '" + w[i] + "' in layer '" + text
                            + "'; after the activation only 'same' or 'valid' may follow");
                }
                activation = Activation.parse(w[i]);
            }
        }
        return new ConvSpec(filters, k[0], k[1], activation == null ? Activation.IDENTITY : activation, same != null && same);
    }

    /** "3x3", "5x3" or "3" (square) as {height, width}. */
    private static int[] kernelSize(String text, String word) {
        String[] parts = word.split("x", -1);
        if (parts.length == 1) {
            int k = Integer.parseInt(parts[0]);
            return new int[] {k, k};
        }
        if (parts.length != 2) {
            throw new IllegalArgumentException("cannot read size '" + word + "' in layer '" + text + "'; write e.g. 3x3");
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }
}
