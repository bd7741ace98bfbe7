package io.initlab.train;

import java.util.Locale;

/**
 * Optimizer settings. Defaults are PyTorch's and Keras' (they agree): Adam β1 0.9, β2 0.999; ε is
 * 1e-8 as in PyTorch (Keras uses 1e-7; the difference is invisible at these learning rates).
 */
public record OptimizerConfig(String name, double lr, double momentum, double beta1, double beta2, double eps) {

    public OptimizerConfig {
        name = name.toLowerCase(Locale.ROOT);
        if (!name.equals("adam") && !name.equals("sgd")) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: adam, sgd");
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be > 0, not " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), not " + momentum);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1)");
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0");
        }
    }

    public static OptimizerConfig adam(double lr) {
        return new OptimizerConfig("adam", lr, 0, 0.9, 0.999, 1e-8);
    }

    public static OptimizerConfig sgd(double lr, double momentum) {
        return new OptimizerConfig("sgd", lr, momentum, 0.9, 0.999, 1e-8);
    }

    public static OptimizerConfig of(String name, double lr, double momentum) {
        return name.equalsIgnoreCase("sgd") ? sgd(lr, momentum) : new OptimizerConfig(name, lr, 0, 0.9, 0.999, 1e-8);
    }

    /**
     * Every field, as text for a run's config hash. With the settings every study used when the hash was
     * introduced (β1 0.9, β2 0.999, ε 1e-8, no momentum for Adam, and lr and momentum that "%g" prints
     * exactly) it is {@link #toString}'s text, so the hashes of committed studies stay valid; any other
     * value gives the full list, exactly.
     */
    public String canonical() {
        boolean legacy = beta1 == 0.9 && beta2 == 0.999 && eps == 1e-8 && printsExactly(lr)
                && (name.equals("adam") ? momentum == 0 : printsExactly(momentum));
        return legacy ? toString()
                : name + "(lr=" + lr + ", momentum=" + momentum + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ")";
    }

    private static boolean printsExactly(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%g", v)) == v;
    }

    @Override
    public String toString() {
        return name.equals("adam")
                ? String.format(Locale.ROOT, "adam(lr=%g)", lr)
                : String.format(Locale.ROOT, "sgd(lr=%g, momentum=%g)", lr, momentum);
    }
}
