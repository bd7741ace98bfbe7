package io.initlab.backend.tornado;

import io.initlab.backend.Backend;
import io.initlab.backend.Engine;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/**
 * initlab on a TornadoVM device: training runs as task graphs recorded once per phase and replayed
 * ({@link TornadoEngine}). Created by {@code Backends} (reflectively: this class exists only in builds
 * with {@code -Ptornado}) when initlab runs under TornadoVM's launcher.
 */
public final class TornadoBackend implements Backend {
    private final TornadoDevice device;
    private final String indices;
    private final TornadoEngine engine;

    /** @param device "BACKEND:DEVICE" as listed by {@code initlab devices}, or null for TornadoVM's default device */
    public TornadoBackend(String device) {
        TornadoSetup.noBailout();
        this.device = TornadoSetup.device(device);
        this.indices = TornadoSetup.indices(this.device);
        this.engine = new TornadoEngine(this.device);
    }

    @Override
    public String name() {
        return "tornado";
    }

    @Override
    public String description() {
        return "tornado " + indices + " " + TornadoSetup.describe(device);
    }

    @Override
    public Engine engine() {
        return engine;
    }

    /** The engine with its timing statistics. */
    public TornadoEngine tornadoEngine() {
        return engine;
    }

    @Override
    public void close() {
        if (Boolean.getBoolean("initlab.tornado.stats")) {
            for (TornadoEngine.PhaseStats s : engine.stats()) {
                System.err.println("initlab: tornado " + s);
            }
        }
        engine.close();
    }
}
