package io.initlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.model.Fans;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing of conv/maxpool/flatten lines, shape tracking through a model, and the errors users see. */
class ConvSpecTest {

    @Test
    void parsesConvolutionLines() {
        assertThat(LayerSpec.parse("conv 32 3x3 relu")).isEqualTo(new LayerSpec.ConvSpec(32, 3, 3, Activation.RELU, false));
        assertThat(LayerSpec.parse("conv 32 3x3 relu same")).isEqualTo(new LayerSpec.ConvSpec(32, 3, 3, Activation.RELU, true));
        assertThat(LayerSpec.parse("  Conv 8 5x3  valid tanh ")).isEqualTo(new LayerSpec.ConvSpec(8, 5, 3, Activation.TANH, false));
        assertThat(LayerSpec.parse("conv 4 2")).isEqualTo(new LayerSpec.ConvSpec(4, 2, 2, Activation.IDENTITY, false));
        assertThat(LayerSpec.parse("conv 4 1x1 same")).isEqualTo(new LayerSpec.ConvSpec(4, 1, 1, Activation.IDENTITY, true));
        assertThat(LayerSpec.parse("maxpool 2")).isEqualTo(new LayerSpec.MaxPoolSpec(2));
        assertThat(LayerSpec.parse("maxpool 3x3")).isEqualTo(new LayerSpec.MaxPoolSpec(3));
        assertThat(LayerSpec.parse("flatten")).isEqualTo(new LayerSpec.FlattenSpec());
    }

    @Test
    void specsPrintAsTheyParse() {
        for (String line : List.of("conv 32 3x3 relu valid", "conv 6 2x4 tanh same", "maxpool 2", "flatten")) {
            assertThat(LayerSpec.parse(line)).hasToString(line);
            assertThat(LayerSpec.parse(LayerSpec.parse(line).toString())).isEqualTo(LayerSpec.parse(line));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "conv|cannot read layer 'conv'",
            "conv 32|cannot read layer 'conv 32'",
            "conv x 3x3|bad number in layer 'conv x 3x3'",
            "conv 32 3y3|bad number in layer 'conv 32 3y3'",
            "conv 32 3x3x3|cannot read size '3x3x3'",
            "conv 0 3x3|positive number of filters",
            "conv 4 0x3|conv kernel must be positive",
            "conv 4 3x3 relu tanh|after the activation only 'same' or 'valid'",
            "conv 4 3x3 same valid|padding given twice",
            "conv 4 3x3 swish|unknown activation 'swish'",
            "conv 4 3x3 relu same extra|cannot read layer",
            "maxpool|cannot read layer 'maxpool'",
            "maxpool 0|maxpool size must be positive",
            "maxpool 2x3|maxpool windows are square",
            "flatten 2|cannot read layer 'flatten 2'",
            "pool 2|unknown layer 'pool'"})
    void badLinesSayWhatIsWrong(String line, String message) {
        assertThatThrownBy(() -> LayerSpec.parse(line)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void theStudyModelsShapes() {
        ModelSpec spec = ModelSpec.parse(28, 28, List.of("conv 32 3x3 relu", "maxpool 2", "flatten", "dense 100 relu", "dense 10"));
        assertThat(spec.shapes()).containsExactly(Shape.image(1, 28, 28), Shape.image(32, 26, 26), Shape.image(32, 13, 13),
                Shape.flat(5408), Shape.flat(100), Shape.flat(10));
        Network net = new Network(spec, 4, 1);
        assertThat(net.layers()).extracting(Layer::name).containsExactly("conv1", "pool1", "flatten1", "dense1", "dense2");
        assertThat(net.layers()).extracting(Layer::outputFeatures).containsExactly(21632, 5408, 5408, 100, 10);
        Parameter w = net.parameters().get(0);
        assertThat(w.name).isEqualTo("conv1.weight");
        assertThat(w.rows).isEqualTo(9);
        assertThat(w.cols).isEqualTo(32);
        assertThat(w.fans).isEqualTo(new Fans(9, 288));
        assertThat(net.parameters().get(1).size()).isEqualTo(32);
        assertThat(net.parameters().get(2).rows).isEqualTo(5408);
        assertThat(net.parameters()).extracting(p -> p.tensorId).doesNotHaveDuplicates();
        assertThat(net.outputs()).isEqualTo(10);
    }

    @Test
    void sameKeepsTheSizeAndPoolingFloors() {
        ModelSpec spec = ModelSpec.parse(7, 9, List.of("conv 4 2x2 same", "conv 5 4x4 tanh same", "maxpool 2", "conv 3 2x2 relu",
                "maxpool 2", "dropout 0.5", "dense 10"));
        assertThat(spec.shapes()).containsExactly(Shape.image(1, 7, 9), Shape.image(4, 7, 9), Shape.image(5, 7, 9),
                Shape.image(5, 3, 4), Shape.image(3, 2, 3), Shape.image(3, 1, 1), Shape.image(3, 1, 1), Shape.flat(10));
        Network net = new Network(spec, 2, 1);
        assertThat(net.layers()).extracting(Layer::name)
                .containsExactly("conv1", "conv2", "pool1", "conv3", "pool2", "dropout1", "dense1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "conv 4 5x5;dense 3|layer 1 'conv 4 5x5 identity valid': conv kernel 5x5 is larger than its 1x4x4 input",
            "conv 4 3x3;maxpool 3;dense 3|layer 2 'maxpool 3': maxpool 3 is larger than its 4x2x2 input",
            "dense 8;conv 4 3x3;dense 3|layer 2 'conv 4 3x3 identity valid': conv needs an image input",
            "conv 2 2x2;flatten;conv 4 1x1;dense 3|layer 3 'conv 4 1x1 identity valid': conv needs an image input (channels x height x width) but follows a dense or flatten layer (18 features)",
            "flatten;maxpool 2;dense 3|layer 2 'maxpool 2': maxpool needs an image input",
            "conv 4 3x3|a model must end with a dense layer"})
    void shapeErrorsNameTheLayer(String lines, String message) {
        assertThatThrownBy(() -> ModelSpec.parse(4, 4, List.of(lines.split(";"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void aLargeKernelIsFineWithSamePadding() {
        ModelSpec spec = ModelSpec.parse(3, 3, List.of("conv 2 5x5 same", "dense 2"));
        assertThat(spec.shapes().get(1)).isEqualTo(Shape.image(2, 3, 3));
    }
}
