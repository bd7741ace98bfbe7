package io.initlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.initlab.backend.jvm.JvmOps;
import io.initlab.data.Dataset;
import io.initlab.loss.MeanSquaredErrorLoss;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code normalize} layer: adapt against numpy on the training rows only, the forward pass against Keras'
 * documented outputs, the backward pass and whole networks (standardization first and in the middle, MSE loss)
 * against finite differences.
 */
class NormalizationTest {
    static JvmOps ops;

    @BeforeAll
    static void up() {
        ops = new JvmOps(1);
    }

    @AfterAll
    static void down() {
        ops.close();
    }

    /** Six rows of three features; rows 1 and 4 (not training rows) hold outliers that would shift every statistic. */
    static final float[] TABLE = {
            1.5f, -2.0f, 300.0f,
            1000.0f, 5.0f, -7.0f,
            2.25f, 0.5f, 310.0f,
            0.75f, -1.0f, 290.5f,
            -500.0f, 80.0f, 0.0f,
            3.0f, 4.5f, 305.25f};
    static final int[] TRAIN_ROWS = {0, 2, 3, 5};

    static Dataset table() {
        return Dataset.regression("table", TABLE.clone(), new float[6], 3);
    }

    @Test
    void adaptEqualsNumpyOnTheTrainingRowsOnly() {
        Normalization n = new Normalization("normalize1", 3, 4);
        n.adapt(table(), TRAIN_ROWS);
        // python3: x[[0, 2, 3, 5]] as float32, then np.mean(.., axis=0) and np.var(.., axis=0) in float64
        assertThat(n.mean()).containsExactly(1.875f, 0.5f, 301.4375f);
        assertThat(n.variance()).containsExactly(0.703125f, 6.125f, 52.38671875f);
        // np.sqrt(np.float32(var)): 0.8385255, 2.4748738, 7.237867
        assertThat(n.std()).containsExactly(0.8385255f, 2.4748738f, 7.237867f);
        // all six rows would give means 84.583336, 14.5, 199.79167
        Normalization all = new Normalization("normalize1", 3, 4);
        all.adapt(table(), new int[] {0, 1, 2, 3, 4, 5});
        assertThat(all.mean()[0]).isCloseTo(84.583336f, within(1e-4f));
    }

    @Test
    void forwardIsKerasArithmetic() {
        Normalization n = new Normalization("normalize1", 3, 2);
        n.adapt(table(), TRAIN_ROWS);
        float[] y = n.forward(ops, new float[] {1000f, 5f, -7f, 1.5f, -2f, 300f}, 2, true);
        // python3, float32 as Keras: (x - mean) / np.maximum(np.sqrt(var), 1e-7)
        assertThat(y).containsExactly(1190.33349609375f, 1.8182744979858398f, -42.61442184448242f,
                -0.4472135901451111f, -1.0101525783538818f, -0.19860823452472687f);
    }

    @Test
    void kerasDocumentedExamples() {
        // keras.layers.Normalization docstring: adapt on [[0,7,4],[2,9,6],[0,7,4],[2,9,6]], call on [[0,7,4]] → [-1,-1,-1]
        Dataset d = Dataset.regression("doc", new float[] {0, 7, 4, 2, 9, 6, 0, 7, 4, 2, 9, 6}, new float[4], 3);
        Normalization n = new Normalization("normalize1", 3, 1);
        n.adapt(d, new int[] {0, 1, 2, 3});
        assertThat(n.forward(ops, new float[] {0, 7, 4}, 1, false)).containsExactly(-1f, -1f, -1f);
        // Normalization(mean=3., variance=2.) on [[1.], [2.], [3.]] → [-1.4142135, -0.70710677, 0.]
        Normalization given = new Normalization("normalize1", 1, 3);
        given.setStatistics(new double[] {3}, new double[] {2});
        assertThat(given.forward(ops, new float[] {1, 2, 3}, 3, false)).containsExactly(-1.4142135f, -0.70710677f, 0f);
    }

    @Test
    void aConstantFeatureUsesTheEpsilonFloorAndAnUnadaptedLayerIsTheIdentity() {
        Dataset d = Dataset.regression("constant", new float[] {5, 1, 5, 2, 5, 4}, new float[3], 2);
        Normalization n = new Normalization("normalize1", 2, 2);
        float[] x = {5.5f, 3f, 4.75f, -1f};
        assertThat(n.forward(ops, x, 2, false)).startsWith(x); // mean 0, variance 1 until adapted, as in Keras
        n.adapt(d, new int[] {0, 1, 2});
        assertThat(n.variance()[0]).isZero();
        assertThat(n.std()[0]).isEqualTo(Normalization.EPSILON);
        float[] y = n.forward(ops, new float[] {5f, 1f, 5.5f, 4f}, 2, false);
        assertThat(y[0]).isZero();
        assertThat(y[2]).isEqualTo(0.5f / 1e-7f);
    }

