package io.initlab.backend.jvm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of threads that split one index range at a time, without allocating: the training step
 * calls {@link #run} thousands of times per second, and executor frameworks allocate futures and queue
 * nodes per submission. The range is cut into a few shares per thread, which the calling thread and the
 * workers claim one at a time: on a busy machine a worker that the OS has not scheduled leaves its shares
 * to the others instead of holding the caller in a wait (with one fixed share each, the caller spent a
 * third of a CNN step spinning at load 4 on 2 cores). Which thread runs a share does not change its
 * result (each output is computed by one share, in the same order). Workers spin briefly between jobs
 * (the kernels of a step come in quick succession) and park when idle.
 */
final class WorkerPool implements AutoCloseable {

    /** The body of a parallel loop over [from, to), run by worker {@code worker} in [0, threads) (for its scratch). */
    interface RangeTask {
        void range(int worker, int from, int to);
    }

    private static final int SPIN = 1 << 14;
    /** Shares per thread: enough for the others to absorb a late thread's part, few enough to claim cheaply. */
    private static final int SHARES_PER_THREAD = 4;

    private final int threads;
    private final Thread[] workers;
    /** The job in progress: its generation (high 32 bits) and the next share to claim (low 32 bits). */
    private final AtomicLong ticket = new AtomicLong();
    /** Shares of the job in progress that have finished. */
    private final AtomicInteger done = new AtomicInteger();
    private volatile RangeTask task;
    private volatile int size;
    private volatile int grain;
    private volatile int shares;
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
            int index = w + 1;
            Thread t = new Thread(() -> workerLoop(index), "initlab-worker-" + index);
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
        int blocks = (n + grain - 1) / grain;
        int count = Math.min(blocks, threads * SHARES_PER_THREAD);
        int g = generation + 1;
        // The new generation goes into the ticket first: a worker still in the previous job's work() could
        // otherwise read this job's share count (larger than the previous one) while the ticket still names
        // the previous job, claim a share of it that does not exist, run it with mixed fields and add it to
        // this job's done count (seen: a GEMM's two back-to-back jobs, one over 13 strips, one over 11 rows,
        // hung with done one past the count).
        ticket.set((long) g << 32);
        this.task = t;
        this.size = n;
        this.grain = grain;
        this.shares = count;
        done.set(0);
        generation = g; // publishes the fields above
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        work(0, g);
        while (done.get() != count) {
            Thread.onSpinWait();
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw new IllegalStateException("a worker failed: " + f, f);
        }
    }

    /**
     * Claims and runs shares of job g until none is left. A claim succeeds only while the ticket still
     * names job g, so a thread that read the fields of a job that has since finished runs nothing.
     */
    private void work(int worker, int g) {
        RangeTask t = task;
        int n = size;
        int gr = grain;
        int count = shares;
        while (true) {
            long current = ticket.get();
            int share = (int) current;
            if ((int) (current >>> 32) != g || share >= count) {
                return;
            }
            if (!ticket.compareAndSet(current, current + 1)) {
                continue;
            }
            try {
                int blocks = (n + gr - 1) / gr;
                int from = (int) ((long) blocks * share / count) * gr;
                int to = Math.min(n, (int) ((long) blocks * (share + 1) / count) * gr);
                if (from < to) {
                    t.range(worker, from, to);
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                done.incrementAndGet();
            }
        }
    }

    private void workerLoop(int index) {
        int seen = 0;
        int idle = 0;
        while (!closed) {
            int g = generation;
            if (g != seen) {
                seen = g;
                idle = 0;
                work(index, g);
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
