package io.initlab.study;

import io.initlab.model.Activation;
import java.util.Arrays;
import java.util.List;

/**
 * The settings a run uses when neither the command line ({@code initlab train}) nor a study file gives
 * them: one copy, so that {@code train --epochs} and a study's {@code epochs:} cannot drift apart. The
 * text forms are compile-time constants for picocli's {@code defaultValue}. They are the README's
 * reference run: MNIST, 784-256-128-10 ReLU, Adam 1e-3, batch 64, 2 epochs, seed 42.
 */
public final class Defaults {
    private Defaults() {}

    public static final String DATASET = "mnist";
    public static final String HIDDEN_TEXT = "256,128";
    public static final String ACTIVATION_TEXT = "relu";
    public static final double DROPOUT = 0;
    public static final String DROPOUT_TEXT = "" + DROPOUT;
    public static final String OPTIMIZER = "adam";
    public static final double LR = 1e-3;
    public static final String LR_TEXT = "" + LR;
    public static final double MOMENTUM = 0;
    public static final String MOMENTUM_TEXT = "" + MOMENTUM;
    public static final int BATCH = 64;
    public static final String BATCH_TEXT = "" + BATCH;
    public static final int EPOCHS = 2;
    public static final String EPOCHS_TEXT = "" + EPOCHS;
    public static final long SEED = 42;
    public static final String SEED_TEXT = "" + SEED;
    /** The loss of a classification data set; a regression set's is {@link #REGRESSION_LOSS}. */
    public static final String LOSS = "softmax_cross_entropy";
    public static final String REGRESSION_LOSS = "mse";
    /** The named data sets whose targets are numbers, not classes (a csv table says so in its own spec). */
    public static final java.util.Set<String> REGRESSION_DATASETS = java.util.Set.of("california-housing");

    /** The loss a study on {@code dataset} trains with when it names none. */
    public static String lossFor(String dataset) {
        return REGRESSION_DATASETS.contains(dataset) ? REGRESSION_LOSS : LOSS;
    }

    /** {@link #HIDDEN_TEXT} as widths. */
    public static List<Integer> hidden() {
        return Arrays.stream(HIDDEN_TEXT.split(",")).map(Integer::valueOf).toList();
    }

    public static Activation activation() {
        return Activation.parse(ACTIVATION_TEXT);
    }
}
