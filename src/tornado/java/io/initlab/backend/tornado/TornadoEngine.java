package io.initlab.backend.tornado;

import io.initlab.backend.Engine;
import io.initlab.backend.Phase;
import io.initlab.backend.tornado.TaskRecorder.Call;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;

/**
 * Runs {@link Phase}s as TornadoVM task graphs: each phase is recorded once (per name) into a TaskGraph,
 * compiled on its first run and replayed with {@code execute()} afterwards. Phase inputs go to the device
 * and phase outputs come back on every run; every other array stays on the device, <em>one</em> buffer per
 * array shared by all the phases' graphs.
 *
 * <h2>How the graphs share device buffers (TornadoVM 5.2)</h2>
 * TornadoVM keeps device buffers per task graph; a graph can take over another graph's buffers with
 * {@code consumeFromDevice(sourceGraph, arrays)}, which copies the buffer references when the consumer runs
 * right after the source <em>in the same execution plan</em>. Phases appear one at a time (the trainer
 * creates them lazily), so the engine keeps a chain of small "hub" graphs that own the buffers:
 * <ul>
 * <li>a hub owns every array the engine has placed on the device: it consumes the previous hub's arrays
 *     and allocates the new ones (uploading their host values once, then never again);</li>
 * <li>a phase gets its own plan {@code [previous hub,] hub, phase}; on its first run the plan runs the hubs
 *     then the phase, whose graph consumes <em>all</em> the hub's arrays, so from then on it holds the same
 *     buffers and is replayed alone;</li>
 * <li>a hub only runs again when a later plan is built, and then TornadoVM re-syncs it from the graph that
 *     ran last in one of its plans, which by construction holds all its arrays with the same buffers.</li>
 * </ul>
 * A phase's pure inputs (read, not written, and not device-resident) get a buffer of their own in its graph,
 * uploaded every run. Everything else lives in the hubs, outputs included: outputs, and inputs that are
 * device-resident, are staged through a private host array and a copy kernel, so that no graph ever holds a
 * second buffer for a shared array and elements a kernel does not write keep their values (TornadoVM does not
 * upload an array a task only writes, and copies whole arrays back). The engine tracks, per shared array,
 * whether the host or the device has the newest values, which {@link #toHost} and {@link #toDevice} (an upload
 * graph per set of arrays) rely on.
 *
 * <p>Each recorded phase is checked on every run: its body is run again against a recorder and must issue the
 * same calls on the same arrays with the same scalars (TornadoVM specialises the kernels on the scalars).
 *
 * <h2>Several runs on one engine ({@link #reset})</h2>
 * TornadoVM binds a compiled graph to its arrays (it tells them apart by identity) and caches compiled code per
 * execution plan, so a run reuses the compiled phases only by running on the same arrays: {@link RunCache} keeps
 * an engine with a run's parts and hands both to the next run of the same shape, after {@link #reset} has put
 * every device-resident array back to the host values it was first uploaded with (kept for that), as a fresh
 * engine would start. A phase whose calls change from one run to the next (initialization: its seed and laws
 * are scalars) would compile again every run; after a reset its first run with other calls runs on the host
 * instead, with the kernel bodies (what the device kernels reproduce bit for bit), and what it writes goes up
 * before the next phase that uses it.
 *
 * <p>Not thread-safe: one engine per training run, used from one thread.
 */
public final class TornadoEngine implements Engine, AutoCloseable {

    private static final AtomicInteger ENGINES = new AtomicInteger();
    /** The kernel bodies, run on the host (phases whose calls change from run to run, see {@link #reset}). */
    private static final io.initlab.backend.Ops BODIES = new io.initlab.backend.Ops() {};
    /** Wall time of every first run in this process (hubs, phase graphs, upload graphs): compiling, mostly. */
    private static final java.util.concurrent.atomic.AtomicLong FIRST_RUN_NANOS = new java.util.concurrent.atomic.AtomicLong();
    private static final AtomicInteger GRAPHS_COMPILED = new AtomicInteger();
    /** Arrays per touch task: the hub's kernels that make it allocate its arrays. */
    private static final int TOUCH_WIDTH = 8;
    /** Arrays per upload graph (see {@link #upload}). */
    private static final int UPLOAD_WIDTH = 8;

