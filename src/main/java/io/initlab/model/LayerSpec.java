package io.initlab.model;

import java.util.Locale;

/**
 * One layer of a model as written in a config: {@code dense 256 relu}, {@code dropout 0.2}
 * (convolutional layers come with their own specs). Parsing errors name the text and what is wrong.
 */
public sealed interface LayerSpec permits LayerSpec.DenseSpec, LayerSpec.DropoutSpec {

    record DenseSpec(int units, Activation activation) implements LayerSpec {
        public DenseSpec {
            if (units <= 0) {
                throw new IllegalArgumentException("dense needs a positive number of units, not " + units);
            }
        }

        @Override
        public String toString() {
            return "dense " + units + " " + activation.label();
        }
    }

    record DropoutSpec(double rate) implements LayerSpec {
        public DropoutSpec {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), not " + rate);
            }
        }

        @Override
        public String toString() {
            return "dropout " + rate;
        }
    }

    /** Parses one layer line. */
    static LayerSpec parse(String text) {
        String[] w = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        try {
            switch (w[0]) {
                case "dense":
                    if (w.length < 2 || w.length > 3) {
                        break;
                    }
                    return new DenseSpec(Integer.parseInt(w[1]), w.length == 3 ? Activation.parse(w[2]) : Activation.IDENTITY);
                case "dropout":
                    if (w.length != 2) {
                        break;
                    }
                    return new DropoutSpec(Double.parseDouble(w[1]));
                default:
                    throw new IllegalArgumentException("unknown layer '" + w[0] + "' in '" + text
                            + "'; known: dense UNITS [ACTIVATION], dropout RATE");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in layer '" + text + "'");
        }
        throw new IllegalArgumentException("cannot read layer '" + text + "'; write e.g. 'dense 256 relu' or 'dropout 0.2'");
    }
}
