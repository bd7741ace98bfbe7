package io.initlab.loss;

import io.initlab.backend.Ops;

/**
 * Softmax over the outputs (logits) and cross-entropy against integer class labels: what Keras'
 * Dense(softmax) + categorical cross-entropy and PyTorch's CrossEntropyLoss compute. The score is
 * whether the arg-max is the label (accuracy).
 */
public record SoftmaxCrossEntropyLoss() implements LossConfig {

    @Override
    public String name() {
        return "softmax_cross_entropy";
    }

    @Override
    public Loss create(int maxRows, int classes) {
        return new Buffers(maxRows, classes);
    }

    private static final class Buffers implements Loss {
        private final int classes;
        private final int[] labels;
        private final float[] probs;
        private final float[] rowLoss;
        private final float[] dLogits;
        private final int[] correct;

        Buffers(int maxRows, int classes) {
            this.classes = classes;
            this.labels = new int[maxRows];
            this.probs = new float[maxRows * classes];
            this.rowLoss = new float[maxRows];
            this.dLogits = new float[maxRows * classes];
            this.correct = new int[maxRows];
        }

        @Override
        public int[] targets() {
            return labels;
        }

        @Override
        public void forward(Ops ops, float[] logits, int rows) {
            ops.softmaxCrossEntropy(logits, labels, probs, rowLoss, rows, classes);
        }

        @Override
        public void backward(Ops ops, int rows) {
            ops.softmaxBackward(probs, labels, dLogits, rows, classes, 1f / rows);
        }

        @Override
        public void score(Ops ops, float[] logits, int rows) {
            ops.correct(logits, labels, correct, rows, classes);
        }

        @Override
        public float[] rowLoss() {
            return rowLoss;
        }

        @Override
        public float[] gradient() {
            return dLogits;
        }

        @Override
        public int[] scores() {
            return correct;
        }

        @Override
        public double scoreSum(int from, int rows) {
            long s = 0;
            for (int r = from; r < from + rows; r++) {
                s += correct[r];
            }
            return s;
        }
    }
}
