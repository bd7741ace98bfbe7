package io.initlab.model;

import io.initlab.kernels.Activations;
import java.util.Locale;

/** Activation names as users write them, mapped to the kernel codes. */
public enum Activation {
    IDENTITY(Activations.IDENTITY), RELU(Activations.RELU), LEAKY_RELU(Activations.LEAKY_RELU),
    TANH(Activations.TANH), SIGMOID(Activations.SIGMOID);

    /** Negative slope of leaky_relu (PyTorch's default). */
    public static final float LEAKY_SLOPE = 0.01f;

    public final int code;

    Activation(int code) {
        this.code = code;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** relu, leaky_relu, tanh, sigmoid, identity (alias linear); softmax means identity logits + CE loss. */
    public static Activation parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "relu" -> RELU;
            case "leaky_relu", "leakyrelu" -> LEAKY_RELU;
            case "tanh" -> TANH;
            case "sigmoid" -> SIGMOID;
            case "identity", "linear", "none", "softmax" -> IDENTITY;
            default -> throw new IllegalArgumentException(
                    "unknown activation '" + s + "'; known: relu, leaky_relu, tanh, sigmoid, identity");
        };
    }
}
