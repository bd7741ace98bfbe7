package io.initlab.init;

import java.util.Arrays;
import java.util.Locale;

/**
 * A framework's initialization defaults, for the layers a study leaves unnamed: what a Keras or PyTorch
 * model gets when its code sets nothing. NONE keeps initlab's own rule (the study's initializer on
 * every layer; biases zero unless the initializer brings its own).
 */
public enum Framework {
    NONE(null, null),
    /** Keras Dense/Conv: kernel_initializer GlorotUniform, bias_initializer Zeros. */
    KERAS(InitSpec.of("glorot_uniform"), InitSpec.of("zeros")),
    /** torch.nn.Linear/Conv2d reset_parameters: kaiming_uniform(a=√5) weights, U[±1/√fan_in) biases. */
    PYTORCH(InitSpec.of("pytorch_default"), InitSpec.of("pytorch_default"));

    private final InitSpec weights;
    private final InitSpec bias;

    Framework(InitSpec weights, InitSpec bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /** Weight initializer of layers that name none (null for NONE). */
    public InitSpec weights() {
        return weights;
    }

    /** Bias initializer of layers that name none (null for NONE: the weight initializer's default bias). */
    public InitSpec bias() {
        return bias;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** none | keras | pytorch. */
    public static Framework parse(String s) {
        return Arrays.stream(values()).filter(f -> f.label().equals(s.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown framework '" + s + "'; known: none, keras, pytorch"));
    }
}
