package io.initlab.backend.tornado;

import io.initlab.backend.Backend;
import io.initlab.backend.Engine;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/**
 * initlab on a TornadoVM device: training runs as task graphs recorded once per phase and replayed
 * ({@link TornadoEngine}), compiled once per process and run shape ({@link RunCache}). Created by {@code Backends} (reflectively: this class exists only in builds
 * with {@code -Ptornado}) when initlab runs under TornadoVM's launcher.
 */
public final class TornadoBackend implements Backend {
    private final TornadoDevice device;
    private final String indices;
    private final RunCache.RunEngine engine;

    /** @param device "BACKEND:DEVICE" as listed by {@code initlab devices}, or null for TornadoVM's default device */
    public TornadoBackend(String device) {
        TornadoSetup.noBailout();
        this.device = TornadoSetup.device(device);
        this.indices = TornadoSetup.indices(this.device);
        this.engine = new RunCache.RunEngine(this.device);
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

    /** The engine this run's phases went to, with its timing statistics (for a reused engine: of every run on it). */
    public TornadoEngine tornadoEngine() {
        return engine.current();
    }

    /**
     * The device's global memory, capped by TornadoVM's own budget ({@code -Dtornado.device.memory}, 4 GB by default in
     * TornadoVM 5.2), and its longest allocation.
     */
    @Override
    public DeviceMemory deviceMemory() {
        long budget = parseSize(System.getProperty("tornado.device.memory", "4GB"));
        return new DeviceMemory(Math.min(device.getMaxGlobalMemory(), budget), device.getMaxAllocMemory());
    }

    /** "4GB", "512MB", "1024": TornadoVM's size notation for {@code tornado.device.memory}. */
    static long parseSize(String s) {
        String v = s.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = v.endsWith("GB") ? 1L << 30 : v.endsWith("MB") ? 1L << 20 : v.endsWith("KB") ? 1L << 10 : 1;
        String digits = unit == 1 ? v.replaceAll("B$", "") : v.substring(0, v.length() - 2);
        return Long.parseLong(digits.trim()) * unit;
    }

    /** Whether this run reused the compiled phases of an earlier run in this process. */
    public boolean reused() {
        return engine.reused();
    }

    @Override
    public void close() {
        if (Boolean.getBoolean("initlab.tornado.stats") && !engine.current().stats().isEmpty()) { // not a device query's
            TornadoEngine e = engine.current();
            for (TornadoEngine.PhaseStats s : e.stats()) {
                System.err.println("initlab: tornado " + s);
            }
            System.err.println("initlab: tornado " + (engine.reused() ? "reused compiled phases" : "compiled its phases")
                    + "; phases run on the host: " + e.hostRuns() + "; " + TornadoEngine.processSummary());
        }
        engine.close();
    }
}
