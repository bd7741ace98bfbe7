package io.initlab.backend.tornado;

import io.initlab.backend.tornado.TaskRecorder.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;

/**
 * Turns a failure to build or run a phase's task graph into an error that names the kernel. TornadoVM's
 * own messages rarely do (a kernel calling Math.fma fails with "StringUTF16.newBytesLength cannot be
 * inlined"), so each task of the phase is compiled alone, in a throw-away graph, until one fails.
 */
final class KernelDiagnosis {
    private KernelDiagnosis() {}

    private static final AtomicInteger GRAPHS = new AtomicInteger();

    /** Names a task for the error message. */
    @FunctionalInterface
    interface TaskNamer {
        String name(int index, Call call);
    }

    static RuntimeException explain(TornadoDevice device, String phase, List<Call> calls, TaskNamer namer, Throwable cause) {
        for (int i = 0; i < calls.size(); i++) {
            Call c = calls.get(i);
            String task = namer.name(i, c);
            Throwable failure = compileAlone(device, c, task);
            if (failure != null) {
                return new IllegalStateException("TornadoVM cannot compile kernel " + c.kernel() + " (task " + task
                        + " of phase '" + phase + "'): " + message(failure), failure);
            }
        }
        return new IllegalStateException("TornadoVM failed to run phase '" + phase + "': " + message(cause), cause);
    }

    /** Compiles one recorded call alone on the device (copies of its arrays, nothing runs); the failure or null. */
    static Throwable compileAlone(TornadoDevice device, Call c, String task) {
        try {
            String name = "diag" + GRAPHS.incrementAndGet();
            TaskGraph g = new TaskGraph(name);
            List<Object> arrays = new ArrayList<>();
            for (Object a : c.args()) {
                if (TornadoEngine.isArray(a) && !arrays.contains(a)) {
                    arrays.add(a);
                }
            }
            g.transferToDevice(DataTransferMode.FIRST_EXECUTION, arrays.toArray());
            c.adder().addTo(g, task);
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.snapshot())) {
                TaskRecorder.withGrids(plan, name, Map.of(task, c));
                plan.withDevice(device).withPreCompilation();
            }
            return null;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return t;
        }
    }

    /** The exception's message and, when different, its root cause's, on one line. */
    static String message(Throwable t) {
        String top = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = top;
        if (r != t) {
            m += " (cause: " + r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + r.getMessage()) + ")";
        }
        m = m.replaceAll("\u001B\\[[0-9;]*m", "").replaceAll("\\s+", " ").trim();
        return m.length() > 600 ? m.substring(0, 600) + "…" : m;
    }
}
