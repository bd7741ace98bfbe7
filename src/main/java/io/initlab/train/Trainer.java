package io.initlab.train;

import io.initlab.backend.Ops;
import io.initlab.data.Dataset;
import io.initlab.data.Batcher;
import io.initlab.init.Initialization;
import io.initlab.model.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop, readable top to bottom: initialize, then per epoch reshuffle, step through the
 * batches, evaluate; a non-finite loss stops the run as diverged instead of throwing. The step itself
 * (gather, forward, loss, backward, update) allocates nothing.
 */
public final class Trainer {
    private final Ops ops;
    private final TrainConfig config;
    private final Network net;
    private final Optimizer optimizer;
    private final float[] x;
    private final int[] y;

    public Trainer(Ops ops, TrainConfig config) {
        this.ops = ops;
        this.config = config;
        this.net = new Network(config.model(), config.maxRows(), config.seed());
        this.optimizer = new Optimizer(config.optimizer(), net.parameters());
        this.x = new float[config.maxRows() * config.model().inputFeatures()];
        this.y = new int[config.maxRows()];
    }

    public Network network() {
        return net;
    }

    /** Samples the initial parameters (also done by {@link #run}). */
    public void initialize() {
        Initialization.apply(ops, net.parameters(), config.init(), config.biasInit(), config.seed());
    }

    /**
     * Trains on {@code train[trainIdx]}, validates on {@code train[valIdx]} after each epoch (skipped when
     * valIdx is empty) and tests on all of {@code test} at the end (skipped when null).
     */
    public RunResult run(Dataset train, int[] trainIdx, int[] valIdx, Dataset test, TrainListener listener) {
        checkShape(train);
        initialize();
        int probeRows = Math.min(config.probeRows(), valIdx.length > 0 ? valIdx.length : trainIdx.length);
        int[] probeIdx = probeRows > 0 ? java.util.Arrays.copyOf(valIdx.length > 0 ? valIdx : trainIdx, probeRows) : null;
        if (probeIdx != null) {
            listener.onLayerStats(probe(train, probeIdx, 0));
        }
        List<EpochRecord> epochs = new ArrayList<>();
        int batch = config.batch();
        int steps = config.dropLast() ? trainIdx.length / batch : (trainIdx.length + batch - 1) / batch;
        int globalStep = 0;
        long samples = 0;
        long trainNanos = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            int[] order = Batcher.epochOrder(trainIdx, config.seed(), epoch);
            double lossSum = 0;
            long lossRows = 0;
            for (int s = 0; s < steps; s++) {
                globalStep++;
                int rows = Math.min(batch, order.length - s * batch);
                double loss = stepOn(train, order, s * batch, globalStep);
                listener.onBatch(epoch, globalStep, loss);
                samples += rows;
                if (!Double.isFinite(loss)) {
                    trainNanos += System.nanoTime() - start;
                    epochs.add(new EpochRecord(epoch, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            (System.nanoTime() - start) / 1e9));
                    listener.onEpoch(epochs.get(epochs.size() - 1));
                    return new RunResult("diverged", globalStep, epochs, Double.NaN, Double.NaN, samples, trainNanos / 1e9);
                }
                lossSum += loss * rows;
                lossRows += rows;
            }
            trainNanos += System.nanoTime() - start;
            double[] val = valIdx.length > 0 ? evaluate(train, valIdx, false) : new double[] {Double.NaN, Double.NaN};
            double valDropout = valIdx.length > 0 && config.dropoutAccuracy() ? evaluate(train, valIdx, true)[1] : Double.NaN;
            EpochRecord rec = new EpochRecord(epoch, lossSum / lossRows, val[0], val[1], valDropout,
                    (System.nanoTime() - start) / 1e9);
            epochs.add(rec);
            listener.onEpoch(rec);
            if (probeIdx != null) {
                listener.onLayerStats(probe(train, probeIdx, epoch));
            }
        }
        double[] testResult = test == null ? new double[] {Double.NaN, Double.NaN} : evaluate(test, allRows(test.count()), false);
        return new RunResult("ok", 0, epochs, testResult[1], testResult[0], samples, trainNanos / 1e9);
    }

    /**
     * One training step on the batch order[start, start + batch) of data; returns its mean loss
     * (non-finite = diverged, and then nothing was updated). Allocates nothing.
     */
    double stepOn(Dataset data, int[] order, int start, int globalStep) {
        int rows = Batcher.gatherBatch(data, order, start, config.batch(), x, y);
        net.stepCounter()[0] = globalStep;
        float[] logits = net.forward(ops, x, rows, true);
        net.loss(ops, logits, y, rows);
        double loss = net.meanLoss(rows);
        if (!Double.isFinite(loss)) {
            return loss;
        }
        net.backward(ops, x, y, rows);
        optimizer.step(ops);
        return loss;
    }

    /**
     * Mean loss and accuracy over {@code data[idx]} in evaluation mode, or with dropout left on when
     * {@code dropoutOn} (reproducing studies that forgot model.eval()).
     */
    public double[] evaluate(Dataset data, int[] idx, boolean dropoutOn) {
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < idx.length; start += TrainConfig.EVAL_ROWS) {
            int rows = Batcher.gatherBatch(data, idx, start, TrainConfig.EVAL_ROWS, x, y);
            float[] logits = net.forward(ops, x, rows, dropoutOn);
            net.loss(ops, logits, y, rows);
            net.score(ops, logits, y, rows);
            lossSum += net.meanLoss(rows) * rows;
            int[] flags = net.correctFlags();
            for (int r = 0; r < rows; r++) {
                correct += flags[r];
            }
        }
        return new double[] {lossSum / idx.length, (double) correct / idx.length};
    }

    private List<LayerStat> probe(Dataset data, int[] probeIdx, int epoch) {
        int rows = Batcher.gatherBatch(data, probeIdx, 0, probeIdx.length, x, y);
        return Diagnostics.measure(ops, net, x, y, rows, epoch);
    }

    private void checkShape(Dataset d) {
        if (d.features() != config.model().inputFeatures()) {
            throw new IllegalArgumentException("model expects " + config.model().inputFeatures()
                    + " input features but " + d.name() + " has " + d.features());
        }
    }

    static int[] allRows(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }
}
