package io.initlab.optim;

import io.initlab.backend.Ops;
import io.initlab.kernels.Optimizers;
import io.initlab.model.Parameter;
import java.util.List;
import java.util.Locale;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction folded into the step size, as PyTorch and Keras
 * compute it. Defaults β1 0.9, β2 0.999 (both frameworks) and ε 1e-8 (PyTorch; Keras uses 1e-7).
 */
public record Adam(double lr, double beta1, double beta2, double eps) implements OptimizerConfig {

    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPS = 1e-8;

    public Adam {
        OptimizerRegistry.requirePositive("lr", lr);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), not beta1=" + beta1 + " beta2=" + beta2);
        }
        OptimizerRegistry.requirePositive("eps", eps);
    }

    public static Adam withLr(double lr) {
        return new Adam(lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS);
    }

    @Override
    public String name() {
        return "adam";
    }

    /**
     * {@code adam(lr=…)} while β1, β2, ε are 0.9, 0.999, 1e-8 (the values fixed before they became
     * settings: literals here, not "the current defaults", so a change of default still changes hashes)
     * and "%g" prints lr exactly; else every field, exactly.
     */
    @Override
    public String canonical() {
        if (beta1 == 0.9 && beta2 == 0.999 && eps == 1e-8 && OptimizerConfig.printsExactly(lr)) {
            return toString();
        }
        return "adam(lr=" + lr + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ")";
    }

    /** The optimizer column of result tables. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "adam(lr=%g)", lr);
    }

    @Override
    public Optimizer create(List<Parameter> params) {
        return new ParameterOptimizer(params, 5) {
            private final float[][] first = stateLikeParameters();
            private final float[][] second = stateLikeParameters();

            @Override
            protected void fill(float[] hp, int t) {
                hp[Optimizers.ADAM_BETA1] = (float) beta1;
                hp[Optimizers.ADAM_BETA2] = (float) beta2;
                hp[Optimizers.ADAM_EPS] = (float) eps;
                hp[Optimizers.ADAM_STEP] = (float) (lr / (1 - Math.pow(beta1, t)));
                hp[Optimizers.ADAM_BC2_SQRT] = (float) Math.sqrt(1 - Math.pow(beta2, t));
            }

            @Override
            protected void update(Ops ops, int i, Parameter p, float[] hp) {
                ops.adam(p.value, p.grad, first[i], second[i], p.size(), hp);
            }
        };
    }
}
