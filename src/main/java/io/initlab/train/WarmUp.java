package io.initlab.train;

import io.initlab.backend.Backend;

/**
 * Gets a run's kernels compiled while its data set is read: a background thread trains a throwaway copy of the
 * model (same layers, loss and optimizer; batches of at most {@link #MAX_ROWS} rows) on random inputs of its shape,
 * on an engine of its own, until {@link #close()}.
 *
 * <p>Why: the JVM backend's kernels are Vector API code, which runs 10–100× slower until C2 has compiled it (the
 * interpreter and C1 box every vector; the profile of the reference run showed most of its first epoch in those
 * fallbacks). Reading MNIST takes about as long as C2 needs, on a core the reading thread leaves idle.
 *
 * <p>It changes no number of the run: it shares no array with it (its own network, optimizer and buffers, sized
 * for one batch, on its own engine), and its random draws (Philox: counter-based) touch no state of the run's; the
 * kernels are pure functions of their arguments, whichever tier runs them. It only changes how soon they are
 * compiled.
 */
public final class WarmUp implements AutoCloseable {
    /** Bounds a warm-up whose owner never closes it (a failing caller): the JIT is warm long before. */
    private static final long MAX_NANOS = 60_000_000_000L;

    /**
     * Rows per warm-up step. Few: until C2 has compiled them the kernels run 10–100× slower, so a small batch gets
     * through many more calls, which is what makes the JIT compile them (it counts calls and loop iterations).
     */
    static final int MAX_ROWS = 8;

    private final Backend backend;
    private final TrainConfig config;
    private final Thread thread;
    private volatile boolean stop;
    private volatile int steps;
    private volatile Throwable failure;

    private WarmUp(Backend backend, TrainConfig config) {
        this.backend = backend;
        this.config = config;
        this.thread = new Thread(this::train, "initlab-warm-up");
        thread.setDaemon(true);
    }

    /**
     * Starts warming up {@code config}'s training step on {@code backend}, which the warm-up owns and closes (give it
     * a backend of its own: one thread of the JVM backend; its worker pool would compete with the data reading).
     */
    public static WarmUp start(Backend backend, TrainConfig config) {
        WarmUp w = new WarmUp(backend, config);
        w.thread.start();
        return w;
    }

    private void train() {
        try {
            int rows = Math.min(config.batch(), MAX_ROWS);
            TrainConfig small = new TrainConfig(config.model(), config.init(), config.optimizer(), rows, 1, config.seed(),
                    false, false, 0, config.loss(), null);
            SyntheticRun run = new SyntheticRun(backend.engine(), small, rows);
            long deadline = System.nanoTime() + MAX_NANOS;
            while (!stop && System.nanoTime() < deadline) {
                run.step();
                steps++;
            }
        } catch (Throwable t) { // a warm-up cannot fail a run: the run compiles its kernels itself, later
            failure = t;
        } finally {
            backend.close();
        }
    }

    /** Training steps run so far. */
    public int steps() {
        return steps;
    }

    /** What ended the warm-up early, or null. */
    public Throwable failure() {
        return failure;
    }

    /** Waits until the warm-up thread has ended (tests); {@link #close()} first. */
    void join() throws InterruptedException {
        thread.join();
    }

    /**
     * Stops the warm-up after its current step. Does not wait: the step in flight (milliseconds once compiled)
     * finishes beside the run's first steps, and the backend is closed by the warm-up thread.
     */
    @Override
    public void close() {
        stop = true;
    }
}
