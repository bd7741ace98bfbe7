package io.initlab.backend.tornado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.backend.DeviceTools;
import io.initlab.backend.KernelCatalog;
import io.initlab.backend.Phase;
import io.initlab.kernels.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/**
 * The engine's contract on small phases: device-resident arrays are shared by every phase's graph, inputs
 * go up and outputs come back each run, toHost/toDevice move the rest; recorded phases are replayed, not
 * recompiled; broken kernels and broken phases are errors with names.
 */
@Tag("tornado")
class EngineTest {

    static TornadoDevice device() {
        TornadoSetup.noBailout();
        return TornadoSetup.device(System.getProperty("initlab.tornado.device"));
    }

    static Phase phase(String name, java.util.function.Consumer<io.initlab.backend.Ops> body, Object[] in, Object[] out) {
        return new Phase(name, body, in, out);
    }

    @Test
    void bailoutIsOff() {
        device();
        assertThat(TornadoSetup.recoverBailout()).isFalse();
    }

    /**
     * Graph "write" fills w on the device; graph "read" (recorded later, with a hub of its own) multiplies it
     * into an output; graph "update" adds to w in place. Nothing but the outputs is transferred, so the reads
     * only see the writes if all graphs share w's device buffer.
     */
    @Test
    void phasesShareDeviceResidentArrays() {
        int n = 1000;
        float[] w = new float[n];
        float[] ones = new float[n];
        float[] out = new float[n];
        float[] hp = {1f, 0f}; // SGD lr 1, momentum 0: w -= g
        float[] g = new float[n];
        float[] v = new float[n];
        Arrays.fill(ones, 1f);
        try (TornadoEngine e = new TornadoEngine(device())) {
            Phase write = phase("write", ops -> ops.fill(w, n, 3f), new Object[0], new Object[0]);
            Phase read = phase("read", ops -> ops.multiply(w, ones, out, n), new Object[] {ones}, new Object[] {out});
            Phase update = phase("update", ops -> {
                ops.fill(g, n, -2f);
                ops.sgd(w, g, v, n, hp);
            }, new Object[] {hp}, new Object[0]);
            e.run(write);
            assertThat(w[0]).as("w stays on the device: the host copy is untouched").isEqualTo(0f);
            e.run(read);
            assertThat(out).containsOnly(3f);
            e.run(update); // w = 3 + 2
            e.run(read);
            assertThat(out).containsOnly(5f);
            e.run(update);
            e.run(update); // w = 9
            e.run(read);
            assertThat(out).containsOnly(9f);
            assertThat(w[0]).isEqualTo(0f);
            e.toHost(w);
            assertThat(w).containsOnly(9f);
            // the host changes w and pushes it
            Arrays.fill(w, -1f);
            e.toDevice(w);
            e.run(read);
            assertThat(out).containsOnly(-1f);
            e.run(write); // back to 3, seen by a phase recorded before write's second run
            e.run(update);
            e.run(read);
            assertThat(out).containsOnly(5f);
            // an input changed by the host goes up every run
            Arrays.fill(ones, 2f);
            e.run(read);
            assertThat(out).containsOnly(10f);
            // the momentum buffer v lives only in "update"'s graph and the hub; read it back
            e.toHost(v);
            assertThat(v).containsOnly(-2f);
            List<TornadoEngine.PhaseStats> stats = e.stats();
            assertThat(stats).extracting(TornadoEngine.PhaseStats::phase).containsExactly("write", "read", "update");
            assertThat(stats.get(1).runs()).isEqualTo(6);
            assertThat(stats.get(2).runs()).isEqualTo(4);
        }
    }

    /** An array that is one phase's output and another phase's device-resident state stays coherent. */
    @Test
    void arraysThatAreInputsOrOutputsInSomePhasesOnly() {
        int n = 64;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        try (TornadoEngine e = new TornadoEngine(device())) {
            // "produce" has a as its output: copied back every run
            Phase produce = phase("produce", ops -> ops.fill(a, n, 4f), new Object[0], new Object[] {a});
            // "consume" keeps a on the device and writes b from it
            Phase consume = phase("consume", ops -> ops.multiply(a, ones, b, n), new Object[] {ones}, new Object[] {b});
            e.run(produce);
            assertThat(a).containsOnly(4f);
            e.run(consume);
            assertThat(b).containsOnly(4f);
            Arrays.fill(a, 6f); // a host change of a device-resident array, announced with toDevice
            e.toDevice(a);
            e.run(consume);
            assertThat(b).containsOnly(6f);
            e.run(produce); // back to 4 on the device and the host
            e.run(consume);
            assertThat(b).containsOnly(4f);
            // c: an input of "early" (its own buffer there), later device-resident for "late"
            float[] c = new float[n];
            float[] b2 = new float[n];
            Phase early = phase("early", ops -> ops.multiply(c, ones, b, n), new Object[] {c, ones}, new Object[] {b});
            Phase late = phase("late", ops -> ops.multiply(c, ones, b2, n), new Object[] {ones}, new Object[] {b2});
            Arrays.fill(c, 2f);
            e.run(early);
            assertThat(b).containsOnly(2f);
            e.run(late); // c becomes device-resident with the host's values
            assertThat(b2).containsOnly(2f);
            Arrays.fill(c, 5f);
            e.run(early); // the host wrote c as early's input: its device copy is stale, late must get the new values
            assertThat(b).containsOnly(5f);
            e.run(late);
            assertThat(b2).containsOnly(5f);
            // a phase recorded now, with a as its input (a is device-resident: staged)
            Phase scale = phase("scale", ops -> ops.multiply(a, a, b, n), new Object[] {a}, new Object[] {b});
            Arrays.fill(a, 3f);
            e.run(scale);
            assertThat(b).containsOnly(9f);
            e.run(consume);
            assertThat(b).containsOnly(3f);
        }
    }

