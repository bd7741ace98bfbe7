package peers;

import io.initlab.backend.jvm.JvmOps;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * initlab's GEMM (JvmOps, one thread) at the shapes on the command line: the same protocol and output as
 * peers/c/sgemm.c (see there): "NN:m×n×k", "TN", "NT"; warm-up, a batch that counts the calls
 * lasting MIN_MS, then REPEATS timed batches of that many calls.
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
                Random r = new Random(1);
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                float[] c = new float[m * n];
                for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
                for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
                Runnable call = switch (layout) {
                    case "NN" -> () -> ops.gemmNN(a, b, c, m, n, k);
                    case "TN" -> () -> ops.gemmTN(a, b, c, m, n, k);
                    default -> () -> ops.gemmNT(a, b, c, m, n, k);
                };
                long start = System.nanoTime();
                do {
                    call.run();
                } while ((System.nanoTime() - start) / 1e6 < warmupMs);
                // calls per batch: as many as last MIN_MS now, after the warm-up (the JIT's first forms are far slower)
                long per = 0;
                start = System.nanoTime();
                do {
                    call.run();
                    per++;
                } while ((System.nanoTime() - start) / 1e6 < minMs);
                double[] gf = new double[repeats];
                double flop = 2.0 * m * n * k * per;
                for (int rep = 0; rep < repeats; rep++) {
                    long t0 = System.nanoTime();
                    for (long i = 0; i < per; i++) {
                        call.run();
                    }
                    gf[rep] = flop / ((System.nanoTime() - t0) / 1e9) / 1e9;
                }
                Arrays.sort(gf);
                System.out.printf(Locale.ROOT, "RESULT shape=%s gflops_best=%.2f gflops_median=%.2f calls=%d checksum=%.4g%n",
                        args[s], gf[repeats - 1], gf[repeats / 2], per, (double) c[m * n / 2]);
            }
        }
    }
}
