package io.initlab.optim;

import io.initlab.backend.Ops;
import io.initlab.kernels.Optimizers;
import io.initlab.model.Parameter;
import java.util.List;
import java.util.Locale;

/** SGD with (heavy-ball) momentum, as PyTorch's SGD: v = μ·v + g; w -= lr·v. Momentum 0 is plain SGD. */
public record Sgd(double lr, double momentum) implements OptimizerConfig {

    public Sgd {
        OptimizerRegistry.requirePositive("lr", lr);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), not " + momentum);
        }
    }

    @Override
    public String name() {
        return "sgd";
    }

    /** The table text while "%g" prints lr and momentum exactly (so committed hashes stay), else both in full. */
    @Override
    public String canonical() {
        if (OptimizerConfig.printsExactly(lr) && OptimizerConfig.printsExactly(momentum)) {
            return toString();
        }
        return "sgd(lr=" + lr + ", momentum=" + momentum + ")";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "sgd(lr=%g, momentum=%g)", lr, momentum);
    }

    @Override
    public Optimizer create(List<Parameter> params) {
        return new ParameterOptimizer(params, 2) {
            private final float[][] velocity = stateLikeParameters();

            @Override
            protected void fill(float[] hp, int t) {
                hp[Optimizers.SGD_LR] = (float) lr;
                hp[Optimizers.SGD_MOMENTUM] = (float) momentum;
            }

            @Override
            protected void update(Ops ops, int i, Parameter p, float[] hp) {
                ops.sgd(p.value, p.grad, velocity[i], p.size(), hp);
            }
        };
    }
}
