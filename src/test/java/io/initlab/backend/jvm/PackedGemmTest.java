package io.initlab.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packed GEMM and the JVM backend's GEMM dispatch, bit for bit against an independent scalar
 * reference: every C element is c = fma(A(i, p), B(p, j), c) for p = 0..k-1 from +0, the chain that
 * FastGemm and the reference runs compute. Shapes: tails in every dimension (around the 6-row, 64-column
 * tile, the 128-deep slab and the 192-row block), narrow C (computed transposed), the MLP's shapes; every
 * layout; one and two threads. PackedGemm is also called directly, so that the test covers it on
 * machines where the dispatch would not pick it.
 */
class PackedGemmTest {

    /** Gaussian values with exact zeros of both signs sprinkled in (their products' signs go into the sums). */
    static float[] values(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(40);
            x[i] = pick == 0 ? 0f : pick == 1 ? -0f : (float) r.nextGaussian();
        }
        return x;
    }

    /** A(i, p) = a[i·ars + p·aps], B(p, j) = b[p·bps + j·bcs]: the depth-order FMA chain of each element. */
    static float[] reference(float[] a, int ars, int aps, float[] b, int bps, int bcs, int m, int n, int k) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[i * ars + p * aps], b[p * bps + j * bcs], s);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "3,17,33", "17,3,255", "33,257,17", "255,33,257", "257,255,3", "6,64,128", "7,65,129",
            "12,300,1030", "1003,70,40", "40,1003,70", "70,40,1003", "197,130,300",
            // the seed MLP at batch 64: forward, weight gradient and input gradient of each layer
            "64,256,784", "784,256,64", "64,784,256", "64,10,128", "128,10,64", "64,128,10"})
    void everyLayoutGivesTheReferenceBits(int m, int n, int k) {
        float[] a = values(m * k, 1); // A m×k (NN, NT) or Aᵀ stored k×m (TN): same length
        float[] b = values(k * n, 2); // B k×n (NN, TN) or Bᵀ stored n×k (NT)
        float[] nn = reference(a, k, 1, b, n, 1, m, n, k);
        float[] tn = reference(a, 1, m, b, n, 1, m, n, k);
        float[] nt = reference(a, k, 1, b, 1, k, m, n, k);
        for (int threads = 1; threads <= 2; threads++) {
            String where = m + "×" + n + "×" + k + " on " + threads + " thread(s)";
            try (JvmOps ops = new JvmOps(threads)) {
                float[] c = new float[m * n];
                ops.gemmNN(a, b, c, m, n, k);
                assertSameBits(c, nn, "JvmOps NN " + where);
                ops.gemmTN(a, b, c, m, n, k);
                assertSameBits(c, tn, "JvmOps TN " + where);
                ops.gemmNT(a, b, c, m, n, k);
                assertSameBits(c, nt, "JvmOps NT " + where);
            }
            try (WorkerPool pool = new WorkerPool(threads)) {
                PackedGemm packed = new PackedGemm(pool);
                float[] c = new float[m * n];
                packed.nn(a, b, c, m, n, k, true);
                assertSameBits(c, nn, "PackedGemm NN " + where);
                packed.tn(a, b, c, m, n, k, true);
                assertSameBits(c, tn, "PackedGemm TN " + where);
                packed.nt(a, b, c, m, n, k, true);
                assertSameBits(c, nt, "PackedGemm NT " + where);
                packed.nn(a, b, c, m, n, k, false);
                assertSameBits(c, nn, "PackedGemm NN, calling thread only, " + where);
            }
        }
    }

    static void assertSameBits(float[] got, float[] want, String what) {
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(want[i])) {
                throw new AssertionError(what + ", element " + i + ": " + got[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(got[i])) + ") != " + want[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(want[i])) + ")");
            }
        }
    }

    /**
     * PackedGemm runs two pool jobs per depth slab, the second often with more shares than the first. A
     * worker still in the first job's claim loop once read the second's share count while the ticket still
     * named the first job, ran a share that did not exist and counted it done in the second: the caller
     * waited forever (or a share ran twice). Each job must run exactly its own range.
     */
    @Test
    void backToBackPoolJobsRunExactlyTheirOwnShares() {
        try (WorkerPool pool = new WorkerPool(2)) {
            AtomicLong covered = new AtomicLong();
            WorkerPool.RangeTask count = (worker, from, to) -> covered.addAndGet(to - from);
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                for (int i = 0; i < 300_000; i++) {
                    covered.set(0);
                    pool.run(count, 4, 1);
                    assertEquals(4, covered.get(), "job over 4 shares, round " + i);
                    covered.set(0);
                    pool.run(count, 64, 1);
                    assertEquals(64, covered.get(), "job over 8 shares, round " + i);
                }
            });
        }
    }
}
