package io.initlab.backend.jvm;

import io.initlab.backend.Backend;
import io.initlab.backend.EagerEngine;
import io.initlab.backend.Engine;

/** The default backend: the kernels on CPU threads, GEMMs on the Vector API. */
public final class JvmBackend implements Backend {
    private final JvmOps ops;
    private final EagerEngine engine;

    public JvmBackend(int threads) {
        this.ops = new JvmOps(threads);
        this.engine = new EagerEngine(ops);
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public String description() {
        return "jvm (" + ops.threads() + " thread" + (ops.threads() == 1 ? "" : "s") + ", "
                + FastGemm.S.vectorBitSize() + "-bit vectors)";
    }

    @Override
    public void close() {
        ops.close();
    }
}
