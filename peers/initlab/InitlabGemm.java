package peers;

import io.initlab.backend.jvm.JvmOps;
import java.util.Arrays;
import java.util.Locale;

/**
 * initlab's GEMM (JvmOps, one thread) at the shapes on the command line: the same protocol and output as
 * peers/c/sgemm.c (see there): "NN:m×n×k", "TN", "NT"; warm-up until the speed is steady, then REPEATS
 * timed windows of calls (each at least MIN_MS and 3 calls).
 *
 *   InitlabGemm [--warmup-ms W] [--min-ms M] [--repeats R] SHAPE...
 */
public final class InitlabGemm {
    public static void main(String[] args) {
        double warmupMs = 1000;
        double minMs = 200;
        int repeats = 5;
        int first = 0;
        for (; first + 1 < args.length && args[first].startsWith("--"); first += 2) {
            switch (args[first]) {
                case "--warmup-ms" -> warmupMs = Double.parseDouble(args[first + 1]);
                case "--min-ms" -> minMs = Double.parseDouble(args[first + 1]);
                case "--repeats" -> repeats = Integer.parseInt(args[first + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[first]);
            }
        }
        try (JvmOps ops = new JvmOps(1)) {
            for (int s = first; s < args.length; s++) {
                String[] p = args[s].split("[:x]");
                if (p.length != 4 || !(p[0].equals("NN") || p[0].equals("TN") || p[0].equals("NT"))) {
                    throw new IllegalArgumentException("shape '" + args[s] + "' is not LAYOUT:MxNxK with LAYOUT NN, TN or NT");
                }
                String layout = p[0];
                int m = Integer.parseInt(p[1]);
                int n = Integer.parseInt(p[2]);
                int k = Integer.parseInt(p[3]);
                float[] a = fill(m * k, 7919);
                float[] b = fill(k * n, 104729);
                float[] c = new float[m * n];
                Runnable call = switch (layout) {
                    case "NN" -> () -> ops.gemmNN(a, b, c, m, n, k);
                    case "TN" -> () -> ops.gemmTN(a, b, c, m, n, k);
                    default -> () -> ops.gemmNT(a, b, c, m, n, k);
                };
                // warm-up: at least WARMUP_MS, then on until a window is no longer 10 % faster than the one before
                // (the JIT's first forms of the Vector API kernels are 100× slower, and under load C2 may need
                // seconds); at most 30 × WARMUP_MS. Then REPEATS timed windows.
                long start = System.nanoTime();
                double previous = 0;
                while (true) {
                    double rate = window(call, minMs);
                    double elapsedMs = (System.nanoTime() - start) / 1e6;
                    if (elapsedMs >= warmupMs && rate < 1.1 * previous || elapsedMs > 30 * warmupMs) {
                        break;
                    }
                    previous = rate;
                }
                double warmupS = (System.nanoTime() - start) / 1e9;
                double[] gf = new double[repeats];
                for (int rep = 0; rep < repeats; rep++) {
                    gf[rep] = window(call, minMs) * 2.0 * m * n * k / 1e9;
                }
                Arrays.sort(gf);
                System.out.printf(Locale.ROOT, "RESULT shape=%s gflops_best=%.2f gflops_median=%.2f warmup_s=%.1f checksum=%.4g%n",
                        args[s], gf[repeats - 1], gf[repeats / 2], warmupS, (double) c[m * n / 2]);
            }
        }
    }

    /** Values in [-0.5, 0.5) by a formula sgemm.c shares, so both peers' checksum (C's middle element) agree. */
    private static float[] fill(int size, long factor) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (i * factor % 1000) / 1000f - 0.5f;
        }
        return v;
    }

    /** Calls per second over a window of at least MIN_MS and at least 3 calls (one clock read per call). */
    private static double window(Runnable call, double minMs) {
        long t0 = System.nanoTime();
        long calls = 0;
        long elapsed;
        do {
            call.run();
            calls++;
            elapsed = System.nanoTime() - t0;
        } while (elapsed / 1e6 < minMs || calls < 3);
        return calls / (elapsed / 1e9);
    }
}
