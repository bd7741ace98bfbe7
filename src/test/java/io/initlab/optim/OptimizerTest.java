package io.initlab.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.initlab.backend.jvm.JvmOps;
import io.initlab.init.Framework;
import io.initlab.model.Fans;
import io.initlab.model.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The optimizers against their textbook update rules computed in double precision (PyTorch's forms:
 * Adam with bias-corrected moments, SGD with heavy-ball momentum, RMSprop with ε outside the root; Keras'
 * forms: Adam with ε hat, RMSprop with ε inside the root), the registry's defaults per framework and its
 * errors, and the text that goes into config hashes.
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

    /** Keras' Adam (keras/src/optimizers/adam.py): α = lr·√(1-β2ᵗ)/(1-β1ᵗ); w -= α·m / (√v + ε). */
    @Test
    void kerasAdamAddsEpsilonHatToTheRawRoot() {
        double lr = 1e-2, b1 = 0.8, b2 = 0.99, eps = 1e-3; // a large ε, so that its placement shows
        float[] got = run(new Adam(lr, b1, b2, eps, true), 0.5f);
        float[] pytorch = run(new Adam(lr, b1, b2, eps, false), 0.5f);
        double w = 0.5, m = 0, v = 0;
        for (int t = 1; t <= GRADIENTS.length; t++) {
            double g = GRADIENTS[t - 1];
            m += (g - m) * (1 - b1);
            v += (g * g - v) * (1 - b2);
            double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            w -= m * alpha / (Math.sqrt(v) + eps);
            assertThat((double) got[t - 1]).as("step " + t).isCloseTo(w, offset(2e-7));
        }
        assertThat(Math.abs(got[0] - pytorch[0])).as("the forms differ at this ε").isGreaterThan(1e-5f);
    }

    /** Steps of RMSprop in double precision: v = ρv + (1-ρ)g²; w -= lr·g / (√(v + εin) + εout). */
    static double[] rmspropReference(double lr, double rho, double epsInside, double epsOutside, double w0) {
        double w = w0, v = 0;
        double[] out = new double[GRADIENTS.length];
        for (int t = 0; t < GRADIENTS.length; t++) {
            double g = GRADIENTS[t];
            v = rho * v + (1 - rho) * g * g;
            w -= lr * g / (Math.sqrt(v + epsInside) + epsOutside);
            out[t] = w;
        }
        return out;
    }

    @Test
    void rmspropFollowsPyTorchsRuleWithEpsilonOutsideTheRoot() {
        double lr = 1e-2, alpha = 0.95, eps = 1e-3;
        float[] got = run(new RmsProp(lr, alpha, eps, false), 0.5f);
        double[] want = rmspropReference(lr, alpha, 0, eps, 0.5);
        for (int t = 0; t < want.length; t++) {
            assertThat((double) got[t]).as("step " + (t + 1)).isCloseTo(want[t], offset(2e-7));
        }
    }

    @Test
    void rmspropFollowsKerasRuleWithEpsilonInsideTheRoot() {
        double lr = 1e-2, rho = 0.9, eps = 1e-3;
        float[] got = run(new RmsProp(lr, rho, eps, true), 0.5f);
        double[] want = rmspropReference(lr, rho, eps, 0, 0.5);
        for (int t = 0; t < want.length; t++) {
            assertThat((double) got[t]).as("step " + (t + 1)).isCloseTo(want[t], offset(2e-7));
        }
        // the first step by hand: v = 0.1·0.1² = 0.001; w = 0.5 - 0.01·0.1/√(0.001 + 0.001)
        assertThat((double) got[0]).isCloseTo(0.5 - 0.001 / Math.sqrt(0.002), offset(1e-7));
        assertThat(Math.abs(got[0] - run(new RmsProp(lr, rho, eps, false), 0.5f)[0])).isGreaterThan(1e-4f);
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
                .hasMessage("unknown optimizer 'rmsprop2'; known: sgd, adam, rmsprop");
        assertThatThrownBy(() -> OptimizerRegistry.create("sgd", Map.of("lr", 1.0, "beta1", 0.9)))
                .hasMessage("sgd has no setting 'beta1'; it takes lr, momentum");
        assertThatThrownBy(() -> OptimizerRegistry.create("adam", Map.of())).hasMessage("adam needs setting 'lr'");
        assertThatThrownBy(() -> new Adam(-1, 0.9, 0.999, 1e-8)).hasMessageContaining("learning rate must be > 0");
        assertThatThrownBy(() -> new Sgd(0.1, 1)).hasMessageContaining("momentum must be in [0, 1)");
        assertThatThrownBy(() -> new RmsProp(0.1, 1, 1e-7, true)).hasMessageContaining("rho must be in [0, 1)");
        assertThatThrownBy(() -> new RmsProp(0.1, 0.9, 0, true)).hasMessageContaining("eps must be > 0");
        assertThatThrownBy(() -> OptimizerRegistry.create("sgd", Framework.KERAS, Framework.KERAS, Map.of("lr", 0.1)))
                .hasMessage("sgd is computed alike in Keras and PyTorch: it takes no form");
        assertThatThrownBy(() -> OptimizerRegistry.create("rmsprop", Framework.KERAS, Framework.NONE, Map.of("lr", 0.1)))
                .hasMessage("the form of rmsprop is keras or pytorch, not none");
    }

    /** What keras.optimizers.X() and torch.optim.X(params, lr) give when the code sets nothing but lr. */
    @Test
    void eachFrameworkGivesItsOwnDefaultsAndForm() {
        Map<String, Double> lr = Map.of("lr", 1e-3);
        assertThat(OptimizerRegistry.create("rmsprop", Framework.KERAS, null, lr)).isEqualTo(new RmsProp(1e-3, 0.9, 1e-7, true));
        assertThat(OptimizerRegistry.create("rmsprop", Framework.PYTORCH, null, lr)).isEqualTo(new RmsProp(1e-3, 0.99, 1e-8, false));
        assertThat(OptimizerRegistry.create("rmsprop", Framework.NONE, null, lr)).isEqualTo(new RmsProp(1e-3, 0.99, 1e-8, false));
        assertThat(OptimizerRegistry.create("adam", Framework.KERAS, null, lr)).isEqualTo(new Adam(1e-3, 0.9, 0.999, 1e-7, true));
        assertThat(OptimizerRegistry.create("adam", Framework.PYTORCH, null, lr)).isEqualTo(new Adam(1e-3, 0.9, 0.999, 1e-8, false));
        assertThat(OptimizerRegistry.create("adam", Framework.NONE, null, lr)).isEqualTo(Adam.withLr(1e-3));
        assertThat(OptimizerRegistry.create("sgd", Framework.KERAS, null, lr)).isEqualTo(new Sgd(1e-3, 0));
        // every setting and the form can be overridden
        assertThat(OptimizerRegistry.create("rmsprop", Framework.KERAS, Framework.PYTORCH, Map.of("lr", 1e-2, "rho", 0.5, "eps", 1e-4)))
                .isEqualTo(new RmsProp(1e-2, 0.5, 1e-4, false));
        assertThat(OptimizerConfig.of("adam", Framework.KERAS, 1e-3, 0.9)).isEqualTo(new Adam(1e-3, 0.9, 0.999, 1e-7, true));
        assertThat(OptimizerConfig.of("adam", 1e-3, 0.9)).isEqualTo(Adam.withLr(1e-3));
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
        assertThat(new Adam(1e-3, 0.9, 0.999, 1e-8, true).canonical()).isNotEqualTo(base).contains("eps_hat");
        assertThat(new Adam(1e-3, 0.9, 0.999, 1e-7, true).toString()).isEqualTo("adam(lr=0.00100000, eps=1.00000e-07 hat)");
        // RMSprop prints every field and its form
        String rms = new RmsProp(1e-3, 0.9, 1e-7, true).canonical();
        assertThat(rms).isEqualTo("rmsprop(lr=0.001, rho=0.9, eps=1.0E-7 inside the root)");
        for (OptimizerConfig other : List.of(new RmsProp(1e-3, 0.9, 1e-7, false), new RmsProp(1e-3, 0.99, 1e-7, true),
                new RmsProp(1e-3, 0.9, 1e-8, true), new RmsProp(2e-3, 0.9, 1e-7, true))) {
            assertThat(other.canonical()).as(other.toString()).isNotEqualTo(rms);
        }
    }
}
