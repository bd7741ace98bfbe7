package io.initlab.backend.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.kernels.Activations;
import io.initlab.kernels.Conv;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The convolution and pooling kernels split samples (planes, channels) over the worker pool; each output is
 * computed by one thread in the same order whatever the split, so a conv layer's forward and backward pass
 * must give the same bits on 1, 2 and 3 threads. Shapes are above the pool's threshold, so the calls do split.
 */
class ConvThreadsTest {

    /** One conv layer (3×3 same, ReLU, 2×2 max pool), forward and backward; every array it produces. */
    static List<Object> convLayer(int threads, int kind) {
        int rows = 32;
        int c = 3;
        int h = 20;
        int w = 20;
        int f = 8;
        int k = 3;
        int pad = Conv.padBefore(k, true);
        int pixels = h * w;
        int taps = c * k * k;
        int ph = h / 2;
        int pw = w / 2;
        Random r = new Random(17);
        float[] x = gaussian(r, rows * c * h * w);
        float[] weights = gaussian(r, taps * f);
        float[] bias = gaussian(r, f);
        float[] dyPooled = gaussian(r, rows * f * ph * pw);
        float[] cols = new float[rows * pixels * taps];
        float[] g = new float[rows * pixels * f];
        float[] z = new float[rows * f * pixels];
        float[] y = new float[z.length];
        float[] pooled = new float[rows * f * ph * pw];
        int[] argmax = new int[pooled.length];
        float[] dy = new float[z.length];
        float[] dz = new float[z.length];
        float[] db = new float[f];
        float[] dcols = new float[cols.length];
        float[] dx = new float[x.length];
        try (JvmOps ops = new JvmOps(threads)) {
            ops.im2col(x, cols, rows, c, h, w, k, k, h, w, pad, pad);
            ops.gemmNN(cols, weights, g, rows * pixels, f, taps);
            ops.channelBiasActivation(g, bias, z, y, rows, f, pixels, kind, 0.1f);
            ops.maxPoolForward(y, pooled, argmax, rows, f, h, w, 2, ph, pw);
            ops.maxPoolBackward(dyPooled, argmax, dy, rows, f, h, w, 2, ph, pw);
            ops.channelActivationBackward(z, y, dy, dz, rows, f, pixels, kind, 0.1f);
            ops.channelBiasGradient(z, y, dy, db, rows, f, pixels, kind, 0.1f);
            ops.gemmNT(dz, weights, dcols, rows * pixels, taps, f);
            ops.col2im(dcols, dx, rows, c, h, w, k, k, h, w, pad, pad);
        }
        return new ArrayList<>(List.of(cols, g, z, y, pooled, argmax, dy, dz, db, dcols, dx));
    }

    static float[] gaussian(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void aConvLayerGivesTheSameBitsOnAnyNumberOfThreads() {
        for (int kind : new int[] {Activations.RELU, Activations.LEAKY_RELU, Activations.TANH}) {
            List<Object> one = convLayer(1, kind);
            for (int threads : new int[] {2, 3}) {
                List<Object> many = convLayer(threads, kind);
                for (int i = 0; i < one.size(); i++) {
                    String what = "array " + i + ", kind " + kind + ", " + threads + " threads";
                    if (one.get(i) instanceof int[] a) {
                        assertThat((int[]) many.get(i)).as(what).isEqualTo(a);
                    } else {
                        float[] a = (float[]) one.get(i);
                        float[] b = (float[]) many.get(i);
                        assertThat(b.length).as(what).isEqualTo(a.length);
                        for (int j = 0; j < a.length; j++) {
                            if (Float.floatToRawIntBits(a[j]) != Float.floatToRawIntBits(b[j])) {
                                throw new AssertionError(what + ": element " + j + " is " + b[j] + ", on 1 thread " + a[j]);
                            }
                        }
                    }
                }
            }
        }
    }
}
