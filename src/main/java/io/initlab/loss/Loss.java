package io.initlab.loss;

import io.initlab.backend.Ops;

/**
 * A loss over a network's outputs, as kernel calls on buffers allocated once (a training step
 * allocates nothing). The host fills {@link #targets()} with the batch's targets before a phase runs;
 * the phase computes per-row losses, the gradient of their mean, and a per-row score (for
 * classification: whether the row is classified correctly).
 */
public interface Loss {

    /** The batch targets the host writes before each phase (int[] class labels for classification). */
    Object targets();

    /** Per-row losses of {@code outputs} (rows × width) into {@link #rowLoss()}. */
    void forward(Ops ops, float[] outputs, int rows);

    /** d(mean loss over rows)/d(outputs) into {@link #gradient()}, after {@link #forward}. */
    void backward(Ops ops, int rows);

    /** Per-row scores of {@code outputs} into {@link #scores()} (evaluation). */
    void score(Ops ops, float[] outputs, int rows);

    float[] rowLoss();

    float[] gradient();

    /** The per-row score buffer a phase returns (int[] correct flags for classification). */
    Object scores();

    /** Host-side sum of the first {@code rows} scores (the number of correct rows for classification). */
    default double scoreSum(int rows) {
        return scoreSum(0, rows);
    }

    /** Host-side sum of the scores of rows from, …, from + rows − 1 (one run's rows of lockstep runs). */
    double scoreSum(int from, int rows);

    /** Host-side mean of the first {@code rows} row losses (double accumulation). */
    default double meanLoss(int rows) {
        return meanLoss(0, rows);
    }

    /** Host-side mean of the row losses of rows from, …, from + rows − 1 (double accumulation). */
    default double meanLoss(int from, int rows) {
        float[] l = rowLoss();
        double s = 0;
        for (int r = from; r < from + rows; r++) {
            s += l[r];
        }
        return s / rows;
    }
}
