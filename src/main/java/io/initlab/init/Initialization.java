package io.initlab.init;

import io.initlab.backend.Ops;
import io.initlab.model.Parameter;
import java.util.List;

/**
 * Applies an initializer to a network's parameters: each tensor's law from the registry and its fans,
 * drawn by the sampler kernels through the backend, keyed by (seed, tensor id).
 */
public final class Initialization {
    private Initialization() {}

    /**
     * @param weights initializer of weight tensors
     * @param bias    initializer of bias tensors, or null for the weight initializer's default
     *                (zeros; pytorch_default's U[±1/√fan_in])
     */
    public static void apply(Ops ops, List<Parameter> params, InitSpec weights, InitSpec bias, long seed) {
        for (Parameter p : params) {
            Distribution d;
            if (p.bias) {
                d = bias == null ? Initializers.defaultBias(weights, p.fans) : Initializers.resolve(bias, p.fans);
            } else {
                d = Initializers.resolve(weights, p.fans);
            }
            sample(ops, d, p, seed);
        }
    }

    /** Draws one tensor from d. */
    public static void sample(Ops ops, Distribution d, Parameter p, long seed) {
        int lo = (int) seed;
        int hi = (int) (seed >> 32);
        int n = p.size();
        switch (d.kind()) {
            case CONSTANT -> ops.fill(p.value, n, (float) d.a());
            case UNIFORM -> ops.sampleUniform(p.value, n, p.tensorId, lo, hi, (float) d.a(), (float) d.b());
            case NORMAL -> ops.sampleNormal(p.value, n, p.tensorId, lo, hi, (float) d.a(), (float) d.b());
            case TRUNCATED_NORMAL -> ops.sampleTruncatedNormal(p.value, n, p.tensorId, lo, hi,
                    (float) d.a(), (float) d.b(), (float) d.c());
            case ORTHOGONAL -> {
                ops.sampleNormal(p.value, n, p.tensorId, lo, hi, 0f, 1f);
                Orthogonal.orthonormalize(p.value, p.rows, p.cols, d.a());
            }
            case IDENTITY -> Orthogonal.identity(p.value, p.rows, p.cols, d.a());
        }
    }
}
