package io.initlab.backend;

/** Runs each phase's calls at once on an {@link Ops}; host and "device" memory are the same arrays. */
public final class EagerEngine implements Engine {
    private final Ops ops;

    public EagerEngine(Ops ops) {
        this.ops = ops;
    }

    @Override
    public void run(Phase phase) {
        phase.body().accept(ops);
    }

    @Override
    public void toHost(Object... arrays) {
        // nothing to move
    }

    @Override
    public void toDevice(Object... arrays) {
        // nothing to move
    }
}
