package io.initlab.backend.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.kernels.Activations;
import io.initlab.kernels.Conv;
import io.initlab.kernels.Pool;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JVM backend's convolution and pooling loops (FastConv, through JvmOps) against the one-index
 * bodies of the kernels room: identical bits for everything but the bias gradient (summed in vector
 * lanes), at shapes with vector tails, rows wider than a vector, padding and even kernels, for every
 * activation, with ±0 and NaN pre-activations; pooling on data full of ties (ReLU zeros, ±0) where the
 * first maximum must win.
 */
class FastConvTest {

    static float[] data(int n, long seed, boolean ties) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            float v = (float) r.nextGaussian();
            a[i] = ties ? (v < 0 ? (r.nextBoolean() ? 0f : -0f) : Math.round(v * 4) / 4f) : v;
        }
        return a;
    }

    static final int[] KINDS = {Activations.IDENTITY, Activations.RELU, Activations.LEAKY_RELU, Activations.TANH,
            Activations.SIGMOID};

    @ParameterizedTest(name = "{0}x{1}x{2} -> {3} {4}x{5} same={6}, batch {7}")
    @CsvSource({"1, 28, 28, 32, 3, 3, false, 3", "3, 7, 6, 4, 3, 3, true, 2", "2, 6, 5, 3, 2, 2, true, 2",
            "1, 9, 41, 5, 5, 5, true, 2", "3, 5, 5, 17, 1, 1, false, 3", "2, 4, 6, 2, 2, 3, false, 1",
            "3, 3, 3, 2, 4, 4, true, 2",
            // the DL-A1 CNNs' layers: CIFAR's first conv (3 channels), the second conv (32 -> 64) after a pool
            "3, 32, 32, 32, 3, 3, false, 2", "32, 13, 13, 64, 3, 3, false, 2", "32, 15, 15, 64, 3, 3, true, 1"})
    void convolutionLoopsMatchTheBodies(int c, int h, int w, int outC, int kh, int kw, boolean same, int rows) {
        int outH = Conv.outputSize(h, kh, same);
        int outW = Conv.outputSize(w, kw, same);
        int top = Conv.padBefore(kh, same);
        int left = Conv.padBefore(kw, same);
        int pixels = outH * outW;
        int taps = c * kh * kw;
        try (JvmOps ops = new JvmOps(1)) {
            float[] x = data(rows * c * h * w, 1, false);
            float[] cols = new float[rows * pixels * taps];
            float[] ref = new float[cols.length];
            ops.im2col(x, cols, rows, c, h, w, kh, kw, outH, outW, top, left);
            for (int i = 0; i < ref.length; i++) {
                Conv.im2col(i, x, ref, c, h, w, kh, kw, outH, outW, top, left);
            }
            assertThat(cols).isEqualTo(ref);

            float[] dcols = data(cols.length, 2, false);
            float[] dx = new float[x.length];
            float[] dxRef = new float[x.length];
            ops.col2im(dcols, dx, rows, c, h, w, kh, kw, outH, outW, top, left);
            for (int i = 0; i < dx.length; i++) {
                Conv.col2im(i, dcols, dxRef, c, h, w, kh, kw, outH, outW, top, left);
            }
            assertThat(dx).isEqualTo(dxRef);

            int n = rows * outC * pixels;
            float[] g = data(n, 3, true);
            float[] b = data(outC, 4, false);
            b[0] = -0f; // with g's -0 entries: z = -0 in channel 0
            g[n / 3] = Float.NaN; // a diverging run: NaN must come through as the body lets it
            if (outC > 1) {
                b[1] = 0f;
            }
            float[] dy = data(n, 5, false);
            for (int kind : KINDS) {
                float[] z = new float[n];
                float[] y = new float[n];
                float[] zRef = new float[n];
                float[] yRef = new float[n];
                ops.channelBiasActivation(g, b, z, y, rows, outC, pixels, kind, 0.01f);
                for (int i = 0; i < n; i++) {
                    Conv.biasActivation(i, g, b, zRef, yRef, outC, pixels, kind, 0.01f);
                }
                assertThat(z).as("z, kind " + kind).isEqualTo(zRef);
                assertThat(y).as("y, kind " + kind).isEqualTo(yRef);

                float[] dz = new float[n];
                float[] dzRef = new float[n];
                ops.channelActivationBackward(z, y, dy, dz, rows, outC, pixels, kind, 0.01f);
                for (int i = 0; i < n; i++) {
                    Conv.activationBackward(i, z, y, dy, dzRef, outC, pixels, kind, 0.01f);
                }
                assertThat(dz).as("dz, kind " + kind).isEqualTo(dzRef);

                float[] db = new float[outC];
                float[] dbRef = new float[outC];
                ops.channelBiasGradient(z, y, dy, db, rows, outC, pixels, kind, 0.01f);
                for (int o = 0; o < outC; o++) {
                    Conv.biasGradient(o, z, y, dy, dbRef, rows, outC, pixels, kind, 0.01f);
                }
                for (int o = 0; o < outC; o++) {
                    assertThat(db[o]).as("db[%d], kind %d", o, kind)
                            .isCloseTo(dbRef[o], Offset.offset(1e-5f * (float) Math.sqrt(rows * pixels) * 4));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2} pool {3}, batch {4}")
    @CsvSource({"32, 26, 26, 2, 3", "3, 7, 5, 2, 2", "2, 9, 9, 3, 2", "3, 6, 6, 1, 2", "2, 5, 70, 2, 2", "1, 64, 64, 2, 1",
            "2, 5, 8, 4, 1"})
    void poolingLoopsMatchTheBodies(int c, int h, int w, int pool, int rows) {
        int outH = h / pool;
        int outW = w / pool;
        int outs = rows * c * outH * outW;
        try (JvmOps ops = new JvmOps(1)) {
            for (boolean ties : new boolean[] {false, true}) {
                float[] x = data(rows * c * h * w, 6, ties);
                float[] y = new float[outs];
                int[] at = new int[outs];
                float[] yRef = new float[outs];
                int[] atRef = new int[outs];
                ops.maxPoolForward(x, y, at, rows, c, h, w, pool, outH, outW);
                for (int i = 0; i < outs; i++) {
                    Pool.maxForward(i, x, yRef, atRef, h, w, pool, outH, outW);
                }
                assertThat(y).isEqualTo(yRef);
                assertThat(at).isEqualTo(atRef);

                float[] dy = data(outs, 7, false);
                float[] dx = data(x.length, 8, false); // stale values must be overwritten
                float[] dxRef = new float[x.length];
                ops.maxPoolBackward(dy, at, dx, rows, c, h, w, pool, outH, outW);
                for (int i = 0; i < x.length; i++) {
                    Pool.maxBackward(i, dy, atRef, dxRef, h, w, pool, outH, outW);
                }
                assertThat(dx).isEqualTo(dxRef);
            }
        }
    }
}
