package io.initlab.backend.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.kernels.Activations;
import io.initlab.kernels.Optimizers;
import io.initlab.kernels.Reductions;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JVM backend's vectorized element-wise kernels must give exactly the bits of the one-index bodies
 * (same operations, same order, no contraction), including tails shorter than a vector and NaNs.
 */
class JvmOpsParityTest {
    static final int ROWS = 7;
    static final int COLS = 37; // not a multiple of any vector length

    static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        x[3] = 0f;
        x[5] = -0f;
        x[n - 1] = Float.NaN;
        return x;
    }

    @Test
    void activations() {
        try (JvmOps ops = new JvmOps(1)) {
            for (int kind : new int[] {Activations.IDENTITY, Activations.RELU, Activations.LEAKY_RELU, Activations.TANH, Activations.SIGMOID}) {
                float[] x = random(ROWS * COLS, 1);
                float[] b = random(COLS, 2);
                float[] z = new float[x.length], y = new float[x.length], zr = new float[x.length], yr = new float[x.length];
                ops.biasActivation(x, b, z, y, ROWS, COLS, kind, 0.01f);
                for (int i = 0; i < x.length; i++) {
                    Activations.biasForward(i, x, b, zr, yr, COLS, kind, 0.01f);
                }
                assertThat(z).as("z kind " + kind).containsExactly(zr);
                assertThat(y).as("y kind " + kind).containsExactly(yr);
                float[] dy = random(x.length, 3);
                float[] dz = new float[x.length], dzr = new float[x.length];
                ops.activationBackward(z, y, dy, dz, x.length, kind, 0.01f);
                for (int i = 0; i < x.length; i++) {
                    Activations.backward(i, zr, yr, dy, dzr, kind, 0.01f);
                }
                assertThat(dz).as("dz kind " + kind).containsExactly(dzr);
            }
        }
    }

    @Test
    void columnSums() {
        try (JvmOps ops = new JvmOps(1)) {
            float[] x = random(ROWS * COLS, 4);
            float[] out = new float[COLS], ref = new float[COLS];
            ops.columnSum(x, out, ROWS, COLS);
            for (int c = 0; c < COLS; c++) {
                Reductions.columnSum(c, x, ref, ROWS, COLS);
            }
            assertThat(out).containsExactly(ref);
        }
    }

    @Test
    void optimizers() {
        try (JvmOps ops = new JvmOps(1)) {
            int n = 1000 + 13;
            float[] g = random(n, 5);
            g[7] = 1e-30f; // moments fall below the flush threshold
            float[] w = random(n, 6), m = random(n, 7), v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = Math.abs(m[i]) * 0.1f;
            }
            float[] wr = w.clone(), mr = m.clone(), vr = v.clone();
            float[] hp = {0.9f, 0.999f, 1e-8f, 0.01f, 0.03f};
            ops.adam(w, g, m, v, n, hp);
            for (int i = 0; i < n; i++) {
                Optimizers.adam(i, wr, g, mr, vr, hp);
            }
            assertThat(w).containsExactly(wr);
            assertThat(m).containsExactly(mr);
            assertThat(v).containsExactly(vr);

            float[] sv = random(n, 8), svr = sv.clone();
            float[] sw = random(n, 9), swr = sw.clone();
            float[] shp = {0.05f, 0.9f};
            ops.sgd(sw, g, sv, n, shp);
            for (int i = 0; i < n; i++) {
                Optimizers.sgd(i, swr, g, svr, shp);
            }
            assertThat(sw).containsExactly(swr);
            assertThat(sv).containsExactly(svr);

            // RMSprop with ε inside (Keras) and outside (PyTorch) the root at once
            float[] rv = new float[n], rvr = new float[n];
            float[] rw = random(n, 10), rwr = rw.clone();
            float[] rhp = {0.01f, 0.9f, 1e-7f, 1e-8f};
            for (int step = 0; step < 2; step++) {
                ops.rmsprop(rw, g, rv, n, rhp);
                for (int i = 0; i < n; i++) {
                    Optimizers.rmsprop(i, rwr, g, rvr, rhp);
                }
            }
            assertThat(rw).containsExactly(rwr);
            assertThat(rv).containsExactly(rvr);
        }
    }

    @Test
    void multiply() {
        try (JvmOps ops = new JvmOps(1)) {
            float[] x = random(101, 10), m = random(101, 11), y = new float[101];
            ops.multiply(x, m, y, 101);
            for (int i = 0; i < 101; i++) {
                assertThat(Float.floatToIntBits(y[i])).isEqualTo(Float.floatToIntBits(x[i] * m[i]));
            }
        }
    }
}
