package io.initlab.backend.tornado;

import io.initlab.backend.KernelCatalog;
import io.initlab.backend.KernelInfo;
import io.initlab.backend.LockstepOps;
import io.initlab.backend.Ops;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.WorkerGrid;

/**
 * An {@link Ops} that computes nothing: each call becomes a {@link Call} naming the {@link TornadoKernels}
 * wrapper of the same name to run with the same arrays and scalars, which {@link TornadoEngine} turns into a
 * task of a TaskGraph. Generic: the Ops is a {@link Proxy}, what a call writes and its parallel work come
 * from the method's {@code @Kernel} annotation ({@link KernelInfo}), and the task is added the way javac
 * compiles {@code graph.task(id, TornadoKernels::name, args...)}: a TornadoVM {@code TaskN} function made by
 * {@link LambdaMetafactory} from the wrapper, passed to TaskGraph's {@code task} of that arity.
 */
final class TaskRecorder implements InvocationHandler {

    /** Adds the recorded call to a task graph under a task name. */
    @FunctionalInterface
    interface TaskAdder {
        void addTo(TaskGraph graph, String taskName);

        /**
         * The launch geometry of the task, for kernels that need one (TornadoVM's KernelContext kernels: {@link
         * TiledGemm}); null for {@code @Parallel} loops, whose geometry TornadoVM derives.
         */
        default WorkerGrid grid() {
            return null;
        }
    }

    /**
     * Gives the plan the launch geometry of those of these tasks of graph {@code graphName} (task name → call) that
     * need one; call before the plan's first run. Plans whose tasks need none are left alone.
     */
    static void withGrids(TornadoExecutionPlan plan, String graphName, Map<String, Call> tasks) {
        GridScheduler grids = null;
        for (Map.Entry<String, Call> e : tasks.entrySet()) {
            WorkerGrid grid = e.getValue().adder().grid();
            if (grid != null) {
                if (grids == null) {
                    grids = new GridScheduler();
                }
                grids.addWorkerGrid(graphName + "." + e.getKey(), grid);
            }
        }
        if (grids != null) {
            plan.withGridScheduler(grids);
        }
    }

    /**
     * One recorded call.
     *
     * @param kernel  the {@link TornadoKernels} method (= the {@link Ops} method) it runs
     * @param args    the call's arguments, arrays and boxed scalars, for comparing recordings
     * @param writes  arrays the kernel writes
     * @param work    iterations of its parallel loop; 0 = nothing to run (no task is made)
     * @param caller  "Class.method" of the model code that issued it (task names), or null
     */
    record Call(String kernel, Object[] args, Object[] writes, long work, String caller, TaskAdder adder) {

        boolean sameAs(Call o) {
            if (!kernel.equals(o.kernel) || args.length != o.args.length) {
                return false;
            }
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                Object b = o.args[i];
                boolean same = (a instanceof float[] || a instanceof int[]) ? a == b : a.equals(b);
                if (!same) {
                    return false;
                }
            }
            return true;
        }

        /** The same call run by another kernel of the same arguments and results (a device fast path). */
        Call runBy(TaskAdder other) {
            return new Call(kernel, args, writes, work, caller, other);
        }

        String describe() {
            StringBuilder s = new StringBuilder(kernel).append('(');
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (i > 0) {
                    s.append(", ");
                }
                if (a instanceof float[] f) {
                    s.append("float[").append(f.length).append("]@").append(Integer.toHexString(System.identityHashCode(f)));
                } else if (a instanceof int[] n) {
                    s.append("int[").append(n.length).append("]@").append(Integer.toHexString(System.identityHashCode(n)));
                } else {
                    s.append(a);
                }
            }
            return s.append(')').toString();
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final boolean withCallers;
    private final Ops ops;

    /** @param withCallers look up the calling model method of each call (first recording only: it walks the stack) */
    TaskRecorder(boolean withCallers) {
        this.withCallers = withCallers;
        this.ops = (Ops) Proxy.newProxyInstance(Ops.class.getClassLoader(), new Class<?>[] {Ops.class}, this);
    }

    /** The Ops whose calls this records. */
    Ops ops() {
        return ops;
    }

    /** The recorder behind an Ops of {@link #ops()}. */
    static TaskRecorder of(Ops ops) {
        return (TaskRecorder) Proxy.getInvocationHandler(ops);
    }

    List<Call> calls() {
        return calls;
    }

