package io.initlab.backend.jvm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of threads that split one index range at a time, without allocating: the training step
 * calls {@link #run} thousands of times per second, and executor frameworks allocate futures and queue
 * nodes per submission. Workers spin briefly between jobs (the kernels of a step come in quick
 * succession) and park when idle. The calling thread does the first share itself.
 */
final class WorkerPool implements AutoCloseable {

    /** The body of a parallel loop over [from, to), run by worker {@code worker} in [0, threads) (for its scratch). */
    interface RangeTask {
        void range(int worker, int from, int to);
    }

    private static final int SPIN = 1 << 14;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile RangeTask task;
    private volatile int size;
    private volatile int grain;
    private volatile int generation;
    private volatile boolean closed;
    private volatile Throwable failure;

    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, not " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            int share = w + 1;
            Thread t = new Thread(() -> workerLoop(share), "initlab-worker-" + share);
            t.setDaemon(true);
            workers[w] = t;
            t.start();
        }
    }

    int threads() {
        return threads;
    }

    /**
     * Runs task over [0, n) split into contiguous shares whose sizes are multiples of {@code grain}
     * (so that blocked kernels keep whole blocks), returning when every share is done.
     */
    void run(RangeTask t, int n, int grain) {
        if (threads == 1 || n <= grain) {
            t.range(0, 0, n);
            return;
        }
        this.task = t;
        this.size = n;
        this.grain = grain;
        pending.set(workers.length);
        generation = generation + 1; // publishes the fields above
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        runShare(t, 0, n, grain);
        while (pending.get() != 0) {
            Thread.onSpinWait();
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw new IllegalStateException("a worker failed: " + f, f);
        }
    }

    private void runShare(RangeTask t, int share, int n, int g) {
        int blocks = (n + g - 1) / g;
        int from = (int) ((long) blocks * share / threads) * g;
        int to = Math.min(n, (int) ((long) blocks * (share + 1) / threads) * g);
        if (from < to) {
            t.range(share, from, to);
        }
    }

    private void workerLoop(int share) {
        int seen = 0;
        int idle = 0;
        while (!closed) {
            int g = generation;
            if (g != seen) {
                seen = g;
                idle = 0;
                try {
                    runShare(task, share, size, grain);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    pending.decrementAndGet();
                }
            } else if (idle < SPIN) {
                idle++;
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
