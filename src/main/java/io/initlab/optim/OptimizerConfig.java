package io.initlab.optim;

import io.initlab.init.Framework;
import io.initlab.model.Parameter;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's settings: one record per optimizer ({@link Sgd}, {@link Adam}, {@link RmsProp}), registered by name in
 * {@link OptimizerRegistry}. A config builds the running {@link Optimizer} for a network's parameters.
 */
public interface OptimizerConfig {

    /** The name users write: "sgd", "adam", "rmsprop". */
    String name();

    double lr();

    /**
     * Every setting that changes the numbers, as text, for config hashes. Records print all their fields,
     * except that settings still at the values that were fixed before they became configurable are left out,
     * so result folders written then keep their hashes (see each record).
     */
    String canonical();

    /** Whether "%g" (the text of result tables) gives v back exactly: else canonical texts print it in full. */
    static boolean printsExactly(double v) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%g", v)) == v;
    }

    /** The optimizer state and kernel calls for these parameters. */
    Optimizer create(List<Parameter> params);

    /** Adam with the default β1, β2 and ε. */
    static OptimizerConfig adam(double lr) {
        return Adam.withLr(lr);
    }

    static OptimizerConfig sgd(double lr, double momentum) {
        return new Sgd(lr, momentum);
    }

    /** By name, with a learning rate and (SGD only) a momentum; other settings at initlab's defaults. */
    static OptimizerConfig of(String name, double lr, double momentum) {
        return of(name, Framework.NONE, lr, momentum);
    }

    /**
     * By name, with a learning rate and (SGD only) a momentum; other settings, and the form of the formula, as
     * {@code framework} has them.
     */
    static OptimizerConfig of(String name, Framework framework, double lr, double momentum) {
        return name.equalsIgnoreCase("sgd")
                ? OptimizerRegistry.create(name, framework, null, Map.of("lr", lr, "momentum", momentum))
                : OptimizerRegistry.create(name, framework, null, Map.of("lr", lr));
    }
}
