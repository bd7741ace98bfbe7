package io.initlab.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.initlab.backend.jvm.JvmOps;
import io.initlab.model.Fans;
import io.initlab.model.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's formulas against hand-computed values, and sampled tensors against their laws. */
class InitializersTest {
    static final Fans F = Fans.dense(784, 256);

    static Law r(String spec) {
        return Initializers.resolve(InitSpec.parse(spec), F);
    }

    @Test
    void closedFormScales() {
        assertThat(((Law.Uniform) r("xavier_uniform")).hi()).isCloseTo(Math.sqrt(6.0 / 1040), offset(1e-12));
        assertThat(((Law.Normal) r("xavier_normal")).std()).isCloseTo(Math.sqrt(2.0 / 1040), offset(1e-12));
        assertThat(((Law.Normal) r("he_normal")).std()).isCloseTo(Math.sqrt(2.0 / 784), offset(1e-12));
        assertThat(((Law.Normal) r("he_normal(mode=fan_out)")).std()).isCloseTo(Math.sqrt(2.0 / 256), offset(1e-12));
        assertThat(((Law.Uniform) r("he_uniform")).hi()).isCloseTo(Math.sqrt(6.0 / 784), offset(1e-12));
        assertThat(((Law.Uniform) r("he_uniform(gain=1)")).hi()).isCloseTo(Math.sqrt(3.0 / 784), offset(1e-12));
        assertThat(((Law.Uniform) r("lecun_uniform")).hi()).isCloseTo(Math.sqrt(3.0 / 784), offset(1e-12));
        assertThat(((Law.Normal) r("lecun_normal")).std()).isCloseTo(1 / 28.0, offset(1e-12));
        assertThat(((Law.Uniform) r("general_rule")).lo()).isCloseTo(-1 / 28.0, offset(1e-12));
        assertThat(((Law.Uniform) r("pytorch_default")).hi()).isCloseTo(1 / 28.0, offset(1e-12));
        assertThat(((Law.Uniform) r("keras_default")).hi()).isCloseTo(Math.sqrt(6.0 / 1040), offset(1e-12));
        assertThat(((Law.TruncatedNormal) r("keras_he_normal")).std()).isCloseTo(Math.sqrt(2.0 / 784) / 0.87962566103423978, offset(1e-12));
        assertThat(((Law.TruncatedNormal) r("keras_he_normal")).cut()).isEqualTo(2);
        assertThat(((Law.TruncatedNormal) r("keras_lecun_normal")).std()).isCloseTo(Math.sqrt(1.0 / 784) / 0.87962566103423978, offset(1e-12));
        assertThat(Math.sqrt(r("keras_lecun_normal").variance())).isCloseTo(1 / 28.0, offset(1e-6));
        // Keras' correction makes the truncated law's std the nominal one
        assertThat(Math.sqrt(r("keras_glorot_normal").variance())).isCloseTo(Math.sqrt(2.0 / 1040), offset(1e-6));
        assertThat(r("uniform(-0.5, 0.5)")).isEqualTo(new Law.Uniform(-0.5, 0.5));
        assertThat(r("uniform(a=-0.1, b=0.1)")).isEqualTo(new Law.Uniform(-0.1, 0.1));
        assertThat(r("constant(0.3)")).isEqualTo(new Law.Constant(0.3));
        assertThat(r("truncated_normal(std=0.1)")).isEqualTo(new Law.TruncatedNormal(0, 0.1, 2));
    }

    @Test
    void pytorchDefaultHasItsOwnBias() {
        assertThat(Initializers.defaultBias(InitSpec.of("pytorch_default"), F)).isEqualTo(new Law.Uniform(-1 / 28.0, 1 / 28.0));
        assertThat(Initializers.defaultBias(InitSpec.of("he_normal"), F)).isEqualTo(new Law.Constant(0));
    }

