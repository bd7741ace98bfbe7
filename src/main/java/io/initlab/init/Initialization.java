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
        sampleOnDevice(ops, params, weights, bias, seed);
        buildOnHost(params, weights, bias);
    }

    /** The law of each parameter. */
    public static Distribution lawOf(Parameter p, InitSpec weights, InitSpec bias) {
        if (p.bias) {
            return bias == null ? Initializers.defaultBias(weights, p.fans) : Initializers.resolve(bias, p.fans);
        }
        return Initializers.resolve(weights, p.fans);
    }

    /**
     * The element-wise part, as kernels (on the device for a device backend): every parameter is drawn;
     * orthogonal ones get their N(0, 1) matrix, identity ones nothing yet.
     */
    public static void sampleOnDevice(Ops ops, List<Parameter> params, InitSpec weights, InitSpec bias, long seed) {
        for (Parameter p : params) {
            Distribution d = lawOf(p, weights, bias);
            if (d.kind() != Distribution.Kind.IDENTITY) {
                sample(ops, d, p, seed);
            }
        }
    }

    /** The parameters whose construction finishes on the host (orthogonal, identity). */
    public static List<Parameter> hostBuilt(List<Parameter> params, InitSpec weights, InitSpec bias) {
        return params.stream().filter(p -> {
            Distribution.Kind k = lawOf(p, weights, bias).kind();
            return k == Distribution.Kind.ORTHOGONAL || k == Distribution.Kind.IDENTITY;
        }).toList();
    }

    /** The host part: orthonormalises the N(0, 1) draws of orthogonal parameters, writes identities. */
    public static void buildOnHost(List<Parameter> params, InitSpec weights, InitSpec bias) {
        for (Parameter p : hostBuilt(params, weights, bias)) {
            Distribution d = lawOf(p, weights, bias);
            if (d.kind() == Distribution.Kind.ORTHOGONAL) {
                Orthogonal.orthonormalize(p.value, p.rows, p.cols, d.a());
            } else {
                Orthogonal.identity(p.value, p.rows, p.cols, d.a());
            }
        }
    }

    /** Draws one tensor from d with the sampler kernels (orthogonal: its N(0, 1) draws only). */
    static void sample(Ops ops, Distribution d, Parameter p, long seed) {
        int lo = (int) seed;
        int hi = (int) (seed >> 32);
        int n = p.size();
        switch (d.kind()) {
            case CONSTANT -> ops.fill(p.value, n, (float) d.a());
            case UNIFORM -> ops.sampleUniform(p.value, n, p.tensorId, lo, hi, (float) d.a(), (float) d.b());
            case NORMAL -> ops.sampleNormal(p.value, n, p.tensorId, lo, hi, (float) d.a(), (float) d.b());
            case TRUNCATED_NORMAL -> ops.sampleTruncatedNormal(p.value, n, p.tensorId, lo, hi,
                    (float) d.a(), (float) d.b(), (float) d.c());
            case ORTHOGONAL -> ops.sampleNormal(p.value, n, p.tensorId, lo, hi, 0f, 1f);
            case IDENTITY -> { } // built on the host
        }
    }
}
