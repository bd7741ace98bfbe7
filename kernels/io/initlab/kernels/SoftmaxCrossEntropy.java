package io.initlab.kernels;

/**
 * Softmax + cross-entropy, fused as in every framework: the gradient w.r.t. the logits is simply
 * (p - onehot) / batch, and the loss uses log-sum-exp with the row maximum subtracted.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /**
     * One row per index: probs[row, :] = softmax(logits[row, :]) and rowLoss[row] = -log p[label].
     * A row whose logits are NaN/Inf yields a NaN/Inf loss, which the trainer detects as divergence.
     */
    public static void forwardRow(int row, float[] logits, int[] labels, float[] probs, float[] rowLoss,
                                  int classes) {
        int base = row * classes;
        float max = logits[base];
        for (int c = 1; c < classes; c++) {
            max = Math.max(max, logits[base + c]);
        }
        float sum = 0f;
        for (int c = 0; c < classes; c++) {
            float e = (float) Math.exp(logits[base + c] - max);
            probs[base + c] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int c = 0; c < classes; c++) {
            probs[base + c] = probs[base + c] * inv;
        }
        rowLoss[row] = (float) Math.log(sum) + max - logits[base + labels[row]];
    }

    /** One logit per index: dlogits = (p - onehot(label)) · scale, scale = 1 / batch for a mean loss. */
    public static void backward(int idx, float[] probs, int[] labels, float[] dlogits, int classes, float scale) {
        int row = idx / classes;
        int c = idx - row * classes;
        float target = labels[row] == c ? 1f : 0f;
        dlogits[idx] = (probs[idx] - target) * scale;
    }
}