    @Test
    void badSpecsAreExplained() {
        assertThatThrownBy(() -> r("glorot")).hasMessageContaining("unknown initializer 'glorot'").hasMessageContaining("xavier_uniform");
        assertThatThrownBy(() -> r("uniform(c=1)")).hasMessageContaining("no parameter 'c'");
        assertThatThrownBy(() -> r("uniform(1, 0)")).hasMessageContaining("a < b");
        assertThatThrownBy(() -> r("normal(std=-1)")).hasMessageContaining("std must be >= 0");
        assertThatThrownBy(() -> r("normal(std=abc)")).hasMessageContaining("finite number");
        assertThatThrownBy(() -> r("he_normal(mode=sideways)")).hasMessageContaining("fan_in, fan_out or fan_avg");
        assertThatThrownBy(() -> r("constant")).hasMessageContaining("needs parameter 'value'");
        assertThatThrownBy(() -> r("zeros(1)")).hasMessageContaining("takes 0 argument");
        assertThatThrownBy(() -> InitSpec.parse("uniform(a=1, 2)")).hasMessageContaining("positional argument after");
    }

    @Test
    void everyInitializerFillsATensorWithItsLaw() {
        try (JvmOps ops = new JvmOps(1)) {
            for (Initializers.Entry e : Initializers.all()) {
                InitSpec spec = e.name().equals("constant") ? InitSpec.parse("constant(0.25)") : InitSpec.of(e.name());
                Parameter p = new Parameter("w", 784, 256, F, false, 0);
                Initialization.apply(ops, List.of(p), spec, null, 99);
                Law d = Initializers.resolve(spec, F);
                if (Double.isNaN(d.variance())) {
                    continue; // orthogonal / identity: structural checks below
                }
                double[] m = io.initlab.train.Diagnostics.moments(p.value, p.size());
                double se = Math.sqrt(d.variance() / p.size());
                assertThat(m[0]).as(e.name() + " mean").isCloseTo(d.mean(), offset(6 * se + 1e-7));
                assertThat(m[1]).as(e.name() + " variance").isCloseTo(d.variance(), offset(0.02 * d.variance() + 1e-9));
            }
        }
    }

    @Test
    void orthogonalGivesOrthonormalColumnsOrRows() {
        try (JvmOps ops = new JvmOps(1)) {
            for (int[] shape : new int[][] {{200, 50}, {50, 200}, {64, 64}}) {
                int rows = shape[0], cols = shape[1];
                Parameter p = new Parameter("w", rows, cols, Fans.dense(rows, cols), false, 3);
                Initialization.apply(ops, List.of(p), InitSpec.parse("orthogonal(gain=2)"), null, 7);
                boolean tall = rows >= cols;
                int k = tall ? cols : rows;
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        double dot = 0;
                        for (int t = 0; t < (tall ? rows : cols); t++) {
                            dot += tall ? p.value[t * cols + a] * p.value[t * cols + b] : p.value[a * cols + t] * p.value[b * cols + t];
                        }
                        assertThat(dot).isCloseTo(a == b ? 4.0 : 0.0, offset(1e-4));
                    }
                }
            }
        }
    }

    @Test
    void identityIsADiagonal() {
        try (JvmOps ops = new JvmOps(1)) {
            Parameter p = new Parameter("w", 3, 4, Fans.dense(3, 4), false, 0);
            Initialization.apply(ops, List.of(p), InitSpec.of("identity"), null, 1);
            assertThat(p.value).containsExactly(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0);
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        try (JvmOps one = new JvmOps(1); JvmOps two = new JvmOps(2)) {
            Parameter a = new Parameter("w", 100, 30, Fans.dense(100, 30), false, 0);
            Parameter b = new Parameter("w", 100, 30, Fans.dense(100, 30), false, 0);
            Parameter c = new Parameter("w", 100, 30, Fans.dense(100, 30), false, 0);
            Initialization.apply(one, List.of(a), InitSpec.of("he_normal"), null, 5);
            Initialization.apply(two, List.of(b), InitSpec.of("he_normal"), null, 5);
            Initialization.apply(one, List.of(c), InitSpec.of("he_normal"), null, 6);
            assertThat(a.value).containsExactly(b.value);
            assertThat(a.value).isNotEqualTo(c.value);
        }
    }
}
