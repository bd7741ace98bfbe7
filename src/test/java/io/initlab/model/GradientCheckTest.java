package io.initlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.backend.jvm.JvmOps;
import io.initlab.init.InitSpec;
import io.initlab.init.Initialization;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Backpropagated gradients against central finite differences of the loss, for every activation,
 * with and without dropout (the mask is fixed by the step counter, so the loss is a smooth function).
 */
class GradientCheckTest {
    static JvmOps ops;

    @BeforeAll
    static void up() {
        ops = new JvmOps(1);
    }

    @AfterAll
    static void down() {
        ops.close();
    }

    static final int ROWS = 5;
    static final int IN = 7;

    static float[] input(long seed) {
        Random r = new Random(seed);
        float[] x = new float[ROWS * IN];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    static final int[] LABELS = {0, 2, 1, 2, 0};

    static double loss(Network net, float[] x, boolean training) {
        System.arraycopy(LABELS, 0, (int[]) net.loss().targets(), 0, ROWS);
        float[] logits = net.forward(ops, x, ROWS, training);
        net.loss().forward(ops, logits, ROWS);
        return net.loss().meanLoss(ROWS);
    }

    static void check(ModelSpec spec, boolean training) {
        Network net = new Network(spec, ROWS, 11);
        net.stepCounter()[0] = 3;
        Initialization.apply(ops, net.parameters(), InitSpec.parse("normal(std=0.5)"), InitSpec.parse("normal(std=0.3)"), 21);
        float[] x = input(5);
        loss(net, x, training);
        net.backward(ops, x, ROWS);
        for (Parameter p : net.parameters()) {
            float[] analytic = p.grad.clone();
            for (int i = 0; i < p.size(); i++) {
                float keep = p.value[i];
                float h = 1e-2f;
                p.value[i] = keep + h;
                double up = loss(net, x, training);
                p.value[i] = keep - h;
                double down = loss(net, x, training);
                p.value[i] = keep;
                double numeric = (up - down) / (2 * h);
                assertThat((double) analytic[i]).as(p.name + "[" + i + "] " + spec.describe())
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-3 + 2e-2 * Math.abs(numeric)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void denseLayers(Activation act) {
        check(new ModelSpec(1, 1, IN, List.of(new LayerSpec.DenseSpec(6, act), new LayerSpec.DenseSpec(4, act),
                new LayerSpec.DenseSpec(3, Activation.IDENTITY))), false);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5})
    void withDropout(double rate) {
        check(new ModelSpec(1, 1, IN, List.of(new LayerSpec.DenseSpec(6, Activation.TANH), new LayerSpec.DropoutSpec(rate),
                new LayerSpec.DenseSpec(3, Activation.IDENTITY))), true);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void inputGradientOfADenseLayer(Activation act) {
        Dense d = new Dense("d", IN, 4, act, ROWS, 0);
        Initialization.apply(ops, d.parameters(), InitSpec.parse("normal(std=0.5)"), InitSpec.parse("normal(std=0.3)"), 3);
        float[] x = input(9);
        // L = Σ y·c for fixed weights c: dL/dy = c
        float[] c = input(10);
        float[] y = d.forward(ops, x, ROWS, true);
        float[] dy = new float[ROWS * 4];
        System.arraycopy(c, 0, dy, 0, dy.length);
        float[] dx = d.backward(ops, x, dy, ROWS, true).clone();
        for (int i = 0; i < x.length; i++) {
            float keep = x[i];
            float h = 1e-2f;
            x[i] = keep + h;
            double up = dot(d.forward(ops, x, ROWS, true), c, ROWS * 4);
            x[i] = keep - h;
            double down = dot(d.forward(ops, x, ROWS, true), c, ROWS * 4);
            x[i] = keep;
            double numeric = (up - down) / (2 * h);
            assertThat((double) dx[i]).isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-3 + 2e-2 * Math.abs(numeric)));
        }
        assertThat(y).isNotNull();
    }

    static double dot(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
