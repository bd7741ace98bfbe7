package io.initlab.study;

import io.initlab.backend.Backend;
import io.initlab.data.Dataset;
import io.initlab.train.LockstepTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which runs of a study train together on a device ({@code --runs-per-device}): runs whose arrays and phase scalars
 * are the same ({@link LockstepTrainer#groupKey}: same model, loss, optimizer, batch, epochs and row counts; they may
 * differ in initializer, seed and fold) go in groups of at most R, each trained in lockstep by one device program; the
 * others, and every run when R is 1, train alone. A bucket of n runs is cut into ⌈n/R⌉ groups of near-equal size, so
 * that a study compiles its programs for at most two group sizes.
 */
final class LockstepPlan {
    private LockstepPlan() {}

    /** One unit of work for the runner: a run alone, or a group trained in lockstep. */
    record Unit(List<RunSpec> runs) {
        boolean lockstep() {
            return runs.size() > 1;
        }
    }

    /** The most runs per group device memory allows when {@code --runs-per-device} is automatic. */
    static final int AUTO = 0;

    /**
     * @param runsPerDevice the most runs per group, or {@link #AUTO}: as many as half the device's memory holds (the
     *                      other half left for the compiled programs and an earlier group's arrays, which a device
     *                      keeps for reuse), its longest allocation allows and half the JVM heap holds
     */
    static List<Unit> plan(Study s, List<RunSpec> todo, Dataset train, Dataset test, int runsPerDevice,
                           Backend.DeviceMemory memory) {
        List<Unit> units = new ArrayList<>();
        if (runsPerDevice == 1) { // every run alone (the JVM backend): no split or model to prepare for grouping
            todo.forEach(r -> units.add(new Unit(List.of(r))));
            return units;
        }
        Map<Object, List<RunSpec>> buckets = new LinkedHashMap<>();
        Map<Object, RunExecutor.Prepared> firstOf = new LinkedHashMap<>();
        for (RunSpec r : todo) {
            RunExecutor.Prepared p = RunExecutor.prepare(s, r, train, test);
            if (LockstepTrainer.whyNot(p.config()) != null) {
                units.add(new Unit(List.of(r)));
                continue;
            }
            Object key = LockstepTrainer.groupKey(p.config(), p.trainIdx().length, p.valIdx().length);
            buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            firstOf.putIfAbsent(key, p);
        }
        for (Map.Entry<Object, List<RunSpec>> e : buckets.entrySet()) {
            List<RunSpec> bucket = e.getValue();
            int limit = runsPerDevice == AUTO ? fit(firstOf.get(e.getKey()), memory) : runsPerDevice;
            int groups = (bucket.size() + limit - 1) / limit;
            for (int g = 0, from = 0; g < groups; g++) {
                int size = bucket.size() / groups + (g < bucket.size() % groups ? 1 : 0);
                units.add(new Unit(List.copyOf(bucket.subList(from, from + size))));
                from += size;
            }
        }
        return units;
    }

    /**
     * Runs of this shape that fit: half the device's memory, its longest allocation for the longest array, and half the
     * JVM's heap (the group's arrays live on the host too).
     */
    static int fit(RunExecutor.Prepared p, Backend.DeviceMemory memory) {
        return fit(p, memory, Runtime.getRuntime().maxMemory());
    }

    static int fit(RunExecutor.Prepared p, Backend.DeviceMemory memory, long maxHeap) {
        MemoryEstimate m = MemoryEstimate.of(p.config().model(), p.config().maxRows());
        long run = Math.max(1, m.runBytes());
        long byMemory = memory.totalBytes() / 2 / run;
        long byAllocation = memory.maxAllocationBytes() / Math.max(1, 4 * m.largestArray());
        long byHeap = maxHeap / 2 / run;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.min(byHeap, Math.min(byMemory, byAllocation))));
    }

    /** One line for the log: how the runs were grouped. */
    static String describe(List<Unit> units, int runsPerDevice) {
        int alone = 0;
        List<Integer> sizes = new ArrayList<>();
        for (Unit u : units) {
            if (u.lockstep()) {
                sizes.add(u.runs().size());
            } else {
                alone++;
            }
        }
        return "runs per device program " + (runsPerDevice == AUTO ? "automatic (from device memory)" : runsPerDevice)
                + ": " + (sizes.isEmpty() ? "no lockstep groups" : sizes.size() + " lockstep group(s) of " + sizes)
                + ", " + alone + " run(s) alone";
    }
}
