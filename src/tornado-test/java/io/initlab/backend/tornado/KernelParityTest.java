package io.initlab.backend.tornado;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.backend.KernelCatalog;
import io.initlab.backend.Ops;
import io.initlab.backend.tornado.TaskRecorder.Call;
import io.initlab.kernels.Activations;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;

/**
 * Every kernel on the TornadoVM device against the same wrapper run as plain Java on the JVM (the one-index
 * bodies of io.initlab.kernels in a sequential loop): integer results (Philox streams, argmax, correct flags)
 * bit for bit, floats within a few ulp (the device compiler may contract a·b + c into an fma), GEMM sums
 * within a bound proportional to Σ|a·b|.
 */
@Tag("tornado")
class KernelParityTest {

    static TornadoDevice device;

    @BeforeAll
    static void setUp() {
        TornadoSetup.noBailout();
        device = TornadoSetup.device(System.getProperty("initlab.tornado.device"));
    }

    /**
     * Runs the call on the device, on its own arrays (copied in first, the written ones copied back: call
     * {@link #onJvm} before, on the same pre-state); returns the written arrays.
     */
    static List<Object> onDevice(Call c) throws Exception {
        List<Object> arrays = new ArrayList<>();
        for (Object a : c.args()) {
            if (TornadoEngine.isArray(a) && indexOf(arrays, a) < 0) {
                arrays.add(a);
            }
        }
        List<Object> written = new ArrayList<>();
        for (Object w : c.writes()) {
            if (indexOf(written, w) < 0) {
                written.add(w);
            }
        }
        TaskGraph g = new TaskGraph("parity_" + c.kernel())
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, arrays.toArray());
        c.adder().addTo(g, c.kernel());
        g.transferToHost(DataTransferMode.EVERY_EXECUTION, written.toArray());
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.snapshot())) {
            plan.withDevice(device).execute();
        }
        return written;
    }

    static List<Object> onJvm(Call c) throws Exception {
        return onJvm(c.kernel(), c.args(), c.writes());
    }

    /** Runs the TornadoKernels wrapper as plain Java on copies of the arrays; returns the written copies. */
    static List<Object> onJvm(String kernel, Object[] callArgs, Object[] writes) throws Exception {
        List<Object> arrays = new ArrayList<>();
        List<Object> copies = new ArrayList<>();
        Object[] args = callArgs.clone();
        for (int i = 0; i < args.length; i++) {
            if (TornadoEngine.isArray(args[i])) {
                int k = indexOf(arrays, args[i]);
                if (k < 0) {
                    arrays.add(args[i]);
                    copies.add(copy(args[i]));
                    k = arrays.size() - 1;
                }
                args[i] = copies.get(k);
            }
        }
        Method m = wrapper(kernel, args.length);
        m.invoke(null, args);
        List<Object> written = new ArrayList<>();
        for (Object w : writes) {
            Object x = copies.get(indexOf(arrays, w));
            if (indexOf(written, x) < 0) {
                written.add(x);
            }
        }
        return written;
    }

    static Method wrapper(String name, int arity) {
        for (Method m : TornadoKernels.class.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity) {
                return m;
            }
        }
        throw new IllegalArgumentException("no TornadoKernels." + name + " with " + arity + " parameters");
    }

    static int indexOf(List<Object> list, Object a) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == a) {
                return i;
            }
        }
        return -1;
    }

    static Object copy(Object a) {
        return a instanceof float[] f ? f.clone() : ((int[]) a).clone();
    }

    /** Largest difference in units of the last place of the reference (with a floor for values near 0). */
    static double maxUlps(float[] ref, float[] dev, float floor) {
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            if (Float.isNaN(ref[i]) || Float.isNaN(dev[i])) {
                if (Float.isNaN(ref[i]) != Float.isNaN(dev[i])) {
                    return Double.POSITIVE_INFINITY;
                }
                continue;
            }
            float scale = Math.max(Math.abs(ref[i]), floor);
            worst = Math.max(worst, Math.abs((double) ref[i] - dev[i]) / Math.ulp(scale));
        }
        return worst;
    }

    static void check(Call c, List<Object> ref, List<Object> dev, double ulps) {
        for (int i = 0; i < ref.size(); i++) {
            Object r = ref.get(i);
            Object d = dev.get(i);
            if (r instanceof int[] ri) {
                assertThat((int[]) d).as(c.kernel() + " output " + i + " (int, bit for bit)").isEqualTo(ri);
            } else {
                float[] rf = (float[]) r;
                float max = 0;
                for (float v : rf) {
                    max = Math.max(max, Math.abs(v));
                }
                double u = maxUlps(rf, (float[]) d, max * 1e-6f);
                System.out.printf("%-28s output %d: max %.0f ulps from the JVM%n", c.kernel(), i, u);
                assertThat(u).as(c.kernel() + " output " + i + ": max ulps vs JVM").isLessThanOrEqualTo(ulps);
            }
        }
    }

    /** Tolerance in ulps by kernel: GEMMs and reductions sum long rows (an fma per step may round differently). */
    static double tolerance(Call c) {
        return switch (c.kernel()) {
            case "gemmNN", "gemmTN", "gemmNT", "columnSum", "channelBiasGradient", "tensorPartialSums",
                 "tensorPartialCentredSquares", "col2im" -> -1;
            default -> 4;
        };
    }

    static void compare(Call c) throws Exception {
        List<Object> ref = onJvm(c);
        double ulps = tolerance(c);
        List<Object> bound = ulps >= 0 ? null : sumBound(c);
        List<Object> dev = onDevice(c);
        if (ulps >= 0) {
            check(c, ref, dev, ulps);
        } else {
            checkSums(c, ref, dev, bound);
        }
    }

    /**
     * Long sums: |device - JVM| ≤ 2⁻²⁰ · Σ|terms| per element (the terms' magnitudes bound the rounding of any
     * summation that keeps the order, with or without fused multiply-adds), checked via the wrapper run on |inputs|.
     */
    static List<Object> sumBound(Call c) throws Exception {
        Object[] absArgs = c.args().clone();
        List<Object> seen = new ArrayList<>();
        List<Object> abs = new ArrayList<>();
        for (int i = 0; i < absArgs.length; i++) {
            if (absArgs[i] instanceof float[] f) {
                int k = indexOf(seen, f);
                if (k < 0) {
                    float[] a = f.clone();
                    for (int j = 0; j < a.length; j++) {
                        a[j] = Math.abs(a[j]);
                    }
                    seen.add(f);
                    abs.add(a);
                    k = abs.size() - 1;
                }
                absArgs[i] = abs.get(k);
            }
        }
        if (c.kernel().equals("tensorPartialCentredSquares")) {
            absArgs[3] = 0f; // Σ(|x| + |mean|)² bounds Σ(x - mean)²'s terms
            float mean = Math.abs((Float) c.args()[3]);
            float[] x = (float[]) absArgs[0];
            for (int j = 0; j < x.length; j++) {
                x[j] += mean;
            }
        }
        return onJvm(c.kernel(), absArgs, writesIn(c, absArgs));
    }

    /** The written arrays of c, mapped to their replacements in args (same positions). */
    static Object[] writesIn(Call c, Object[] args) {
        Object[] w = new Object[c.writes().length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < args.length; j++) {
                if (c.args()[j] == c.writes()[i]) {
                    w[i] = args[j];
                    break;
                }
            }
        }
        return w;
    }

    static void checkSums(Call c, List<Object> ref, List<Object> dev, List<Object> bound) {
        for (int i = 0; i < ref.size(); i++) {
            float[] r = (float[]) ref.get(i);
            float[] d = (float[]) dev.get(i);
            float[] b = (float[]) bound.get(i);
            double worst = 0;
            for (int j = 0; j < r.length; j++) {
                double allowed = Math.max(Math.abs(b[j]), Float.MIN_NORMAL) * 0x1p-20;
                worst = Math.max(worst, Math.abs((double) r[j] - d[j]) / allowed);
            }
            System.out.printf("%-28s output %d: max |device - JVM| = %.3g · 2^-20 Σ|terms|%n", c.kernel(), i, worst);
            assertThat(worst).as(c.kernel() + " output " + i + ": |device - JVM| / (2^-20 Σ|terms|)").isLessThanOrEqualTo(1.0);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyKernelAtTrainingShapes() {
        return KernelCatalog.all(11).stream()
                .map(k -> DynamicTest.dynamicTest(k.kernel().name() + " " + k.shape(), () -> compare(TaskRecorder.call(k))));
    }

    static float[] floats(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void gemmAllLayoutsOddShapes() throws Exception {
        Random r = new Random(5);
        int[][] shapes = {{1, 1, 1}, {7, 13, 5}, {33, 17, 129}, {64, 10, 128}, {3, 300, 2}, {5, 4, 0}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (String layout : List.of("NN", "TN", "NT")) {
                TaskRecorder t = new TaskRecorder(false);
                Ops ops = t.ops();
                // k = 0 (an empty sum: C must become 0): A and B are never read, but a device buffer needs an element
                float[] a = floats(r, Math.max(1, m * k));
                float[] b = floats(r, Math.max(1, k * n));
                float[] c = floats(r, m * n);
                switch (layout) {
                    case "NN" -> ops.gemmNN(a, b, c, m, n, k);
                    case "TN" -> ops.gemmTN(a, b, c, m, n, k);
                    default -> ops.gemmNT(a, b, c, m, n, k);
                }
                compare(t.last());
            }
        }
    }

    @Test
    void philoxStreamsBitForBit() throws Exception {
        int[][] keys = {{0, 0}, {42, 0}, {-1, -1}, {0x7fffffff, 0x80000000}, {123456789, 987654321}};
        for (int[] key : keys) {
            int[] out = new int[4 * 1000];
            int blocks = 1000;
            TaskRecorder t = new TaskRecorder(false);
            t.ops().philoxBlock(out, blocks, 5, -7, 0x7fffffff, key[0], key[1]);
            Call c = t.last();
            List<Object> ref = onJvm(c);
            List<Object> dev = onDevice(c);
            assertThat((int[]) dev.get(0)).as("Philox key " + key[0] + "," + key[1]).isEqualTo((int[]) ref.get(0));
        }
    }

    @Test
    void samplersWithinFewUlps() throws Exception {
        Random r = new Random(3);
        int n = 100_000;
        for (int tensor = 0; tensor < 3; tensor++) {
            TaskRecorder t = new TaskRecorder(false);
            t.ops().sampleUniform(new float[n], n, tensor, 42, 1, -0.5f, 0.5f);
            t.ops().sampleNormal(new float[n], n, tensor, 42, 1, 0f, 1f);
            t.ops().sampleTruncatedNormal(new float[n], n, tensor, 7, 0, 0.1f, 0.05f, 2f);
            t.ops().sampleNormal(new float[n], n, tensor, -3, 99, 1f, 10f);
            t.ops().fill(new float[n], n, r.nextFloat());
            for (Call c : t.calls()) {
                List<Object> ref = onJvm(c);
                List<Object> dev = onDevice(c);
                check(c, ref, dev, 2);
            }
        }
    }

    @Test
    void activationsOfEveryKindAndAliasedArguments() throws Exception {
        Random r = new Random(9);
        int rows = 17;
        int cols = 33;
        int n = rows * cols;
        for (int kind : new int[] {Activations.IDENTITY, Activations.RELU, Activations.LEAKY_RELU, Activations.TANH,
                Activations.SIGMOID}) {
            TaskRecorder t = new TaskRecorder(false);
            float[] x = floats(r, n);
            t.ops().biasActivation(x, floats(r, cols), x, new float[n], rows, cols, kind, 0.2f); // x is z
            float[] dy = floats(r, n);
            t.ops().activationBackward(floats(r, n), floats(r, n), dy, dy, n, kind, 0.2f); // dy is dz
            for (Call c : t.calls()) {
                compare(c);
            }
        }
    }
}
