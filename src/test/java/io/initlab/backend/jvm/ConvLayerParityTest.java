package io.initlab.backend.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.backend.Ops;
import io.initlab.model.Activation;
import io.initlab.model.Conv2D;
import io.initlab.model.LayerSpec;
import io.initlab.model.Parameter;
import io.initlab.model.Shape;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A whole conv layer of the DL-A1 CNNs, forward and backward, on the JVM backend's fast paths (im2col,
 * the blocked GEMM with depth passes in the weight gradient, the scatter col2im; 1 and 2 threads) against
 * the same layer on the one-index kernel bodies (Ops' default loops). The layout kernels must agree bit for
 * bit (they are tested alone in FastConvTest); here the outputs and gradients agree within the GEMM's
 * summation-order tolerance, at batch 64 where the weight gradient's depth is 64 · pixels.
 */
class ConvLayerParityTest {

    static float[] gaussian(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    /** y, dW, db and dx of one forward + backward pass of a fresh layer with seeded weights. */
    static float[][] pass(Ops ops, int c, int h, int w, int filters, int rows) {
        Conv2D conv = new Conv2D("c", Shape.image(c, h, w), new LayerSpec.ConvSpec(filters, 3, 3, Activation.RELU, false),
                rows, 0);
        Random r = new Random(5);
        Parameter weight = conv.parameters().get(0);
        Parameter bias = conv.parameters().get(1);
        System.arraycopy(gaussian(r, weight.size()), 0, weight.value, 0, weight.size());
        System.arraycopy(gaussian(r, bias.size()), 0, bias.value, 0, bias.size());
        float[] x = gaussian(r, rows * c * h * w);
        float[] y = conv.forward(ops, x, rows, true).clone();
        float[] dy = gaussian(r, rows * conv.outputFeatures());
        float[] dx = conv.backward(ops, x, dy, rows, true).clone();
        return new float[][] {y, weight.grad.clone(), bias.grad.clone(), dx};
    }

    @ParameterizedTest(name = "{0}x{1}x{2} -> {3}, batch {4}, {5} thread(s)")
    @CsvSource({"3, 32, 32, 32, 64, 1", "3, 32, 32, 32, 64, 2", "32, 13, 13, 64, 64, 2", "32, 15, 15, 64, 64, 1",
            "1, 28, 28, 32, 64, 2"})
    void theFastConvLayerMatchesTheKernelBodies(int c, int h, int w, int filters, int rows, int threads) {
        float[][] ref = pass(new Ops() {}, c, h, w, filters, rows);
        float[][] got;
        try (JvmOps ops = new JvmOps(threads)) {
            got = pass(ops, c, h, w, filters, rows);
        }
        String[] names = {"y", "dW", "db", "dx"};
        // each value is a sum of `depth` products of N(0,1) terms, rounded in another order (FMA, blocks):
        // the difference stays far below depth·ε·|terms| (ε = 6e-8); a wrong path is off by O(1)
        int[] depth = {c * 9, rows * (h - 2) * (w - 2), rows * (h - 2) * (w - 2), filters * 9};
        for (int t = 0; t < names.length; t++) {
            float tol = 4e-6f * depth[t];
            for (int i = 0; i < ref[t].length; i++) {
                assertThat(got[t][i]).as(names[t] + "[" + i + "]").isCloseTo(ref[t][i], Offset.offset(tol));
            }
        }
    }
}