    /** The last recorded call. */
    Call last() {
        return calls.get(calls.size() - 1);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "TaskRecorder(" + calls.size() + " calls)";
            };
        }
        calls.add(call(KernelInfo.of(method), args.clone(), withCallers ? caller() : null));
        return null;
    }

    /** A call of a kernel outside {@link Ops} (tests: a deliberately uncompilable kernel). */
    void custom(String kernel, Object[] args, Object[] writes, long work, TaskAdder adder) {
        calls.add(new Call(kernel, args, writes, work, withCallers ? caller() : null, adder));
    }

    /** The call of an Ops kernel with these arguments (not copied: the arrays are the call's). */
    static Call call(KernelInfo k, Object[] args, String caller) {
        Task task = TASKS.computeIfAbsent(k.name(), Task::of);
        return new Call(k.name(), args, k.writes(args), k.work(args), caller, (g, t) -> task.addTo(g, t, args));
    }

    /** A catalog case as a call. */
    static Call call(KernelCatalog.Case c) {
        return call(c.kernel(), c.args(), null);
    }

    /**
     * The first stack frame after the proxy's, past {@link LockstepOps} (which only maps calls onto R runs): the layer
     * (or other model code) that issued the call.
     */
    private static String caller() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .dropWhile(f -> !Proxy.isProxyClass(f.getDeclaringClass()))
                .skip(1)
                .dropWhile(f -> f.getDeclaringClass() == LockstepOps.class)
                .findFirst()
                .map(f -> {
                    String c = f.getClassName();
                    return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName();
                })
                .orElse("?"));
    }

    // --- TaskGraph.task(id, TornadoKernels::name, args...) by reflection ---

    private static final Map<String, Task> TASKS = new ConcurrentHashMap<>();

    /**
     * A TornadoKernels wrapper as TornadoVM takes it: {@code function} implements {@code TaskN} by calling the
     * wrapper (what the method reference compiles to; TornadoVM finds the wrapper in its bytecode), and
     * {@code taskMethod} is TaskGraph's {@code task(String, TaskN, T1..TN)}.
     */
    private record Task(Object function, Method taskMethod) {

        static Task of(String kernel) {
            Method wrapper = wrapper(kernel);
            int n = wrapper.getParameterCount();
            Method task = taskMethod(n, kernel);
            Class<?> functionType = task.getParameterTypes()[1];
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                MethodHandle impl = lookup.unreflect(wrapper);
                CallSite site = LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(functionType),
                        MethodType.genericMethodType(n).changeReturnType(void.class), impl,
                        impl.type().wrap().changeReturnType(void.class));
                return new Task(site.getTarget().invoke(), task);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot make a TornadoVM task of TornadoKernels." + kernel + ": " + e, e);
            }
        }

        void addTo(TaskGraph graph, String id, Object[] args) {
            Object[] all = new Object[args.length + 2];
            all[0] = id;
            all[1] = function;
            System.arraycopy(args, 0, all, 2, args.length);
            try {
                taskMethod.invoke(graph, all);
            } catch (InvocationTargetException e) {
                Throwable c = e.getCause();
                throw c instanceof RuntimeException r ? r : new IllegalStateException(c.toString(), c);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        /** TornadoKernels' public static method of this name (one per name: the Ops method's twin). */
        private static Method wrapper(String kernel) {
            Method found = null;
            for (Method m : TornadoKernels.class.getMethods()) {
                if (m.getName().equals(kernel) && Modifier.isStatic(m.getModifiers())) {
                    if (found != null) {
                        throw new IllegalStateException("TornadoKernels has two methods named " + kernel);
                    }
                    found = m;
                }
            }
            if (found == null) {
                throw new IllegalStateException("TornadoKernels has no wrapper " + kernel + " for Ops." + kernel);
            }
            return found;
        }

        /** TaskGraph.task(String id, TaskN code, T1 arg1, ..., TN argN). */
        private static Method taskMethod(int n, String kernel) {
            for (Method m : TaskGraph.class.getMethods()) {
                Class<?>[] p = m.getParameterTypes();
                if (m.getName().equals("task") && !m.isBridge() && p.length == n + 2 && p[0] == String.class
                        && p[1].isInterface()) {
                    return m;
                }
            }
            throw new IllegalStateException("TaskGraph has no task method for " + n + " arguments (TornadoKernels."
                    + kernel + ")");
        }
    }
}
