package io.initlab.optim;

import io.initlab.backend.Ops;
import io.initlab.kernels.Optimizers;
import io.initlab.model.Parameter;
import java.util.List;
import java.util.Locale;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction folded into the step size, as PyTorch and Keras
 * compute it. Defaults β1 0.9, β2 0.999 (both frameworks) and ε 1e-8 (PyTorch; Keras uses 1e-7).
 * The two differ in where ε goes: PyTorch adds it to the bias-corrected root, w -= lr/(1-β1ᵗ) · m /
 * (√v/√(1-β2ᵗ) + ε); Keras to the raw one, w -= lr·√(1-β2ᵗ)/(1-β1ᵗ) · m / (√v + ε) — the paper's "ε hat"
 * (keras/src/optimizers/adam.py). {@code epsHat} selects Keras' form: the same kernel with ε/√(1-β2ᵗ) as its ε.
 */
public record Adam(double lr, double beta1, double beta2, double eps, boolean epsHat) implements OptimizerConfig {

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

    /** PyTorch's form (ε on the bias-corrected root). */
    public Adam(double lr, double beta1, double beta2, double eps) {
        this(lr, beta1, beta2, eps, false);
    }

    public static Adam withLr(double lr) {
        return new Adam(lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS);
    }

    @Override
    public String name() {
        return "adam";
    }

    /**
     * {@code adam(lr=…)} while β1, β2, ε are 0.9, 0.999, 1e-8 in PyTorch's form (the values fixed before they
     * became settings: literals here, not "the current defaults", so a change of default still changes hashes)
     * and "%g" prints lr exactly; else every field, exactly (the ε-hat form marked, PyTorch's form as before).
     */
    @Override
    public String canonical() {
        if (beta1 == 0.9 && beta2 == 0.999 && eps == 1e-8 && !epsHat && OptimizerConfig.printsExactly(lr)) {
            return toString();
        }
        return "adam(lr=" + lr + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + (epsHat ? ", eps_hat" : "") + ")";
    }

    /** The optimizer column of result tables (with ε when it is not PyTorch's default, e.g. Keras'). */
    @Override
    public String toString() {
        if (eps == DEFAULT_EPS && !epsHat) {
            return String.format(Locale.ROOT, "adam(lr=%g)", lr);
        }
        return String.format(Locale.ROOT, "adam(lr=%g, eps=%g%s)", lr, eps, epsHat ? " hat" : "");
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
                double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
                hp[Optimizers.ADAM_EPS] = (float) (epsHat ? eps / bc2Sqrt : eps);
                hp[Optimizers.ADAM_STEP] = (float) (lr / (1 - Math.pow(beta1, t)));
                hp[Optimizers.ADAM_BC2_SQRT] = (float) bc2Sqrt;
            }

            @Override
            protected void update(Ops ops, int i, Parameter p, float[] hp) {
                ops.adam(p.value, p.grad, first[i], second[i], p.size(), hp);
            }
        };
    }
}
