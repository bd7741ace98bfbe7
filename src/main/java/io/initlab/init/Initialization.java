package io.initlab.init;

import io.initlab.backend.EagerEngine;
import io.initlab.backend.Engine;
import io.initlab.backend.Ops;
import io.initlab.backend.Phase;
import io.initlab.model.Parameter;
import java.util.List;

/**
 * Applies an initializer to a network's parameters: each tensor's {@link Law} from the registry and its
 * fans, drawn by the sampler kernels through the engine (keyed by seed and tensor id), then finished on
 * the host for the laws that are matrix constructions. Callers do not need to know which those are.
 */
public final class Initialization {
    private Initialization() {}

    /** Phase name of the drawing pass: the same name always means the same body (recording backends). */
    static final String PHASE = "init";

    /**
     * Draws every parameter on the engine, then finishes host-built ones (orthogonal, identity): it reads
     * them back, builds them and pushes them to the device.
     *
     * @param weights initializer of weight tensors
     * @param bias    initializer of bias tensors, or null for the weight initializer's default
     *                (zeros; pytorch_default's U[±1/√fan_in])
     */
    public static void run(Engine engine, List<Parameter> params, InitSpec weights, InitSpec bias, long seed) {
        engine.run(new Phase(PHASE, ops -> draw(ops, params, weights, bias, seed), new Object[0], new Object[0]));
        List<Parameter> host = params.stream().filter(p -> lawOf(p, weights, bias).finishesOnHost()).toList();
        if (!host.isEmpty()) {
            Object[] values = host.stream().map(p -> p.value).toArray();
            engine.toHost(values);
            for (Parameter p : host) {
                lawOf(p, weights, bias).finishOnHost(p);
            }
            engine.toDevice(values);
        }
    }

    /** {@link #run} on eager ops (tests, tools). */
    public static void apply(Ops ops, List<Parameter> params, InitSpec weights, InitSpec bias, long seed) {
        run(new EagerEngine(ops), params, weights, bias, seed);
    }

    /** The law of each parameter. */
    public static Law lawOf(Parameter p, InitSpec weights, InitSpec bias) {
        if (p.bias) {
            return bias == null ? Initializers.defaultBias(weights, p.fans) : Initializers.resolve(bias, p.fans);
        }
        return Initializers.resolve(weights, p.fans);
    }

    private static void draw(Ops ops, List<Parameter> params, InitSpec weights, InitSpec bias, long seed) {
        for (Parameter p : params) {
            lawOf(p, weights, bias).draw(ops, p, seed);
        }
    }
}
