package io.initlab.backend.tornado;

import io.initlab.backend.DeviceTools;
import io.initlab.backend.KernelCatalog;
import io.initlab.backend.KernelCatalog.Case;
import io.initlab.backend.KernelInfo;
import io.initlab.backend.tornado.TaskRecorder.Call;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;

/** The TornadoVM backend's device tools: listing devices, dumping generated kernels, timing kernels. */
public final class TornadoTools implements DeviceTools {

    public TornadoTools() {
        TornadoSetup.noBailout();
    }

    @Override
    public List<String> devices() {
        List<String> lines = TornadoSetup.deviceLines();
        if (lines.isEmpty()) {
            throw new IllegalStateException("TornadoVM sees no device (check its backend: tornado --devices)");
        }
        return lines;
    }

    /**
     * Compiles every kernel of {@link TornadoKernels} for the device, at the shapes of {@link KernelCatalog}
     * (TornadoVM specialises scalars, so sizes appear as constants), and writes each generated source to
     * {@code dir/<kernel>.<ext>}: OpenCL C (.cl), PTX (.ptx) or SPIR-V (.spv.txt), one file per kernel.
     */
    @Override
    public List<Path> dumpKernels(Path dir, String deviceSpec) {
        TornadoDevice device = TornadoSetup.device(deviceSpec);
        String printDir = System.getProperty("tornado.print.kernel.dir", "");
        if (!printDir.isEmpty()) {
            throw new IllegalArgumentException("-Dtornado.print.kernel.dir=" + printDir + " sends TornadoVM's kernel "
                    + "listing to that file; drop it to dump one file per kernel");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        String ext = extension(device);
        Map<String, Call> kernels = new LinkedHashMap<>();
        for (Case c : KernelCatalog.all(1)) {
            kernels.putIfAbsent(c.kernel().name(), TaskRecorder.call(c));
        }
        for (Call c : plumbing()) {
            kernels.putIfAbsent(c.kernel(), c);
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Call> e : kernels.entrySet()) {
            String source = generatedSource(device, e.getValue());
            Path file = dir.resolve(e.getKey() + ext);
            try {
                Files.writeString(file, source, StandardCharsets.UTF_8);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
            }
            written.add(file);
        }
        return written;
    }

    /** The engine's own kernels (hub allocation, staging copies), dumped too. */
    private static List<Call> plumbing() {
        float[][] f = new float[8][];
        int[][] i = new int[8][];
        for (int k = 0; k < 8; k++) {
            f[k] = new float[16];
            i[k] = new int[16];
        }
        List<Call> out = new ArrayList<>();
        out.add(new Call("touchFloats", f.clone(), f.clone(), 1, null,
                (tg, t) -> tg.task(t, TornadoKernels::touchFloats, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7])));
        out.add(new Call("touchInts", i.clone(), i.clone(), 1, null,
                (tg, t) -> tg.task(t, TornadoKernels::touchInts, i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7])));
        out.add(new Call("copyFloats", new Object[] {f[0], f[1], 16}, new Object[] {f[1]}, 16, null,
                (tg, t) -> tg.task(t, TornadoKernels::copyFloats, f[0], f[1], 16)));
        out.add(new Call("copyInts", new Object[] {i[0], i[1], 16}, new Object[] {i[1]}, 16, null,
                (tg, t) -> tg.task(t, TornadoKernels::copyInts, i[0], i[1], 16)));
        return out;
    }

    private static String extension(TornadoDevice device) {
        TornadoVMBackendType type = device.getTornadoVMBackend();
        return switch (type) {
            case PTX -> ".ptx";
            case SPIRV -> ".spv.txt";
            default -> ".cl";
        };
    }

    /** Compiles one call with TornadoVM's kernel printing on, capturing what it prints. */
    private static String generatedSource(TornadoDevice device, Call call) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Throwable failure = null;
        synchronized (System.class) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                TaskGraph g = new TaskGraph("dump_" + call.kernel());
                g.transferToDevice(DataTransferMode.FIRST_EXECUTION, arrays(call));
                call.adder().addTo(g, call.kernel());
                try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.snapshot())) {
                    plan.withDevice(device).withPrintKernel().withPreCompilation();
                }
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                failure = t;
            } finally {
                System.out.flush();
                System.setOut(stdout);
            }
        }
        if (failure != null) {
            throw new IllegalStateException("TornadoVM cannot compile kernel " + call.kernel() + ": "
                    + KernelDiagnosis.message(failure), failure);
        }
        String source = captured.toString(StandardCharsets.UTF_8).strip();
        if (source.isEmpty()) {
            throw new IllegalStateException("TornadoVM printed no source for kernel " + call.kernel()
                    + " (is -Dtornado.printKernel redirected?)");
        }
        return source + "\n";
    }

    private static Object[] arrays(Call call) {
        List<Object> out = new ArrayList<>();
        for (Object a : call.args()) {
            if (TornadoEngine.isArray(a) && out.stream().noneMatch(x -> x == a)) {
                out.add(a);
            }
        }
        return out.toArray();
    }

    /**
     * Times every kernel of {@link KernelCatalog} on the device: its arrays stay on the device, each launch is one
     * execute() of a one-task graph; the kernel time is TornadoVM's profiler's device time when it has one, else the
     * wall time of execute(). Median over {@code repeats} launches after one untimed (compiling) launch. Each GEMM
     * is timed again with each kernel of {@link TiledGemm} ("gemmNN tiled", "gemmNN 2-D blocks": the engine runs the
     * one {@link TiledGemm#choose} names), and the three GEMMs at 1024³ too (at most {@value #SQUARE_REPEATS} launches each: the
     * naive kernel takes seconds there).
     */
    @Override
    public List<KernelTiming> benchKernels(String deviceSpec, int repeats) {
        if (repeats <= 0) {
            throw new IllegalArgumentException("repeats must be > 0");
        }
        TornadoDevice device = TornadoSetup.device(deviceSpec);
        List<KernelTiming> out = new ArrayList<>();
        for (Case c : KernelCatalog.all(1)) {
            timeWithVariants(device, c, repeats, out);
        }
        Random random = new Random(1);
        for (KernelInfo k : KernelInfo.all()) {
            if (TiledGemm.isGemm(k.name()) && !k.name().endsWith("Runs")) {
                timeWithVariants(device, square(k, SQUARE, random), Math.min(repeats, SQUARE_REPEATS), out);
            }
        }
        return out;
    }

    /** The size of the square GEMMs {@code bench kernels} times, and their launches. */
    static final int SQUARE = 1024;
    static final int SQUARE_REPEATS = 3;

    /** The case's naive kernel and, for a GEMM, each {@link TiledGemm} variant at the same shape and arrays. */
    private static void timeWithVariants(TornadoDevice device, Case c, int repeats, List<KernelTiming> out) {
        Call naive = TaskRecorder.call(c);
        out.add(time(device, c, naive, naive.kernel(), repeats));
        if (TiledGemm.isGemm(naive.kernel())) {
            for (TiledGemm.Variant v : TiledGemm.variantsFor(naive.kernel())) {
                out.add(time(device, c, TiledGemm.runBy(naive, v), naive.kernel() + " " + v.label, repeats));
            }
        }
    }

    /** A GEMM of kernel k with m = n = k = size, Gaussian inputs. */
    static Case square(KernelInfo k, int size, Random random) {
        float[] a = new float[size * size];
        float[] b = new float[size * size];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = (float) random.nextGaussian();
        }
        Object[] args = {a, b, new float[size * size], size, size, size};
        String shape = size + "×" + size + "·" + size + "×" + size;
        return new Case(k, shape, args, k.flops(args), k.bytes(args));
    }

    /** Times the call (the case's kernel, or a fast path with its arguments) under the name {@code label}. */
    static KernelTiming time(TornadoDevice device, Case c, Call call, String label, int repeats) {
        String graph = "bench" + BENCH_GRAPHS.incrementAndGet();
        TaskGraph g = new TaskGraph(graph);
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, arrays(call));
        call.adder().addTo(g, call.kernel());
        ImmutableTaskGraph ig = g.snapshot();
        double[] ms = new double[repeats];
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(ig)) {
            TaskRecorder.withGrids(plan, graph, Map.of(call.kernel(), call));
            plan.withDevice(device).withProfiler(ProfilerMode.SILENT);
            try {
                plan.execute(); // compiles
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                throw new IllegalStateException("TornadoVM cannot run kernel " + label + ": "
                        + KernelDiagnosis.message(e), e);
            }
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                TornadoExecutionResult r = plan.execute();
                long wall = System.nanoTime() - t0;
                long kernel = r.getProfilerResult().getDeviceKernelTime();
                ms[i] = (kernel > 0 ? kernel : wall) / 1e6;
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("TornadoVM failed timing " + label + ": " + KernelDiagnosis.message(e), e);
        }
        Arrays.sort(ms);
        double median = repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
        double seconds = median / 1e3;
        double gflops = c.flops() > 0 ? c.flops() / seconds / 1e9 : Double.NaN;
        double gbs = c.bytes() / seconds / 1e9;
        return new KernelTiming(label, c.shape(), median, gflops, gbs);
    }

    private static final AtomicInteger BENCH_GRAPHS = new AtomicInteger();

    /** For logs: "0:0 opencl ... (CPU)". */
    static String describe(TornadoDevice device) {
        return String.format(Locale.ROOT, "%s %s", TornadoSetup.indices(device), TornadoSetup.describe(device));
    }
}
