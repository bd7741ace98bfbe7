package io.initlab.init;

import io.initlab.backend.EagerEngine;
import io.initlab.backend.Engine;
import io.initlab.backend.Ops;
import io.initlab.backend.Phase;
import io.initlab.model.Parameter;
import java.util.ArrayList;
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
     * @param settings which initializer each parameter gets (see {@link InitSettings})
     */
    public static void run(Engine engine, List<Parameter> params, InitSettings settings, long seed) {
        settings.check(params);
        boolean marked = InitSettings.anyMarked(params);
        List<Law> laws = params.stream().map(p -> settings.lawOf(p, marked)).toList();
        engine.run(new Phase(PHASE, ops -> {
            for (int i = 0; i < params.size(); i++) {
                laws.get(i).draw(ops, params.get(i), seed);
            }
        }, new Object[0], new Object[0]));
        List<Integer> host = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            if (laws.get(i).finishesOnHost()) {
                host.add(i);
            }
        }
        if (!host.isEmpty()) {
            Object[] values = host.stream().map(i -> params.get(i).value).toArray();
            engine.toHost(values);
            for (int i : host) {
                laws.get(i).finishOnHost(params.get(i));
            }
            engine.toDevice(values);
        }
    }

    /** {@link #run} with one initializer (and its bias) on every layer, on eager ops (tests, tools). */
    public static void apply(Ops ops, List<Parameter> params, InitSpec weights, InitSpec bias, long seed) {
        run(new EagerEngine(ops), params, InitSettings.everywhere(weights, bias), seed);
    }
}
