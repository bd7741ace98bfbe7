package io.initlab.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.initlab.backend.jvm.JvmOps;
import io.initlab.model.Fans;
import io.initlab.model.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The optimizers against their textbook update rules computed in double precision (PyTorch's forms:
 * Adam with bias-corrected moments, SGD with heavy-ball momentum), the registry's errors, and the text
 * that goes into config hashes.
 */
class OptimizerTest {
    static final double[] GRADIENTS = {0.1, -0.3, 0.05, 2.0, -0.7};

    /** Steps one scalar parameter w0 through the gradients; returns w after each step. */
    static float[] run(OptimizerConfig config, float w0) {
        Parameter p = new Parameter("w", 1, 1, Fans.dense(1, 1), false, 0);
        p.value[0] = w0;
        Optimizer o = config.create(List.of(p));
        float[] out = new float[GRADIENTS.length];
        try (JvmOps ops = new JvmOps(1)) {
            for (int t = 0; t < GRADIENTS.length; t++) {
                p.grad[0] = (float) GRADIENTS[t];
                o.prepare();
                o.update(ops);
                out[t] = p.value[0];
            }
        }
        return out;
    }

    @Test
    void adamFollowsTheBiasCorrectedRule() {
        double lr = 1e-2, b1 = 0.8, b2 = 0.99, eps = 1e-6;
        float[] got = run(new Adam(lr, b1, b2, eps), 0.5f);
        double w = 0.5, m = 0, v = 0;
        for (int t = 1; t <= GRADIENTS.length; t++) {
            double g = GRADIENTS[t - 1];
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            double mHat = m / (1 - Math.pow(b1, t));
            double vHat = v / (1 - Math.pow(b2, t));
            w -= lr * mHat / (Math.sqrt(vHat) + eps);
            assertThat((double) got[t - 1]).as("step " + t).isCloseTo(w, offset(2e-7));
        }
    }

    @Test
    void sgdFollowsTheMomentumRule() {
        double lr = 0.05, mu = 0.9;
        float[] got = run(new Sgd(lr, mu), -0.25f);
        double w = -0.25, v = 0;
        for (int t = 1; t <= GRADIENTS.length; t++) {
            v = mu * v + GRADIENTS[t - 1];
            w -= lr * v;
            assertThat((double) got[t - 1]).as("step " + t).isCloseTo(w, offset(2e-7));
        }
    }

    @Test
    void theRegistryBuildsByNameWithDefaults() {
        assertThat(OptimizerRegistry.create("adam", Map.of("lr", 1e-3))).isEqualTo(new Adam(1e-3, 0.9, 0.999, 1e-8));
        assertThat(OptimizerRegistry.create("SGD", Map.of("lr", 0.1))).isEqualTo(new Sgd(0.1, 0));
        assertThat(OptimizerConfig.of("sgd", 0.01, 0.9)).isEqualTo(new Sgd(0.01, 0.9));
        assertThatThrownBy(() -> OptimizerRegistry.create("rmsprop2", Map.of("lr", 1.0)))
                .hasMessage("unknown optimizer 'rmsprop2'; known: sgd, adam");
        assertThatThrownBy(() -> OptimizerRegistry.create("sgd", Map.of("lr", 1.0, "beta1", 0.9)))
                .hasMessage("sgd has no setting 'beta1'; it takes lr, momentum");
        assertThatThrownBy(() -> OptimizerRegistry.create("adam", Map.of())).hasMessage("adam needs setting 'lr'");
        assertThatThrownBy(() -> new Adam(-1, 0.9, 0.999, 1e-8)).hasMessageContaining("learning rate must be > 0");
        assertThatThrownBy(() -> new Sgd(0.1, 1)).hasMessageContaining("momentum must be in [0, 1)");
    }

    @Test
    void canonicalTextNamesEverySettingThatIsNotAtItsOriginalValue() {
        // the text of result folders written before β1, β2 and ε were settings: their hashes must not move
        assertThat(Adam.withLr(1e-3).canonical()).isEqualTo("adam(lr=0.00100000)");
        assertThat(new Sgd(0.01, 0.9).canonical()).isEqualTo("sgd(lr=0.0100000, momentum=0.900000)");
        String base = Adam.withLr(1e-3).canonical();
        assertThat(new Adam(1e-3, 0.8, 0.999, 1e-8).canonical()).isNotEqualTo(base).contains("beta1=0.8");
        assertThat(new Adam(1e-3, 0.9, 0.99, 1e-8).canonical()).isNotEqualTo(base).contains("beta2=0.99");
        assertThat(new Adam(1e-3, 0.9, 0.999, 1e-7).canonical()).isNotEqualTo(base).contains("eps=1.0E-7");
        assertThat(new Adam(0.0010000001, 0.9, 0.999, 1e-8).canonical()).isNotEqualTo(base);
        assertThat(new Adam(2e-3, 0.9, 0.999, 1e-8).canonical()).isNotEqualTo(base);
    }
}
