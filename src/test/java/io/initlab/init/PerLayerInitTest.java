package io.initlab.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.initlab.backend.EagerEngine;
import io.initlab.backend.jvm.JvmOps;
import io.initlab.model.Fans;
import io.initlab.model.LayerInit;
import io.initlab.model.LayerSpec;
import io.initlab.model.ModelSpec;
import io.initlab.model.Network;
import io.initlab.model.Parameter;
import io.initlab.train.Diagnostics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layers that name their own initializers, the axis marker, and the framework presets, on built weights. */
class PerLayerInitTest {

    /** Seed study 001's model: the initializer on the conv and Dense(100) kernels; Dense(10) keeps GlorotUniform. */
    static final ModelSpec KERAS_CNN = ModelSpec.parse(28, 28, List.of("conv 32 3x3 relu", "maxpool 2", "flatten",
            "dense 100 relu", "dense 10 softmax init=glorot_uniform"));

    static Network init(ModelSpec spec, InitSettings settings, long seed) {
        Network net = new Network(spec, 1, seed);
        try (JvmOps ops = new JvmOps(1)) {
            Initialization.run(new EagerEngine(ops), net.parameters(), settings, seed);
        }
        return net;
    }

    /** The values a tensor of this shape and tensor id gets from spec alone. */
    static float[] alone(Parameter like, String spec, long seed) {
        Parameter p = new Parameter("x", like.rows, like.cols, like.fans, like.bias, like.tensorId);
        try (JvmOps ops = new JvmOps(1)) {
            Initialization.apply(ops, List.of(p), InitSpec.parse(spec), null, seed);
        }
        return p.value;
    }

    @Test
    void theOutputLayerOfStudy001KeepsGlorotUniform() {
        Network net = init(KERAS_CNN, new InitSettings(InitSpec.of("he_normal"), null, Framework.KERAS), 3);
        List<Parameter> ps = net.parameters();
        Parameter conv = ps.get(0);
        Parameter dense1 = ps.get(2);
        Parameter out = ps.get(4);
        assertThat(conv.value).containsExactly(alone(conv, "he_normal", 3));
        assertThat(dense1.value).containsExactly(alone(dense1, "he_normal", 3));
        assertThat(out.value).containsExactly(alone(out, "xavier_uniform", 3));
        double limit = Math.sqrt(6.0 / (100 + 10));
        double[] m = Diagnostics.moments(out.value, out.size());
        assertThat(m[1]).isCloseTo(limit * limit / 3, offset(0.1 * limit * limit / 3));
        for (float v : out.value) {
            assertThat(Math.abs(v)).isLessThan((float) limit);
        }
        for (Parameter b : List.of(ps.get(1), ps.get(3), ps.get(5))) {
            assertThat(b.value).containsOnly(0f); // Keras' Zeros biases
        }
        assertThat(new InitSettings(InitSpec.of("he_normal"), null, Framework.KERAS).describe(ps)).containsEntry(
                "dense2", "glorot_uniform, bias zeros").containsEntry("conv1", "he_normal, bias zeros");
    }

    @Test
    void markedLayersTakeTheAxisAndTheRestTheFrameworkDefault() {
        ModelSpec iris = ModelSpec.parse(1, 4, List.of("dense 32 init=axis", "dense 64 relu init=axis", "dense 3 softmax"));
        Network net = init(iris, new InitSettings(InitSpec.parse("normal(0, 0.05)"), null, Framework.KERAS), 9);
        List<Parameter> ps = net.parameters();
        assertThat(ps.get(0).value).containsExactly(alone(ps.get(0), "normal(0, 0.05)", 9));
        assertThat(ps.get(2).value).containsExactly(alone(ps.get(2), "normal(0, 0.05)", 9));
        assertThat(ps.get(4).value).containsExactly(alone(ps.get(4), "glorot_uniform", 9));
    }

    @Test
    void pytorchPresetGivesItsDefaultBiasesToUnnamedLayers() {
        ModelSpec mlp = ModelSpec.parse(1, 8, List.of("dense 6 relu", "dense 3 bias=zeros"));
        Network net = init(mlp, new InitSettings(InitSpec.of("he_normal"), null, Framework.PYTORCH), 4);
        List<Parameter> ps = net.parameters();
        assertThat(ps.get(0).value).containsExactly(alone(ps.get(0), "he_normal", 4));
        assertThat(ps.get(1).value).containsExactly(alone(ps.get(1), "pytorch_default", 4)); // U[±1/√8)
        for (float v : ps.get(1).value) {
            assertThat(Math.abs(v)).isLessThan((float) (1 / Math.sqrt(8)));
        }
        assertThat(ps.get(3).value).containsOnly(0f);
    }

    @Test
    void withoutFrameworkOrMarksEveryLayerGetsTheAxisAsBefore() {
        ModelSpec mlp = ModelSpec.parse(1, 8, List.of("dense 6 relu", "dense 3"));
        Network a = init(mlp, InitSettings.everywhere(InitSpec.of("pytorch_default"), null), 5);
        Network b = new Network(mlp, 1, 5);
        try (JvmOps ops = new JvmOps(1)) {
            Initialization.apply(ops, b.parameters(), InitSpec.of("pytorch_default"), null, 5);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(a.parameters().get(i).value).containsExactly(b.parameters().get(i).value);
        }
    }

    @Test
    void layerLinesCarryTheirInitializersAndSayWhatIsWrong() {
        LayerSpec d = LayerSpec.parse("dense 10 softmax init=uniform(-0.05,0.05) bias=constant(0.1)");
        assertThat(d).isEqualTo(new LayerSpec.DenseSpec(10, io.initlab.model.Activation.IDENTITY,
                new LayerInit("uniform(-0.05,0.05)", "constant(0.1)", false)));
        assertThat(d).hasToString("dense 10 identity init=uniform(-0.05,0.05) bias=constant(0.1)");
        assertThat(LayerSpec.parse(d.toString())).isEqualTo(d);
        assertThat(LayerSpec.parse("conv 8 3x3 relu init=axis same")).hasToString("conv 8 3x3 relu same init=axis");
        assertThatThrownBy(() -> LayerSpec.parse("dense 10 init=a init=b")).hasMessageContaining("init= given twice");
        assertThatThrownBy(() -> LayerSpec.parse("maxpool 2 init=zeros")).hasMessageContaining("has no parameters");
        assertThat(((LayerSpec.DenseSpec) LayerSpec.parse("dense 3 init=uniform(-1, 1)")).init().weights()).isEqualTo("uniform(-1, 1)");
        assertThatThrownBy(() -> LayerSpec.parse("dense 3 init= zeros")).hasMessageContaining("cannot read the initializer");
        ModelSpec unknown = ModelSpec.parse(1, 4, List.of("dense 3 init=glorot"));
        assertThatThrownBy(() -> init(unknown, InitSettings.everywhere(InitSpec.of("zeros"), null), 1))
                .hasMessageContaining("dense1.weight: unknown initializer 'glorot'");
        ModelSpec marked = ModelSpec.parse(1, 4, List.of("dense 3 init=axis", "dense 2"));
        assertThatThrownBy(() -> init(marked, InitSettings.everywhere(InitSpec.of("zeros"), null), 1))
                .hasMessageContaining("dense2.weight: names no initializer and is not on the initializer axis");
    }

    @Test
    void aliasesNameTheSameLaw() {
        Fans f = Fans.dense(30, 20);
        assertThat(Initializers.resolve(InitSpec.of("glorot_uniform"), f)).isEqualTo(Initializers.resolve(InitSpec.of("xavier_uniform"), f));
    }
}
