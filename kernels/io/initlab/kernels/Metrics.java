package io.initlab.kernels;

/** Classification metrics, one row per index. */
public final class Metrics {
    private Metrics() {}

    /** correct[row] = 1 when the first maximal logit is the label, else 0 (NaN rows count as wrong). */
    public static void correct(int row, float[] logits, int[] labels, int[] correct, int classes) {
        int base = row * classes;
        int best = 0;
        float bestValue = logits[base];
        for (int c = 1; c < classes; c++) {
            float v = logits[base + c];
            if (v > bestValue) {
                bestValue = v;
                best = c;
            }
        }
        correct[row] = (best == labels[row] && bestValue == bestValue) ? 1 : 0;
    }
}
