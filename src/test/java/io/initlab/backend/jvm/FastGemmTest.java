package io.initlab.backend.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.kernels.Gemm;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JVM backend's blocked Vector-API GEMM against the one-index reference bodies of the kernels room,
 * in all three layouts, at the MLP's shapes, at conv shapes (deep weight gradients run in depth passes)
 * and at awkward sizes (tails of rows, columns and depth), on one and two threads.
 */
class FastGemmTest {

    static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @ParameterizedTest
    @CsvSource({"64,256,784,1", "64,256,784,2", "784,256,64,2", "64,784,256,2", "64,10,128,1", "1,1,1,1",
            "5,33,17,2", "7,47,3,1", "13,31,100,2", "4,32,0,1", "3,16,16,2",
            // conv shapes: weight gradients deep enough for depth passes (9 taps × 32 filters, 288 × 64, a
            // pass tail), 32 columns (the two-vector block), 80 (four-vector block + one vector)
            "9,32,2100,2", "288,64,1300,2", "37,80,1030,1", "6,32,288,1"})
    void matchesTheReferenceBodies(int m, int n, int k, int threads) {
        try (JvmOps ops = new JvmOps(threads)) {
            float[] a = random(m * k, 1);
            float[] b = random(k * n, 2);
            float[] at = random(k * m, 3);
            float[] bt = random(n * k, 4);
            float[] ref = new float[m * n];
            float[] got = new float[m * n];

            for (int i = 0; i < m * n; i++) {
                Gemm.nn(i, a, b, ref, m, n, k);
            }
            ops.gemmNN(a, b, got, m, n, k);
            assertClose(got, ref, k);

            for (int i = 0; i < m * n; i++) {
                Gemm.tn(i, at, b, ref, m, n, k);
            }
            ops.gemmTN(at, b, got, m, n, k);
            assertClose(got, ref, k);

            for (int i = 0; i < m * n; i++) {
                Gemm.nt(i, a, bt, ref, m, n, k);
            }
            ops.gemmNT(a, bt, got, m, n, k);
            assertClose(got, ref, k);
        }
    }

    /** Summation order differs (FMA, lanes): allow a few ulp of the depth-k sum of O(1) terms. */
    static void assertClose(float[] got, float[] ref, int k) {
        float tol = 1e-5f * (float) Math.sqrt(Math.max(k, 1)) * 4;
        for (int i = 0; i < ref.length; i++) {
            assertThat(got[i]).as("element " + i).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(tol * Math.max(1f, Math.abs(ref[i]))));
        }
    }
}