    @Test
    void backwardScalesByOneOverStdAndMatchesFiniteDifferences() {
        int rows = 3;
        Normalization n = new Normalization("normalize2", 3, rows);
        n.adapt(table(), TRAIN_ROWS);
        Random r = new Random(4);
        float[] x = new float[rows * 3];
        float[] c = new float[rows * 3]; // L = Σ c·y, so dL/dy = c
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 3);
            c[i] = (float) r.nextGaussian();
        }
        n.forward(ops, x, rows, true);
        float[] dx = n.backward(ops, x, c.clone(), rows, true).clone();
        assertThat(n.backward(ops, x, c, rows, false)).as("a first layer returns no input gradient").isNull();
        for (int i = 0; i < x.length; i++) {
            float keep = x[i];
            float h = 1e-2f;
            x[i] = keep + h;
            double up = weighted(n.forward(ops, x, rows, true), c);
            x[i] = keep - h;
            double down = weighted(n.forward(ops, x, rows, true), c);
            x[i] = keep;
            double numeric = (up - down) / (2 * h);
            GradientCheckTest.assertGradient("dL/dx[" + i + "]", dx[i], numeric);
            assertThat((double) dx[i]).isCloseTo(c[i] / n.std()[i % 3], within(1e-6));
        }
    }

    static double weighted(float[] y, float[] c) {
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            s += (double) y[i] * c[i];
        }
        return s;
    }

    @Test
    void networksWithStandardizationAndMseMatchFiniteDifferences() {
        // first (the regression MLP's place) and in the middle (its backward pass then matters)
        check(ModelSpec.parse(1, 3, List.of("normalize", "dense 5 relu", "dense 4 tanh", "dense 1")));
        check(ModelSpec.parse(1, 3, List.of("dense 5 tanh", "normalize", "dense 2")));
    }

    static void check(ModelSpec spec) {
        int rows = 4;
        Network net = new Network(spec, new MeanSquaredErrorLoss(), rows, 7);
        assertThat(net.parameters()).as("standardization adds no parameter").hasSize(2 * (spec.layers().size() - 1));
        Random r = new Random(12);
        for (Parameter p : net.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value[i] = (float) (r.nextGaussian() * 0.5);
            }
        }
        for (Layer l : net.layers()) {
            if (l instanceof Normalization n) {
                double[] mean = new double[n.inputFeatures()];
                double[] variance = new double[n.inputFeatures()];
                for (int f = 0; f < mean.length; f++) {
                    mean[f] = r.nextGaussian() * 0.3;
                    variance[f] = 0.2 + f * 0.5;
                }
                n.setStatistics(mean, variance);
            }
        }
        float[] x = new float[rows * 3];
        float[] t = new float[rows * net.outputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) r.nextGaussian();
        }
        System.arraycopy(t, 0, (float[]) net.loss().targets(), 0, t.length);
        loss(net, x, rows);
        net.backward(ops, x, rows);
        for (Parameter p : net.parameters()) {
            float[] analytic = p.grad.clone();
            double largest = 0;
            for (int i = 0; i < p.size(); i++) {
                float keep = p.value[i];
                float h = 1e-2f;
                p.value[i] = keep + h;
                double up = loss(net, x, rows);
                p.value[i] = keep - h;
                double down = loss(net, x, rows);
                p.value[i] = keep;
                double numeric = (up - down) / (2 * h);
                GradientCheckTest.assertGradient(p.name + "[" + i + "] " + spec.describe(), analytic[i], numeric);
                largest = Math.max(largest, Math.abs(numeric));
            }
            assertThat(largest).as("largest |dL/d%s|", p.name).isGreaterThan(1e-2);
        }
    }

    static double loss(Network net, float[] x, int rows) {
        float[] out = net.forward(ops, x, rows, true);
        net.loss().forward(ops, out, rows);
        return net.loss().meanLoss(rows);
    }

    @Test
    void parsedFromItsKeyword() {
        assertThat(LayerSpec.parse("normalize")).isEqualTo(new LayerSpec.NormalizeSpec());
        assertThat(LayerSpec.parse("  Normalize ").toString()).isEqualTo("normalize");
        assertThat(new LayerSpec.NormalizeSpec().outputShape(Shape.flat(8))).isEqualTo(Shape.flat(8));
        assertThatThrownBy(() -> LayerSpec.parse("normalize 3")).hasMessageContaining("write it as 'normalize'");
        assertThatThrownBy(() -> LayerSpec.parse("normalize init=he_normal")).hasMessageContaining("no parameters to initialize");
        Network net = new Network(ModelSpec.parse(1, 8, List.of("normalize", "dense 1")), new MeanSquaredErrorLoss(), 2, 1);
        assertThat(net.layers().get(0).name()).isEqualTo("normalize1");
    }

    @Test
    void adaptRejectsAWrongTableAndNoRows() {
        Normalization n = new Normalization("normalize1", 2, 4);
        assertThatThrownBy(() -> n.adapt(table(), TRAIN_ROWS)).hasMessage("normalize1 normalizes 2 features but table has 3");
        Normalization three = new Normalization("normalize1", 3, 4);
        assertThatThrownBy(() -> three.adapt(table(), new int[0])).hasMessageContaining("at least one training row");
        assertThatThrownBy(() -> three.adapt(table(), new int[] {6})).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> three.setStatistics(new double[] {0, 0, 0}, new double[] {1, -1, 1}))
                .hasMessageContaining("feature 1");
    }
}