    /** Outputs a phase writes only in part (rows below the buffer's size) keep their other elements, as on the JVM. */
    @Test
    void partlyWrittenOutputsKeepTheirOtherElements() {
        int n = 16;
        float[] out = new float[n];
        float[] x = new float[n];
        Arrays.fill(out, 7f);
        try (TornadoEngine e = new TornadoEngine(device())) {
            Phase p = phase("head", ops -> ops.multiply(x, x, out, 4), new Object[] {x}, new Object[] {out});
            Arrays.fill(x, 3f);
            e.run(p);
            assertThat(Arrays.copyOf(out, 4)).containsOnly(9f);
            assertThat(Arrays.copyOfRange(out, 4, n)).containsOnly(7f);
            Arrays.fill(x, 2f);
            e.run(p);
            assertThat(Arrays.copyOf(out, 4)).containsOnly(4f);
            assertThat(Arrays.copyOfRange(out, 4, n)).containsOnly(7f);
        }
    }

    @Test
    void preciseMathIsOn() {
        device();
        assertThat(TornadoSetup.mathSettings()).contains("fma=false", "nativeFunctions=false", "mathOptimizations=false")
                .doesNotContain("fast-relaxed");
    }

    @Test
    void aPhaseMustIssueTheSameCallsEveryTime() {
        int n = 16;
        float[] x = new float[n];
        float[] y = new float[n];
        int[] calls = {0};
        try (TornadoEngine e = new TornadoEngine(device())) {
            Phase p = phase("changing", ops -> ops.fill(x, n, calls[0]++ == 0 ? 1f : 2f), new Object[0], new Object[] {x});
            e.run(p);
            assertThatThrownBy(() -> e.run(p)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("phase 'changing'").hasMessageContaining("fill");
            Phase q = phase("other-array", ops -> ops.fill(calls[0]++ % 2 == 0 ? x : y, n, 1f), new Object[0],
                    new Object[] {x, y});
            e.run(q);
            assertThatThrownBy(() -> e.run(q)).isInstanceOf(IllegalStateException.class).hasMessageContaining("other-array");
        }
    }

    /** A kernel TornadoVM cannot compile (Math.fma) in test code, run through the engine. */
    public static final class BadKernels {
        private BadKernels() {}

        public static void fused(float[] a, float[] b, int n) {
            for (@Parallel int i = 0; i < n; i++) {
                b[i] = Math.fma(a[i], a[i], 1f);
            }
        }
    }

    @Test
    void anUncompilableKernelIsAnErrorNamingIt() {
        int n = 32;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        try (TornadoEngine e = new TornadoEngine(device())) {
            Phase p = phase("with-fma", ops -> {
                ops.fill(a, n, 2f);
                TaskRecorder.of(ops).custom("fused", new Object[] {a, b, n}, new Object[] {b}, n,
                        (g, t) -> g.task(t, BadKernels::fused, a, b, n));
                ops.multiply(b, a, c, n);
            }, new Object[0], new Object[] {c});
            assertThatThrownBy(() -> e.run(p)).isInstanceOf(IllegalStateException.class)
                    .satisfies(t -> System.out.println("uncompilable kernel: " + t.getMessage()))
                    .hasMessageContaining("cannot compile kernel fused")
                    .hasMessageContaining("with-fma");
            assertThat(c).as("nothing ran on the host instead").containsOnly(0f);
        }
    }

    @Test
    void backendAndTools() {
        TornadoBackend be = new TornadoBackend(null);
        try {
            assertThat(be.name()).isEqualTo("tornado");
            assertThat(be.description()).startsWith("tornado 0:0 ");
        } finally {
            be.close();
        }
        assertThatThrownBy(() -> new TornadoBackend("9:9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no TornadoVM device '9:9'").hasMessageContaining("0:0");
        assertThatThrownBy(() -> new TornadoBackend("gpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BACKEND:DEVICE");
        DeviceTools tools = DeviceTools.load();
        assertThat(tools.devices()).isNotEmpty().allMatch(l -> l.matches("\\d+:\\d+ .+"));
    }

    @Test
    void dumpWritesOneSourceFilePerKernel(@TempDir Path dir) throws Exception {
        List<Path> files = new TornadoTools().dumpKernels(dir, null);
        long kernels = Arrays.stream(TornadoKernels.class.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers())).map(m -> m.getName()).distinct().count();
        assertThat(files).hasSize((int) kernels);
        for (Path f : files) {
            String src = Files.readString(f);
            assertThat(src).as(f.toString()).contains("__kernel");
        }
        assertThat(Files.readString(dir.resolve("gemmNN.cl"))).contains("gemmNN");
    }

    @Test
    void benchTimesEveryKernel() {
        List<DeviceTools.KernelTiming> t = new TornadoTools().benchKernels(null, 3);
        // every catalog case; each GEMM case again with both TiledGemm variants; the three GEMMs at 1024³, three ways
        // (the lockstep GEMMs, …Runs, with the 2-D blocks only)
        long variantCases = KernelCatalog.all(1).stream().filter(c -> TiledGemm.isGemm(c.kernel().name()))
                .mapToLong(c -> TiledGemm.variantsFor(c.kernel().name()).size()).sum();
        int variants = TiledGemm.Variant.values().length;
        assertThat(t).hasSize(KernelCatalog.all(1).size() + (int) variantCases + 3 * (1 + variants));
        for (String kernel : List.of("gemmNN", "gemmTN", "gemmNT")) {
            long cases = KernelCatalog.all(1).stream().filter(c -> c.kernel().name().equals(kernel)).count();
            for (String label : List.of(kernel, kernel + " tiled", kernel + " 2-D blocks")) {
                assertThat(t).filteredOn(k -> k.kernel().equals(label)).extracting(DeviceTools.KernelTiming::shape)
                        .as(label).contains("1024×1024·1024×1024").hasSize((int) cases + 1);
            }
        }
        assertThat(t).allMatch(k -> k.millis() > 0 && k.gigabytesPerSecond() > 0);
        DeviceTools.KernelTiming gemm = t.stream().filter(k -> k.kernel().equals("gemmNN")).findFirst().orElseThrow();
        assertThat(gemm.gflops()).isGreaterThan(0);
        t.forEach(k -> System.out.printf("%-28s %-40s %9.3f ms %8.2f GFLOP/s %8.2f GB/s%n", k.kernel(), k.shape(),
                k.millis(), k.gflops(), k.gigabytesPerSecond()));
    }

    @Test
    void optimizerHyperParametersTravelAsAnInput() {
        // Adam's bias corrections change every step: the recorded graph reads them from hp each run
        int n = 8;
        float[] w = new float[n];
        float[] g = new float[n];
        float[] m = new float[n];
        float[] v = new float[n];
        float[] hp = new float[5];
        float[] out = new float[n];
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        float[] wJvm = new float[n];
        float[] mJvm = new float[n];
        float[] vJvm = new float[n];
        float[] gJvm = new float[n];
        Arrays.fill(gJvm, 0.5f);
        try (TornadoEngine e = new TornadoEngine(device())) {
            Phase step = phase("adam", ops -> {
                ops.fill(g, n, 0.5f);
                ops.adam(w, g, m, v, n, hp);
            }, new Object[] {hp}, new Object[0]);
            Phase read = phase("read", ops -> ops.multiply(w, ones, out, n), new Object[] {ones}, new Object[] {out});
            for (int t = 1; t <= 5; t++) {
                hp[Optimizers.ADAM_BETA1] = 0.9f;
                hp[Optimizers.ADAM_BETA2] = 0.999f;
                hp[Optimizers.ADAM_EPS] = 1e-8f;
                hp[Optimizers.ADAM_STEP] = (float) (0.1 / (1 - Math.pow(0.9, t)));
                hp[Optimizers.ADAM_BC2_SQRT] = (float) Math.sqrt(1 - Math.pow(0.999, t));
                e.run(step);
                for (int i = 0; i < n; i++) {
                    Optimizers.adam(i, wJvm, gJvm, mJvm, vJvm, hp);
                }
            }
            e.run(read);
            for (int i = 0; i < n; i++) {
                assertThat(out[i]).isCloseTo(wJvm[i], org.assertj.core.data.Offset.offset(Math.ulp(wJvm[i]) * 4));
            }
        }
    }
}