    /** Where the newest values of a device-resident array are. */
    enum Where { SYNCED, HOST_NEWER, DEVICE_NEWER }

    /** A hub: the graph owning the device buffers of {@code arrays}. */
    private record Hub(String name, ImmutableTaskGraph graph, List<Object> arrays) {}

    /** Per-phase timings of execute(). */
    public record PhaseStats(String phase, int tasks, long runs, double firstRunMillis, double meanMillis,
                             double minMillis) {
        /** A phase run once has no replays to time: its line stops after the first run (no "NaN ms/execute"). */
        @Override
        public String toString() {
            String first = String.format(Locale.ROOT, "%s: %d tasks, %d run%s, first %.1f ms (compiles)", phase, tasks, runs,
                    runs == 1 ? "" : "s", firstRunMillis);
            return runs > 1 ? first + String.format(Locale.ROOT, ", then %.3f ms/execute (min %.3f)", meanMillis, minMillis)
                    : first;
        }
    }

    /** A recorded phase and its plan. */
    private static final class Recorded {
        final String phase;
        final List<Call> calls;
        final int tasks;
        TornadoExecutionPlan plan;
        int index;
        /** Device-resident arrays this phase's kernels use (all consumed from the hub). */
        final List<Object> resident = new ArrayList<>();
        /** Device-resident arrays its kernels write. */
        final List<Object> residentWritten = new ArrayList<>();
        /** Input / output arrays that are device-resident: staged through {@link #stageOf}. */
        final List<Object> stagedIn = new ArrayList<>();
        final List<Object> stagedOut = new ArrayList<>();
        /** Inputs with a buffer of their own in this graph (not shared), uploaded every run. */
        final List<Object> localIo = new ArrayList<>();
        long runs;
        long replayNanos;
        long minNanos = Long.MAX_VALUE;
        long firstNanos;

        Recorded(String phase, List<Call> calls) {
            this.phase = phase;
            this.calls = calls;
            this.tasks = (int) calls.stream().filter(c -> c.work() > 0).count();
        }
    }

    /** An upload graph: copies staged host values into device-resident arrays. */
    private record Upload(TornadoExecutionPlan plan, int index, List<Object> arrays) {}

    private final TornadoDevice device;
    private final String prefix;
    private final Map<String, Recorded> phases = new HashMap<>();
    private final List<Recorded> order = new ArrayList<>();
    /** Device-resident arrays (identity) and where their newest values are. */
    private final IdentityHashMap<Object, Where> resident = new IdentityHashMap<>();
    private final IdentityHashMap<Object, Object> stages = new IdentityHashMap<>();
    private final Map<IdentityList, Upload> uploads = new HashMap<>();
    private final List<TornadoExecutionPlan> plans = new ArrayList<>();
    /** The host values each resident array was first uploaded with: what {@link #reset} restores. */
    private final IdentityHashMap<Object, Object> initial = new IdentityHashMap<>();
    /** Phases run since the last {@link #reset}; null before the first. */
    private Set<String> sinceReset;
    private long hostRuns;
    private Hub hub;
    /** A result of the newest plan whose selected graph holds every resident array: reads go through it. */
    private TornadoExecutionResult reader;
    private int graphs;
    private boolean closed;

    public TornadoEngine(TornadoDevice device) {
        TornadoSetup.noBailout();
        this.device = device;
        this.prefix = "e" + ENGINES.incrementAndGet();
    }

    public TornadoDevice device() {
        return device;
    }

    // --- Engine ---

    @Override
    public void run(Phase phase) {
        ensureOpen();
        Recorded r = phases.get(phase.name());
        TaskRecorder rec = new TaskRecorder(r == null);
        phase.body().accept(rec.ops());
        boolean firstSinceReset = sinceReset != null && sinceReset.add(phase.name());
        if (r == null) {
            r = create(phase, rec.calls());
            phases.put(phase.name(), r);
            order.add(r);
        } else if (firstSinceReset && differs(r.calls, rec.calls()) >= 0) {
            runOnHost(phase, rec.calls()); // a new run's initialization: another seed or law
        } else {
            verify(r, rec.calls());
            execute(r);
        }
    }

