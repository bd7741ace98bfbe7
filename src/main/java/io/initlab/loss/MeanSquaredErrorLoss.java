package io.initlab.loss;

import io.initlab.backend.Ops;

/**
 * Mean squared error against float targets, Keras' {@code loss='mse'}: per row the mean over the outputs of
 * (y - t)², averaged over the batch; the outputs are the last layer's linear values. The score is the
 * row's mean absolute error, so {@code scoreSum(rows) / rows} is Keras' {@code mae} metric.
 */
public record MeanSquaredErrorLoss() implements LossConfig {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public Loss create(int maxRows, int outputs) {
        return new Buffers(maxRows, outputs);
    }

    private static final class Buffers implements Loss {
        private final int outputs;
        private final float[] targets;
        private final float[] rowLoss;
        private final float[] dOutputs;
        private final float[] absoluteError;
        /** The outputs of the last forward pass: the backward pass reads them (the network's fixed output buffer). */
        private float[] lastOutputs;

        Buffers(int maxRows, int outputs) {
            this.outputs = outputs;
            this.targets = new float[maxRows * outputs];
            this.rowLoss = new float[maxRows];
            this.dOutputs = new float[maxRows * outputs];
            this.absoluteError = new float[maxRows];
        }

        /** rows × outputs targets, row-major (one per row for a single-output regression). */
        @Override
        public float[] targets() {
            return targets;
        }

        @Override
        public void forward(Ops ops, float[] out, int rows) {
            lastOutputs = out;
            ops.squaredError(out, targets, rowLoss, rows, outputs);
        }

        @Override
        public void backward(Ops ops, int rows) {
            if (lastOutputs == null) {
                throw new IllegalStateException("mse: backward before forward");
            }
            ops.squaredErrorBackward(lastOutputs, targets, dOutputs, rows, outputs, 2f / (rows * outputs));
        }

        @Override
        public void score(Ops ops, float[] out, int rows) {
            ops.absoluteError(out, targets, absoluteError, rows, outputs);
        }

        @Override
        public float[] rowLoss() {
            return rowLoss;
        }

        @Override
        public float[] gradient() {
            return dOutputs;
        }

        @Override
        public float[] scores() {
            return absoluteError;
        }

        /** Σ of the rows' absolute errors (double accumulation); divided by the rows it is the MAE. */
        @Override
        public double scoreSum(int from, int rows) {
            double s = 0;
            for (int r = from; r < from + rows; r++) {
                s += absoluteError[r];
            }
            return s;
        }
    }
}
