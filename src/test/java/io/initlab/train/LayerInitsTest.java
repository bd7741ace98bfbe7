package io.initlab.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.backend.EagerEngine;
import io.initlab.backend.jvm.JvmOps;
import io.initlab.init.Framework;
import io.initlab.init.InitSettings;
import io.initlab.init.InitSpec;
import io.initlab.init.Initialization;
import io.initlab.model.ModelSpec;
import io.initlab.model.Network;
import io.initlab.model.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layer_inits text: every layer's initializer, and its bias where the bias does not start at zero. */
class LayerInitsTest {

    static final ModelSpec KERAS_CNN = ModelSpec.parse(28, 28, List.of("conv 4 3x3 relu", "maxpool 2", "flatten",
            "dense 10 relu", "dense 10 softmax init=glorot_uniform"));

    @Test
    void seedStudy001NamesTheOutputLayersOwnInitializer() {
        InitSettings s = new InitSettings(InitSpec.of("he_normal"), null, Framework.KERAS);
        assertThat(LayerInits.text(s, new Network(KERAS_CNN, 1, 1).parameters()))
                .isEqualTo("conv1=he_normal;dense1=he_normal;dense2=glorot_uniform");
    }

    @Test
    void aBiasIsNamedExactlyWhereItsDrawnValuesAreNotZero() {
        ModelSpec mlp = ModelSpec.parse(1, 8, List.of("dense 6 relu", "dense 5 bias=constant(0.1)",
                "dense 3 init=uniform(-0.5, 0.5) bias=zeros"));
        InitSettings s = new InitSettings(InitSpec.of("he_normal"), null, Framework.PYTORCH);
        Network net = new Network(mlp, 1, 2);
        try (JvmOps ops = new JvmOps(1)) {
            Initialization.run(new EagerEngine(ops), net.parameters(), s, 2);
        }
        String text = LayerInits.text(s, net.parameters());
        assertThat(text).isEqualTo("dense1=he_normal bias=pytorch_default;dense2=he_normal bias=constant(0.1);"
                + "dense3=uniform(-0.5, 0.5)");
        for (Parameter p : net.parameters()) {
            if (!p.bias) continue;
            String layer = p.name.substring(0, p.name.indexOf('.'));
            boolean zero = true;
            for (float v : p.value) zero &= v == 0f;
            String entry = List.of(text.split(";")).stream().filter(e -> e.startsWith(layer + "=")).findFirst().orElseThrow();
            assertThat(entry.contains(" bias=")).as(entry).isEqualTo(!zero);
        }
    }

    @Test
    void theTrainerReportsItsOwnNetwork() {
        TrainConfig cfg = new TrainConfig(ModelSpec.parse(1, 8, List.of("dense 6 relu", "dense 3")),
                InitSettings.everywhere(InitSpec.of("pytorch_default"), null), io.initlab.optim.OptimizerConfig.adam(1e-3),
                4, 1, 1, false, false, 0, new io.initlab.loss.SoftmaxCrossEntropyLoss());
        try (JvmOps ops = new JvmOps(1)) {
            assertThat(new Trainer(ops, cfg).layerInits())
                    .isEqualTo("dense1=pytorch_default bias=pytorch_default;dense2=pytorch_default bias=pytorch_default");
        }
    }
}