    /**
     * Makes this engine as a fresh one for a new run on the same arrays: every device-resident array gets the host
     * values it was first uploaded with, on the host and on the device (one upload graph, compiled at the first
     * reset). Recorded phases stay compiled.
     */
    public void reset() {
        ensureOpen();
        if (hub == null) {
            sinceReset = new java.util.HashSet<>();
            return;
        }
        for (Object a : hub.arrays()) {
            System.arraycopy(initial.get(a), 0, a, 0, length(a));
        }
        upload(hub.arrays());
        sinceReset = new java.util.HashSet<>();
    }

    /** Runs the phase's calls with the kernel bodies on the host; what they write is pushed before its next use. */
    private void runOnHost(Phase phase, List<Call> calls) {
        List<Object> arrays = new ArrayList<>();
        for (Call c : calls) {
            for (Object a : c.args()) {
                if (isArray(a) && !containsIdentity(arrays, a)) {
                    arrays.add(a);
                }
            }
        }
        toHost(arrays.toArray());
        phase.body().accept(BODIES);
        for (Call c : calls) {
            for (Object w : c.writes()) {
                if (resident.containsKey(w)) {
                    resident.put(w, Where.HOST_NEWER);
                }
            }
        }
        hostRuns++;
    }

    /** Phases run on the host since this engine was made (see {@link #reset}). */
    public long hostRuns() {
        return hostRuns;
    }

    /** Graphs compiled in this process, all engines together. */
    static int graphsCompiled() {
        return GRAPHS_COMPILED.get();
    }

    /** For logs: graphs compiled and the wall time of their first runs in this process, all engines together. */
    public static String processSummary() {
        return String.format(Locale.ROOT, "%d graphs compiled in this process, %.1f s in their first runs (compiling, mostly)",
                GRAPHS_COMPILED.get(), FIRST_RUN_NANOS.get() / 1e9);
    }

    @Override
    public void toHost(Object... arrays) {
        ensureOpen();
        List<Object> pull = new ArrayList<>();
        for (Object a : arrays) {
            if (resident.get(a) == Where.DEVICE_NEWER && !containsIdentity(pull, a)) {
                pull.add(a);
            }
        }
        if (!pull.isEmpty()) {
            reader.transferToHost(pull.toArray());
            for (Object a : pull) {
                resident.put(a, Where.SYNCED);
            }
        }
    }

    @Override
    public void toDevice(Object... arrays) {
        ensureOpen();
        List<Object> push = new ArrayList<>();
        for (Object a : arrays) {
            if (resident.containsKey(a) && !containsIdentity(push, a)) {
                push.add(a);
            }
        }
        if (!push.isEmpty()) {
            upload(push);
        }
    }

    /** Timings per phase, in the order the phases were first run. */
    public List<PhaseStats> stats() {
        List<PhaseStats> out = new ArrayList<>();
        for (Recorded r : order) {
            double mean = r.runs > 1 ? r.replayNanos / 1e6 / (r.runs - 1) : Double.NaN;
            double min = r.runs > 1 ? r.minNanos / 1e6 : Double.NaN;
            out.add(new PhaseStats(r.phase, r.tasks, r.runs, r.firstNanos / 1e6, mean, min));
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (TornadoExecutionPlan p : plans) {
            try {
                p.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("closing a TornadoVM execution plan: " + e.getMessage(), e);
                }
            }
        }
        plans.clear();
        if (first != null) {
            throw first;
        }
    }

    // --- recording a phase ---

