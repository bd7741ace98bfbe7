package io.initlab.optim;

import io.initlab.backend.Ops;
import io.initlab.kernels.Optimizers;
import io.initlab.model.Parameter;
import java.util.List;
import java.util.Locale;

/**
 * RMSprop (Hinton 2012) without momentum or centering, as both frameworks compute it by default:
 * v = ρ v + (1-ρ) g², then PyTorch's {@code w -= lr·g / (√v + ε)} (its ρ is called α; defaults 0.99, 1e-8)
 * or Keras' {@code w -= lr·g / √(v + ε)} (defaults ρ 0.9, ε 1e-7; torch/optim/rmsprop.py and
 * keras/src/optimizers/rmsprop.py). Which one {@code epsInsideRoot} says; the kernel takes both placements
 * as hyper-parameters, one of them 0.
 */
public record RmsProp(double lr, double rho, double eps, boolean epsInsideRoot) implements OptimizerConfig {

    public RmsProp {
        OptimizerRegistry.requirePositive("lr", lr);
        if (!(rho >= 0 && rho < 1)) {
            throw new IllegalArgumentException("RMSprop rho must be in [0, 1), not " + rho);
        }
        OptimizerRegistry.requirePositive("eps", eps);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    /** Every field, exactly (RMSprop has no result folders from before its settings existed). */
    @Override
    public String canonical() {
        return "rmsprop(lr=" + lr + ", rho=" + rho + ", eps=" + eps + (epsInsideRoot ? " inside" : " outside") + " the root)";
    }

    /** The optimizer column of result tables. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "rmsprop(lr=%g, rho=%g, eps=%g %s the root)", lr, rho, eps,
                epsInsideRoot ? "inside" : "outside");
    }

    @Override
    public Optimizer create(List<Parameter> params) {
        return new ParameterOptimizer(params, 4) {
            private final float[][] meanSquare = stateLikeParameters();

            @Override
            protected void fill(float[] hp, int t) {
                hp[Optimizers.RMSPROP_LR] = (float) lr;
                hp[Optimizers.RMSPROP_RHO] = (float) rho;
                hp[Optimizers.RMSPROP_EPS_INSIDE] = epsInsideRoot ? (float) eps : 0f;
                hp[Optimizers.RMSPROP_EPS_OUTSIDE] = epsInsideRoot ? 0f : (float) eps;
            }

            @Override
            protected void update(Ops ops, int i, Parameter p, float[] hp) {
                ops.rmsprop(p.value, p.grad, meanSquare[i], p.size(), hp);
            }
        };
    }
}
