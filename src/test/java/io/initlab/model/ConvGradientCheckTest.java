package io.initlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.backend.jvm.JvmOps;
import io.initlab.init.InitSpec;
import io.initlab.init.Initialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Backpropagation through conv, maxpool and flatten against central finite differences of the loss:
 * every parameter element of small CNNs, and the input gradients of Conv2D and MaxPool2D alone. The
 * step is small (1e-3) because max pooling is only piecewise smooth: a larger step would move some
 * windows' winners.
 */
class ConvGradientCheckTest {
    static JvmOps ops;

    @BeforeAll
    static void up() {
        ops = new JvmOps(1);
    }

    @AfterAll
    static void down() {
        ops.close();
    }

    static final int ROWS = 3;
    static final int[] LABELS = {0, 2, 1};
    static final float H = 1e-3f;

    static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    static double loss(Network net, float[] x) {
        System.arraycopy(LABELS, 0, (int[]) net.loss().targets(), 0, ROWS);
        float[] logits = net.forward(ops, x, ROWS, true);
        net.loss().forward(ops, logits, ROWS);
        return net.loss().meanLoss(ROWS);
    }

    static boolean close(double analytic, double numeric) {
        return Math.abs(analytic - numeric) <= 2e-3 + 2e-2 * Math.abs(numeric);
    }

    static void assertGradient(String what, double analytic, double numeric) {
        assertThat(analytic).as(what).isCloseTo(numeric, Offset.offset(2e-3 + 2e-2 * Math.abs(numeric)));
    }

    static void checkEveryParameter(ModelSpec spec) {
        Network net = new Network(spec, ROWS, 11);
        Initialization.apply(ops, net.parameters(), InitSpec.parse("normal(std=0.5)"), InitSpec.parse("normal(std=0.3)"), 21);
        float[] x = gaussian(ROWS * spec.inputFeatures(), 5);
        loss(net, x);
        net.backward(ops, x, ROWS);
        int checked = 0;
        List<String> kinks = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            float[] analytic = p.grad.clone();
            for (int i = 0; i < p.size(); i++) {
                float keep = p.value[i];
                double mid = loss(net, x);
                p.value[i] = keep + H;
                double up = loss(net, x);
                p.value[i] = keep - H;
                double down = loss(net, x);
                p.value[i] = keep;
                String what = p.name + "[" + i + "] " + spec.describe();
                checked++;
                if (!close(analytic[i], (up - down) / (2 * H))) {
                    // a window's winner changed within ±H: the loss has a kink there and the analytic
                    // gradient is one of the one-sided derivatives
                    assertThat(close(analytic[i], (up - mid) / H) || close(analytic[i], (mid - down) / H))
                            .as(what + ": analytic " + analytic[i] + ", one-sided " + (up - mid) / H + " / " + (mid - down) / H)
                            .isTrue();
                    kinks.add(what);
                }
            }
        }
        // a near-tie in one window touches every weight of its channel, so kinks come in groups
        assertThat(kinks.size()).as("elements at a kink: " + kinks).isLessThanOrEqualTo(Math.max(1, checked / 10));
    }

    static ModelSpec model(int c, int h, int w, String... lines) {
        List<LayerSpec> specs = new ArrayList<>();
        for (String l : lines) {
            specs.add(LayerSpec.parse(l));
        }
        return new ModelSpec(c, h, w, specs);
    }

    @Test
    void convPoolFlattenDense() {
        checkEveryParameter(model(1, 8, 8, "conv 4 3x3 tanh", "maxpool 2", "flatten", "dense 3"));
    }

    /** Two convolutions, so the second's input gradient (col2im) reaches the first's weights. */
    @Test
    void stackedConvolutionsWithSamePaddingAndThreeChannels() {
        checkEveryParameter(model(3, 7, 7, "conv 3 3x3 tanh same", "conv 4 2x2 sigmoid same", "maxpool 2", "conv 2 2x2 leaky_relu",
                "flatten", "dense 5 tanh", "dense 3"));
    }

    @Test
    void reluConvolutionsAndDenseWithoutFlatten() {
        checkEveryParameter(model(2, 6, 5, "conv 3 5x5 relu same", "conv 2 1x1 identity", "maxpool 2", "dense 3"));
    }

    /** L = Σ y·c for fixed c, so dL/dy = c; compares the returned dL/dx with finite differences. */
    static void checkInputGradient(Layer layer, float[] x, int rows) {
        int inFeatures = layer.inputFeatures();
        float[] c = gaussian(rows * layer.outputFeatures(), 10);
        layer.forward(ops, x, rows, true);
        float[] dx = layer.backward(ops, x, c, rows, true).clone();
        for (int i = 0; i < rows * inFeatures; i++) {
            float keep = x[i];
            x[i] = keep + H;
            double up = dot(layer.forward(ops, x, rows, true), c, rows * layer.outputFeatures());
            x[i] = keep - H;
            double down = dot(layer.forward(ops, x, rows, true), c, rows * layer.outputFeatures());
            x[i] = keep;
            assertGradient(layer.name() + " dx[" + i + "]", dx[i], (up - down) / (2 * H));
        }
    }

    static double dot(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @ParameterizedTest(name = "{0}x{1}x{2} -> {3} {4}x{5} {6} {7}")
    @CsvSource({"1, 6, 6, 2, 3, 3, valid, tanh", "3, 5, 4, 2, 3, 3, same, identity", "2, 5, 5, 3, 2, 2, same, sigmoid",
            "2, 4, 7, 2, 2, 3, valid, tanh", "1, 3, 3, 2, 4, 4, same, identity", "3, 4, 4, 2, 1, 1, valid, tanh"})
    void convInputGradient(int inC, int h, int w, int outC, int kh, int kw, String padding, String act) {
        Conv2D conv = new Conv2D("conv", Shape.image(inC, h, w),
                new LayerSpec.ConvSpec(outC, kh, kw, Activation.parse(act), padding.equals("same")), 2, 0);
        Initialization.apply(ops, conv.parameters(), InitSpec.parse("normal(std=0.5)"), InitSpec.parse("normal(std=0.3)"), 3);
        checkInputGradient(conv, gaussian(2 * inC * h * w, 9), 2);
    }

    /** Inputs 0.05 apart (shuffled), so that a step of H never changes a window's winner. */
    @ParameterizedTest(name = "{0}x{1}x{2} pool {3}")
    @CsvSource({"2, 6, 6, 2", "3, 7, 5, 2", "1, 9, 9, 3"})
    void maxPoolInputGradient(int c, int h, int w, int pool) {
        int n = 2 * c * h * w;
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(0.05f * (i - n / 2));
        }
        java.util.Collections.shuffle(values, new Random(12));
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = values.get(i);
        }
        checkInputGradient(new MaxPool2D("pool", Shape.image(c, h, w), pool, 2), x, 2);
    }
}