    private Recorded create(Phase phase, List<Call> calls) {
        Recorded r = new Recorded(phase.name(), calls);
        // the calls as the device runs them: GEMMs by a TiledGemm kernel where one wins (same arguments, same bits)
        List<Call> work = calls.stream().filter(c -> c.work() > 0).map(TiledGemm::fastest).toList();

        // the arrays it uses, in order, and what it reads first / writes
        List<Object> used = new ArrayList<>();
        IdentityHashMap<Object, Boolean> written = new IdentityHashMap<>();
        for (Call c : work) {
            for (Object a : c.args()) {
                if (isArray(a) && !containsIdentity(used, a)) {
                    used.add(a);
                }
            }
            for (Object w : c.writes()) {
                written.put(w, Boolean.TRUE);
            }
        }
        Set<Object> inputs = identitySet(phase.inputs());
        Set<Object> outputs = identitySet(phase.outputs());
        for (Object a : phase.inputs()) {
            if (written.containsKey(a)) {
                outputs.add(a); // an input the kernels change: the host gets it back, as with the JVM backend
            }
        }
        // pure inputs get a buffer of their own in this graph, uploaded every run; every other array lives in the
        // hub: outputs too (staged out through a copy kernel), so that the elements a kernel does not write keep their
        // values (TornadoVM neither uploads nor keeps an array a task only writes)
        List<Object> fresh = new ArrayList<>();
        for (Object a : used) {
            if (length(a) > 0 && !resident.containsKey(a) && !isLocalInput(a, inputs, outputs)) {
                fresh.add(a);
            }
        }

        String graphName = prefix + "_g" + (++graphs) + "_" + sanitize(phase.name());
        List<ImmutableTaskGraph> planGraphs = new ArrayList<>();
        Hub previous = hub;
        Hub next = hub;
        try {
            if (!fresh.isEmpty()) {
                next = newHub(previous, fresh);
                if (previous != null) {
                    planGraphs.add(previous.graph());
                }
                planGraphs.add(next.graph());
            } else if (previous != null) {
                planGraphs.add(previous.graph());
            }
            Set<Object> hubSet = next == null ? Collections.newSetFromMap(new IdentityHashMap<>()) : identitySet(next.arrays().toArray());

            TaskGraph g = new TaskGraph(graphName);
            if (next != null) {
                g.consumeFromDevice(next.name(), next.arrays().toArray());
            }
            for (Object a : used) {
                if (length(a) == 0) {
                    continue; // nothing to place anywhere
                }
                if (!hubSet.contains(a)) {
                    r.localIo.add(a); // a pure input (see isLocalInput)
                    continue;
                }
                r.resident.add(a);
                if (written.containsKey(a)) {
                    r.residentWritten.add(a);
                }
                if (inputs.contains(a)) {
                    r.stagedIn.add(a);
                }
                if (outputs.contains(a)) {
                    r.stagedOut.add(a);
                }
            }
            if (!r.localIo.isEmpty()) {
                g.transferToDevice(DataTransferMode.EVERY_EXECUTION, r.localIo.toArray());
            }
            List<Object> stagesIn = r.stagedIn.stream().map(this::stageOf).toList();
            if (!stagesIn.isEmpty()) {
                g.transferToDevice(DataTransferMode.EVERY_EXECUTION, stagesIn.toArray());
            }
            int s = 0;
            for (Object a : r.stagedIn) {
                addCopy(g, "stageIn" + (s++), stageOf(a), a);
            }
            int t = 0;
            Map<String, Call> tasks = new LinkedHashMap<>();
            for (Call c : work) {
                String task = taskName(t++, c);
                c.adder().addTo(g, task);
                tasks.put(task, c);
            }
            s = 0;
            for (Object a : r.stagedOut) {
                addCopy(g, "stageOut" + (s++), a, stageOf(a));
            }
            List<Object> stagesOut = r.stagedOut.stream().map(this::stageOf).toList();
            if (!stagesOut.isEmpty()) {
                g.transferToHost(DataTransferMode.EVERY_EXECUTION, stagesOut.toArray());
            }
            // resident arrays are only consumed here, never listed in a transfer: their buffers belong to the hub that
            // allocated them, and closing a plan frees the buffers of the arrays its graphs list (once per buffer)
            if (work.isEmpty() && r.stagedIn.isEmpty() && r.stagedOut.isEmpty()) {
                // nothing to run (e.g. an init phase whose tensors are all built on the host)
                r.plan = null;
                r.runs = 1;
                commitHub(next, fresh);
                return r;
            }
            List<Object> inGraph = new ArrayList<>(next == null ? List.of() : next.arrays());
            inGraph.addAll(r.localIo);
            inGraph.addAll(stagesIn);
            inGraph.addAll(stagesOut);
            checkDistinctHashes(inGraph, phase.name());
            planGraphs.add(g.snapshot());
            TornadoExecutionPlan plan = new TornadoExecutionPlan(planGraphs.toArray(new ImmutableTaskGraph[0]));
            plans.add(plan);
            plan.withDevice(device);
            TaskRecorder.withGrids(plan, graphName, tasks);
            r.plan = plan;
            r.index = planGraphs.size() - 1;
            long hubs0 = System.nanoTime();
            for (int i = 0; i < r.index; i++) {
                plan.withGraph(i).execute(); // the hubs: allocate (first time only), hand their buffers on
            }
            FIRST_RUN_NANOS.addAndGet(System.nanoTime() - hubs0);
            commitHub(next, fresh);
            pushHostNewer(r);
            copyIn(r);
            long t0 = System.nanoTime();
            TornadoExecutionResult result = plan.withGraph(r.index).execute();
            r.firstNanos = System.nanoTime() - t0;
            FIRST_RUN_NANOS.addAndGet(r.firstNanos);
            GRAPHS_COMPILED.incrementAndGet();
            r.runs = 1;
            copyOut(r);
            afterRun(r);
            if (next != null) {
                reader = result; // this graph holds every resident array (it consumes the newest hub)
            }
            return r;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError || e instanceof IllegalStateException && e.getMessage() != null
                    && e.getMessage().startsWith("TornadoVM cannot compile")) {
                throw e;
            }
            throw KernelDiagnosis.explain(device, phase.name(), work, this::taskName, e);
        }
    }

    /** An input the phase's kernels only read, not device-resident yet: gets its own buffer in the phase's graph. */
    private boolean isLocalInput(Object a, Set<Object> inputs, Set<Object> outputs) {
        return inputs.contains(a) && !outputs.contains(a) && !resident.containsKey(a);
    }

    private void commitHub(Hub next, List<Object> fresh) {
        if (next != hub) {
            hub = next;
            for (Object a : fresh) {
                resident.put(a, Where.SYNCED); // the hub uploaded the host values on its first run
                initial.put(a, a instanceof float[] f ? f.clone() : ((int[]) a).clone());
            }
        }
    }

    private Hub newHub(Hub previous, List<Object> fresh) {
        String name = prefix + "_hub" + (++graphs);
        List<Object> all = new ArrayList<>();
        TaskGraph g = new TaskGraph(name);
        if (previous != null) {
            all.addAll(previous.arrays());
            g.consumeFromDevice(previous.name(), previous.arrays().toArray());
        }
        all.addAll(fresh);
        List<Object> pads = new ArrayList<>();
        List<float[]> floats = new ArrayList<>();
        List<int[]> ints = new ArrayList<>();
        for (Object a : fresh) {
            if (a instanceof float[] f) {
                floats.add(f);
            } else {
                ints.add((int[]) a);
            }
        }
        List<TaskRecorder.TaskAdder> touches = new ArrayList<>();
        for (int i = 0; i < floats.size(); i += TOUCH_WIDTH) {
            float[][] p = new float[TOUCH_WIDTH][];
            for (int j = 0; j < TOUCH_WIDTH; j++) {
                // pad with private one-element arrays: TornadoVM 5.2 never finishes scheduling a task that gets
                // the same array twice as read-write arguments
                p[j] = i + j < floats.size() ? floats.get(i + j) : new float[1];
                if (i + j >= floats.size()) {
                    pads.add(p[j]);
                }
            }
            touches.add((gr, id) -> gr.task(id, TornadoKernels::touchFloats, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]));
        }
        for (int i = 0; i < ints.size(); i += TOUCH_WIDTH) {
            int[][] p = new int[TOUCH_WIDTH][];
            for (int j = 0; j < TOUCH_WIDTH; j++) {
                p[j] = i + j < ints.size() ? ints.get(i + j) : new int[1];
                if (i + j >= ints.size()) {
                    pads.add(p[j]);
                }
            }
            touches.add((gr, id) -> gr.task(id, TornadoKernels::touchInts, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]));
        }
        List<Object> upload = new ArrayList<>(fresh);
        upload.addAll(pads); // every task argument must be declared
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, upload.toArray());
        for (int k = 0; k < touches.size(); k++) {
            touches.get(k).addTo(g, "touch" + k);
        }
        g.persistOnDevice(fresh.toArray()); // its own arrays only (the consumed ones belong to older hubs)
        return new Hub(name, g.snapshot(), List.copyOf(all));
    }

    private static void addCopy(TaskGraph g, String task, Object from, Object to) {
        if (from instanceof float[] f) {
            float[] d = (float[]) to;
            g.task(task, TornadoKernels::copyFloats, f, d, f.length);
        } else {
            int[] i = (int[]) from;
            int[] d = (int[]) to;
            g.task(task, TornadoKernels::copyInts, i, d, i.length);
        }
    }

    String taskName(int index, Call c) {
        String caller = c.caller() == null ? "" : sanitize(c.caller()) + "_";
        return String.format(Locale.ROOT, "t%02d_%s%s", index, caller, c.kernel());
    }

    private static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9]+", "_");
    }

    // --- replaying ---

    /** The first call where two recordings differ, or -1 when they are the same. */
    private static int differs(List<Call> then, List<Call> now) {
        int n = Math.max(then.size(), now.size());
        for (int i = 0; i < n; i++) {
            if (i >= then.size() || i >= now.size() || !then.get(i).sameAs(now.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private void verify(Recorded r, List<Call> now) {
        List<Call> then = r.calls;
        int i = differs(then, now);
        if (i >= 0) {
            Call a = i < then.size() ? then.get(i) : null;
            Call b = i < now.size() ? now.get(i) : null;
            throw new IllegalStateException("phase '" + r.phase + "' issued other calls than when it was recorded "
                    + "(call " + i + ": recorded " + (a == null ? "nothing" : a.describe()) + ", now "
                    + (b == null ? "nothing" : b.describe()) + "); a phase of one name must always issue the same "
                    + "calls on the same arrays with the same scalars");
        }
    }

    private void execute(Recorded r) {
        if (r.plan == null) {
            r.runs++;
            return;
        }
        pushHostNewer(r);
        copyIn(r);
        long t0 = System.nanoTime();
        r.plan.withGraph(r.index).execute();
        long dt = System.nanoTime() - t0;
        r.runs++;
        r.replayNanos += dt;
        r.minNanos = Math.min(r.minNanos, dt);
        copyOut(r);
        afterRun(r);
    }

    /** Device-resident arrays this phase uses whose newest values are on the host go up first. */
    private void pushHostNewer(Recorded r) {
        List<Object> push = null;
        for (Object a : r.resident) {
            if (resident.get(a) == Where.HOST_NEWER && !containsIdentity(r.stagedIn, a)) {
                if (push == null) {
                    push = new ArrayList<>();
                }
                push.add(a);
            }
        }
        if (push != null) {
            upload(push);
        }
    }

    private void copyIn(Recorded r) {
        for (Object a : r.stagedIn) {
            System.arraycopy(a, 0, stageOf(a), 0, length(a));
        }
    }

    private void copyOut(Recorded r) {
        for (Object a : r.stagedOut) {
            System.arraycopy(stageOf(a), 0, a, 0, length(a));
        }
    }

    private void afterRun(Recorded r) {
        for (Object a : r.stagedIn) {
            resident.put(a, Where.SYNCED);
        }
        for (Object a : r.residentWritten) {
            resident.put(a, Where.DEVICE_NEWER);
        }
        for (Object a : r.stagedOut) {
            resident.put(a, Where.SYNCED);
        }
        for (Object a : r.localIo) {
            if (resident.containsKey(a)) {
                resident.put(a, Where.HOST_NEWER); // resident since this phase was recorded: its own buffer is private
            }
        }
    }

    // --- explicit transfers ---

    private Object stageOf(Object a) {
        return stages.computeIfAbsent(a, x -> x instanceof float[] f ? new float[f.length] : new int[((int[]) x).length]);
    }

    /**
     * Copies the host values of resident arrays into their device buffers, with an upload graph per set of at most
     * {@link #UPLOAD_WIDTH} arrays (TornadoVM 5.2 keeps a graph's bytecode in 4 KiB: a graph copying every array of
     * a network overflows it).
     */
    private void upload(List<Object> arrays) {
        if (arrays.size() > UPLOAD_WIDTH) {
            for (int i = 0; i < arrays.size(); i += UPLOAD_WIDTH) {
                upload(arrays.subList(i, Math.min(arrays.size(), i + UPLOAD_WIDTH)));
            }
            return;
        }
        IdentityList key = new IdentityList(List.copyOf(arrays));
        Upload u = uploads.get(key);
        for (Object a : arrays) {
            System.arraycopy(a, 0, stageOf(a), 0, length(a));
        }
        if (u == null) {
            String name = prefix + "_up" + (++graphs);
            TaskGraph g = new TaskGraph(name);
            g.consumeFromDevice(hub.name(), hub.arrays().toArray());
            List<Object> st = arrays.stream().map(this::stageOf).toList();
            g.transferToDevice(DataTransferMode.EVERY_EXECUTION, st.toArray());
            for (int i = 0; i < arrays.size(); i++) {
                addCopy(g, "up" + i, stageOf(arrays.get(i)), arrays.get(i));
            }
            TornadoExecutionPlan plan = new TornadoExecutionPlan(hub.graph(), g.snapshot());
            plans.add(plan);
            plan.withDevice(device);
            long t0 = System.nanoTime();
            plan.withGraph(0).execute();
            reader = plan.withGraph(1).execute();
            FIRST_RUN_NANOS.addAndGet(System.nanoTime() - t0);
            GRAPHS_COMPILED.incrementAndGet();
            u = new Upload(plan, 1, List.copyOf(arrays));
            uploads.put(key, u);
        } else {
            u.plan().withGraph(u.index()).execute();
        }
        for (Object a : arrays) {
            resident.put(a, Where.SYNCED);
        }
    }

    // --- helpers ---

    /**
     * TornadoVM 5.2 tells a graph's arrays apart by hashCode (the identity hash for arrays): two arrays with the same
     * hash would share a buffer. Such a collision is very unlikely (31-bit hashes) but would corrupt silently.
     */
    private static void checkDistinctHashes(List<Object> arrays, String phase) {
        Map<Integer, Object> seen = new HashMap<>();
        for (Object a : arrays) {
            Object other = seen.putIfAbsent(System.identityHashCode(a), a);
            if (other != null && other != a) {
                throw new IllegalStateException("two arrays of phase '" + phase + "' have the same identity hash code, "
                        + "which TornadoVM 5.2 would confuse; run again (hash codes differ from run to run)");
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TornadoVM engine is closed");
        }
    }

    static boolean isArray(Object a) {
        return a instanceof float[] || a instanceof int[];
    }

    static int length(Object a) {
        return a instanceof float[] f ? f.length : ((int[]) a).length;
    }

    private static boolean containsIdentity(List<Object> list, Object a) {
        for (Object x : list) {
            if (x == a) {
                return true;
            }
        }
        return false;
    }

    private static Set<Object> identitySet(Object[] arrays) {
        Set<Object> s = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object a : arrays) {
            if (isArray(a)) {
                s.add(a);
            }
        }
        return s;
    }

    /** A list compared by element identity (upload cache key). */
    private record IdentityList(List<Object> items) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof IdentityList other) || other.items.size() != items.size()) {
                return false;
            }
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) != other.items.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (Object x : items) {
                h = 31 * h + System.identityHashCode(x);
            }
            return h;
        }
    }
}
