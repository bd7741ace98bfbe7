package io.initlab.backend.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.kernels.Regression;
import io.initlab.kernels.Standardize;
import org.junit.jupiter.api.Test;

/**
 * The JVM backend runs the regression and standardization kernels with exactly the bits of the one-index
 * bodies (tails that fill no vector, NaNs, signed zeros), whether it runs them itself or by the reference loop.
 */
class RegressionOpsParityTest {
    static final int ROWS = 7;
    static final int COLS = 37;

    @Test
    void regressionKernels() {
        try (JvmOps ops = new JvmOps(2)) {
            for (int outputs : new int[] {1, COLS}) {
                int n = ROWS * outputs;
                float[] y = JvmOpsParityTest.random(n, 21);
                float[] t = JvmOpsParityTest.random(n, 22);
                float[] loss = new float[ROWS], lossRef = new float[ROWS];
                ops.squaredError(y, t, loss, ROWS, outputs);
                float[] err = new float[ROWS], errRef = new float[ROWS];
                ops.absoluteError(y, t, err, ROWS, outputs);
                float[] dy = new float[n], dyRef = new float[n];
                float scale = 2f / n;
                ops.squaredErrorBackward(y, t, dy, ROWS, outputs, scale);
                for (int r = 0; r < ROWS; r++) {
                    Regression.squaredErrorRow(r, y, t, lossRef, outputs);
                    Regression.absoluteErrorRow(r, y, t, errRef, outputs);
                }
                for (int i = 0; i < n; i++) {
                    Regression.squaredErrorBackward(i, y, t, dyRef, scale);
                }
                assertThat(loss).as("squaredError, outputs " + outputs).containsExactly(lossRef);
                assertThat(err).as("absoluteError, outputs " + outputs).containsExactly(errRef);
                assertThat(dy).as("squaredErrorBackward, outputs " + outputs).containsExactly(dyRef);
            }
        }
    }

    @Test
    void standardization() {
        try (JvmOps ops = new JvmOps(2)) {
            int n = ROWS * COLS;
            float[] x = JvmOpsParityTest.random(n, 23);
            float[] mean = JvmOpsParityTest.random(COLS, 24);
            float[] std = JvmOpsParityTest.random(COLS, 25);
            std[2] = 1e-7f;
            float[] y = new float[n], yRef = new float[n], dx = new float[n], dxRef = new float[n];
            ops.standardize(x, mean, std, y, ROWS, COLS);
            ops.standardizeBackward(x, std, dx, ROWS, COLS);
            for (int i = 0; i < n; i++) {
                Standardize.forward(i, x, mean, std, yRef, COLS);
                Standardize.backward(i, x, std, dxRef, COLS);
            }
            assertThat(y).containsExactly(yRef);
            assertThat(dx).containsExactly(dxRef);
        }
    }
}
