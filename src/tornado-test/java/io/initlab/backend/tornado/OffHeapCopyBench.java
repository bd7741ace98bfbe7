package io.initlab.backend.tornado;

import io.initlab.kernels.Gemm;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.TornadoProfilerResult;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * A measurement, not a test (issue 13, item 5): one GEMM launch with its copies (A up and C down every execute(),
 * B resident, as a training step's batch and result) on {@code float[]} and on TornadoVM's off-heap
 * {@code FloatArray}, alternated. Run by scripts/bench-tornado-gemm.sh:
 * {@code java @$TORNADOVM_HOME/tornado-argfile -cp target/classes:target/test-classes
 * io.initlab.backend.tornado.OffHeapCopyBench M N K LAUNCHES}.
 */
public final class OffHeapCopyBench {
    private OffHeapCopyBench() {}

    /** The naive NN wrapper's loop on FloatArray (the body takes float[], so its sum is written out here). */
    public static void gemmOffHeap(FloatArray a, FloatArray b, FloatArray c, int m, int n, int k) {
        for (@Parallel int i = 0; i < m * n; i++) {
            int row = i / n;
            int col = i - row * n;
            float sum = 0f;
            for (int p = 0; p < k; p++) {
                sum += a.get(row * k + p) * b.get(p * n + col);
            }
            c.set(i, sum);
        }
    }

    public static void main(String[] args) throws Exception {
        TornadoSetup.noBailout();
        int m = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int launches = Integer.parseInt(args[3]);
        Random r = new Random(1);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextGaussian();
        }
        FloatArray fa = FloatArray.fromArray(a);
        FloatArray fb = FloatArray.fromArray(b);
        FloatArray fc = new FloatArray(m * n);
        int graphs = 0;
        for (String kind : new String[] {"float[]", "FloatArray", "float[]", "FloatArray"}) {
            TaskGraph g = new TaskGraph("offheap" + (graphs++));
            if (kind.equals("float[]")) {
                g.transferToDevice(DataTransferMode.FIRST_EXECUTION, b).transferToDevice(DataTransferMode.EVERY_EXECUTION, a)
                        .task("t", TornadoKernels::gemmNN, a, b, c, m, n, k).transferToHost(DataTransferMode.EVERY_EXECUTION, c);
            } else {
                g.transferToDevice(DataTransferMode.FIRST_EXECUTION, fb).transferToDevice(DataTransferMode.EVERY_EXECUTION, fa)
                        .task("t", OffHeapCopyBench::gemmOffHeap, fa, fb, fc, m, n, k)
                        .transferToHost(DataTransferMode.EVERY_EXECUTION, fc);
            }
            double[] wall = new double[launches];
            double[] kernel = new double[launches];
            double[] up = new double[launches];
            double[] down = new double[launches];
            try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.snapshot())) {
                plan.withProfiler(ProfilerMode.SILENT).execute(); // compiles
                for (int i = 0; i < launches; i++) {
                    long t0 = System.nanoTime();
                    TornadoExecutionResult res = plan.execute();
                    wall[i] = (System.nanoTime() - t0) / 1e6;
                    TornadoProfilerResult p = res.getProfilerResult();
                    kernel[i] = p.getDeviceKernelTime() / 1e6;
                    up[i] = p.getDeviceWriteTime() / 1e6;
                    down[i] = p.getDeviceReadTime() / 1e6;
                }
            }
            System.out.printf(Locale.ROOT, "%-10s %d×%d·%d×%d: execute() median %.3f ms (min %.3f); medians: kernel %.3f ms, "
                    + "host→device %.3f ms, device→host %.3f ms%n", kind, m, k, k, n, median(wall), min(wall), median(kernel),
                    median(up), median(down));
        }
        float[] ref = new float[m * n];
        for (int i = 0; i < ref.length; i++) {
            Gemm.nn(i, a, b, ref, m, n, k);
        }
        boolean same = Arrays.equals(ref, c) && Arrays.equals(ref, fc.toHeapArray());
        System.out.println(same ? "both results equal the body's, bit for bit" : "RESULTS DIFFER from the body's");
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }
}
