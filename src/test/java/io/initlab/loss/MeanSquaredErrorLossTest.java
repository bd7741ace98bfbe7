package io.initlab.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.initlab.backend.jvm.JvmOps;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MSE loss and its MAE score against a double-precision reference written here: the loss
 * L(y) = 1/(rows·outputs) Σ (y - t)² (Keras' mean_squared_error averaged over the batch), its gradient by
 * central finite differences of that reference, and the MAE by hand.
 */
class MeanSquaredErrorLossTest {
    static JvmOps ops;

    @BeforeAll
    static void up() {
        ops = new JvmOps(1);
    }

    @AfterAll
    static void down() {
        ops.close();
    }

    static float[] gaussian(Random r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }

    /** The batch loss in double: the independent reference. */
    static double referenceLoss(double[] y, float[] t, int rows, int outputs) {
        double s = 0;
        for (int i = 0; i < rows * outputs; i++) {
            double d = y[i] - t[i];
            s += d * d;
        }
        return s / (rows * outputs);
    }

    @Test
    void registeredUnderItsKerasName() {
        assertThat(LossRegistry.byName("MSE")).isEqualTo(new MeanSquaredErrorLoss());
        assertThat(LossRegistry.names()).contains("mse", "softmax_cross_entropy");
        Loss loss = new MeanSquaredErrorLoss().create(8, 3);
        assertThat(loss.targets()).isInstanceOf(float[].class);
        assertThat((float[]) loss.targets()).hasSize(24);
        assertThat((float[]) loss.scores()).hasSize(8);
        assertThat(loss.gradient()).hasSize(24);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void forwardAndGradientAgainstFiniteDifferencesOfADoubleReference(int outputs) {
        Random r = new Random(17 + outputs);
        int maxRows = 9;
        int rows = 7; // fewer rows than the buffers hold: the scale must use the batch's rows
        Loss loss = new MeanSquaredErrorLoss().create(maxRows, outputs);
        float[] t = (float[]) loss.targets();
        System.arraycopy(gaussian(r, rows * outputs, 2), 0, t, 0, rows * outputs);
        float[] y = gaussian(r, maxRows * outputs, 2);
        loss.forward(ops, y, rows);
        loss.backward(ops, rows);

        double[] yd = new double[rows * outputs];
        for (int i = 0; i < yd.length; i++) {
            yd[i] = y[i];
        }
        double reference = referenceLoss(yd, t, rows, outputs);
        assertThat(loss.meanLoss(rows)).isCloseTo(reference, within(1e-6 * reference));
        for (int row = 0; row < rows; row++) {
            double s = 0;
            for (int j = 0; j < outputs; j++) {
                double d = yd[row * outputs + j] - t[row * outputs + j];
                s += d * d;
            }
            assertThat((double) loss.rowLoss()[row]).as("row %d", row).isCloseTo(s / outputs, within(1e-6 * (s + 1)));
        }

        double h = 1e-4;
        double largest = 0;
        for (int i = 0; i < rows * outputs; i++) {
            double keep = yd[i];
            yd[i] = keep + h;
            double up = referenceLoss(yd, t, rows, outputs);
            yd[i] = keep - h;
            double down = referenceLoss(yd, t, rows, outputs);
            yd[i] = keep;
            double numeric = (up - down) / (2 * h);
            largest = Math.max(largest, Math.abs(numeric));
            assertThat((double) loss.gradient()[i]).as("dL/dy[%d]", i).isCloseTo(numeric, within(1e-5 * (Math.abs(numeric) + 1e-3)));
        }
        assertThat(largest).as("a non-trivial gradient").isGreaterThan(0.1);
    }

    @Test
    void maeAndMseByHand() {
        // rows [1, 2] and [3, 5] against [0, 4] and [3, 1]: absolute errors (1 + 2)/2 and (0 + 4)/2,
        // squared errors (1 + 4)/2 and (0 + 16)/2
        Loss loss = new MeanSquaredErrorLoss().create(4, 2);
        System.arraycopy(new float[] {0, 4, 3, 1}, 0, (float[]) loss.targets(), 0, 4);
        float[] y = {1, 2, 3, 5, 99, 99, 99, 99}; // the rows past the batch must not count
        loss.forward(ops, y, 2);
        loss.score(ops, y, 2);
        assertThat((float[]) loss.scores()).startsWith(1.5f, 2f);
        assertThat(loss.scoreSum(2) / 2).isEqualTo(1.75);
        assertThat(loss.rowLoss()).startsWith(2.5f, 8f);
        assertThat(loss.meanLoss(2)).isEqualTo(5.25);
        loss.backward(ops, 2);
        // 2 (y - t) / (rows · outputs) = (y - t) / 2
        assertThat(loss.gradient()).startsWith(0.5f, -1f, 0f, 2f);
    }

    @Test
    void oneOutputMaeIsTheMeanAbsoluteError() {
        Loss loss = new MeanSquaredErrorLoss().create(3, 1);
        System.arraycopy(new float[] {1f, 1f, 3.25f}, 0, (float[]) loss.targets(), 0, 3);
        loss.score(ops, new float[] {1.5f, -2f, 3f}, 3);
        assertThat(loss.scoreSum(3) / 3).isEqualTo((0.5 + 3 + 0.25) / 3);
    }

    @Test
    void aNonFiniteOutputGivesANonFiniteLoss() {
        Loss loss = new MeanSquaredErrorLoss().create(2, 1);
        loss.forward(ops, new float[] {Float.NaN, 1f}, 2);
        assertThat(loss.meanLoss(2)).isNaN();
        loss.forward(ops, new float[] {3e38f, 1f}, 2); // (3e38)² overflows float: the trainer sees divergence
        assertThat(loss.meanLoss(2)).isInfinite();
    }
}
