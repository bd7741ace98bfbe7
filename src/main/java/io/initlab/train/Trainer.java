package io.initlab.train;

import io.initlab.backend.EagerEngine;
import io.initlab.backend.Engine;
import io.initlab.backend.Ops;
import io.initlab.backend.Phase;
import io.initlab.data.Batcher;
import io.initlab.data.Dataset;
import io.initlab.data.Splits;
import io.initlab.init.Initialization;
import io.initlab.loss.Loss;
import io.initlab.model.Layer;
import io.initlab.model.Network;
import io.initlab.model.Parameter;
import io.initlab.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training loop, readable top to bottom: initialize, then per epoch reshuffle, step through the
 * batches, evaluate; a non-finite loss stops the run as diverged instead of throwing.
 *
 * <p>The work on the network is expressed as {@link Phase}s (a training step, an evaluation pass, a
 * probe, initialization) that an {@link Engine} runs: the JVM's eagerly, TornadoVM's as task graphs
 * recorded once per phase and batch size. Between phases only the batch, the labels, the step counter
 * and the optimizer's hyper-parameters go in, and only losses and correctness flags come out.
 * A training step allocates nothing. The training loss and accuracy of an epoch are, as Keras reports
 * them, means over its batches, each scored on the forward pass of its own step (the weights of that moment).
 */
public final class Trainer {
    private final Engine engine;
    private final TrainConfig config;
    private final Network net;
    private final Loss loss;
    private final Optimizer optimizer;
    private final float[] x;
    /** The batch's labels: the loss's target buffer. */
    private final int[] y;
    /** Recorded phases by rows: index = rows. */
    private final Phase[] trainPhases;
    private final Phase[] evalPhases;
    private final Phase[] evalDropoutPhases;

    public Trainer(Engine engine, TrainConfig config) {
        this.engine = engine;
        this.config = config;
        this.net = new Network(config.model(), config.loss(), config.maxRows(), config.seed());
        this.loss = net.loss();
        this.optimizer = config.optimizer().create(net.parameters());
        this.x = new float[config.maxRows() * config.model().inputFeatures()];
        if (!(loss.targets() instanceof int[] labels)) {
            throw new IllegalArgumentException("loss " + config.loss().name() + " needs targets this trainer cannot batch yet");
        }
        this.y = labels;
        this.trainPhases = new Phase[config.maxRows() + 1];
        this.evalPhases = new Phase[config.maxRows() + 1];
        this.evalDropoutPhases = new Phase[config.maxRows() + 1];
    }

    /** A trainer on an eager {@link Ops} (tests, tools). */
    public Trainer(Ops ops, TrainConfig config) {
        this(new EagerEngine(ops), config);
    }

    public Network network() {
        return net;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The initializer of every layer, as runs.csv's layer_inits column shows it ({@link LayerInits}). */
    public String layerInits() {
        return LayerInits.text(config.init(), net.parameters());
    }

    /** Sets the initial parameters on the engine. */
    public void initialize() {
        Initialization.run(engine, net.parameters(), config.init(), config.seed());
    }

    /**
     * Trains on {@code train[trainIdx]}, validates on {@code train[valIdx]} after each epoch (skipped when
     * valIdx is empty) and tests on all of {@code test} at the end (skipped when null).
     */
    public RunResult run(Dataset train, int[] trainIdx, int[] valIdx, Dataset test, TrainListener listener) {
        checkShape(train);
        initialize();
        engine.toHost(parameterValues());
        listener.onInitialized(net.parameters());
        int probeRows = Math.min(config.probeRows(), valIdx.length > 0 ? valIdx.length : trainIdx.length);
        int[] probeIdx = probeRows > 0 ? Arrays.copyOf(valIdx.length > 0 ? valIdx : trainIdx, probeRows) : null;
        if (probeIdx != null) {
            listener.onLayerStats(probe(train, probeIdx, 0));
        }
        List<EpochRecord> epochs = new ArrayList<>();
        int batch = config.batch();
        int steps = Batcher.stepsPerEpoch(trainIdx.length, batch, config.dropLast());
        int globalStep = 0;
        long samples = 0;
        long trainNanos = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            int[] order = Batcher.epochOrder(trainIdx, config.seed(), epoch);
            double lossSum = 0;
            double scoreSum = 0;
            long lossRows = 0;
            for (int s = 0; s < steps; s++) {
                globalStep++;
                int rows = Math.min(batch, order.length - s * batch);
                double batchLoss = stepOn(train, order, s * batch, globalStep);
                listener.onBatch(epoch, globalStep, batchLoss);
                samples += rows;
                if (!Double.isFinite(batchLoss)) {
                    trainNanos += System.nanoTime() - start;
                    epochs.add(new EpochRecord(epoch, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            (System.nanoTime() - start) / 1e9));
                    listener.onEpoch(epochs.get(epochs.size() - 1));
                    return new RunResult("diverged", globalStep, epochs, Double.NaN, Double.NaN, samples, trainNanos / 1e9);
                }
                lossSum += batchLoss * rows;
                scoreSum += loss.scoreSum(rows);
                lossRows += rows;
            }
            trainNanos += System.nanoTime() - start;
            double[] val = valIdx.length > 0 ? evaluate(train, valIdx, false) : new double[] {Double.NaN, Double.NaN};
            double valDropout = valIdx.length > 0 && config.dropoutAccuracy() ? evaluate(train, valIdx, true)[1] : Double.NaN;
            EpochRecord rec = new EpochRecord(epoch, lossSum / lossRows, scoreSum / lossRows, val[0], val[1], valDropout,
                    (System.nanoTime() - start) / 1e9);
            epochs.add(rec);
            listener.onEpoch(rec);
            if (probeIdx != null) {
                listener.onLayerStats(probe(train, probeIdx, epoch));
            }
        }
        double[] testResult = test == null ? new double[] {Double.NaN, Double.NaN} : evaluate(test, Splits.range(test.count()), false);
        return new RunResult("ok", 0, epochs, testResult[1], testResult[0], samples, trainNanos / 1e9);
    }

    /**
     * One training step on the batch order[start, start + batch) of data; returns its mean loss
     * (non-finite = diverged: the caller stops) and leaves the batch's scores (before the update) in the
     * loss's score buffer. Allocates nothing once the phase for this batch size exists.
     */
    public double stepOn(Dataset data, int[] order, int start, int globalStep) {
        int rows = Batcher.gatherBatch(data, order, start, config.batch(), x, y);
        net.stepCounter()[0] = globalStep;
        optimizer.prepare();
        Phase phase = trainPhases[rows];
        if (phase == null) {
            phase = trainPhases[rows] = trainPhase(rows);
        }
        engine.run(phase);
        return loss.meanLoss(rows);
    }

    private Phase trainPhase(int rows) {
        return new Phase("train-" + rows, ops -> {
            float[] out = net.forward(ops, x, rows, true);
            loss.forward(ops, out, rows);
            loss.score(ops, out, rows); // before the backward pass, which may reuse the outputs
            net.backward(ops, x, rows);
            optimizer.update(ops);
        }, new Object[] {x, y, net.stepCounter(), optimizer.hyperParameters()},
                new Object[] {loss.rowLoss(), loss.scores()});
    }

    private Phase evalPhase(int rows, boolean dropoutOn) {
        return new Phase((dropoutOn ? "eval-dropout-" : "eval-") + rows, ops -> {
            float[] out = net.forward(ops, x, rows, dropoutOn);
            loss.forward(ops, out, rows);
            loss.score(ops, out, rows);
        }, new Object[] {x, y, net.stepCounter()}, new Object[] {loss.rowLoss(), loss.scores()});
    }

    /**
     * Mean loss and accuracy over {@code data[idx]} in evaluation mode, or with dropout left on when
     * {@code dropoutOn} (reproducing studies that forgot model.eval()).
     */
    public double[] evaluate(Dataset data, int[] idx, boolean dropoutOn) {
        double lossSum = 0;
        double scoreSum = 0;
        Phase[] cache = dropoutOn ? evalDropoutPhases : evalPhases;
        for (int start = 0; start < idx.length; start += TrainConfig.EVAL_ROWS) {
            int rows = Batcher.gatherBatch(data, idx, start, TrainConfig.EVAL_ROWS, x, y);
            if (cache[rows] == null) {
                cache[rows] = evalPhase(rows, dropoutOn);
            }
            engine.run(cache[rows]);
            lossSum += loss.meanLoss(rows) * rows;
            scoreSum += loss.scoreSum(rows);
        }
        return new double[] {lossSum / idx.length, scoreSum / idx.length};
    }

    private List<LayerStat> probe(Dataset data, int[] probeIdx, int epoch) {
        int rows = Batcher.gatherBatch(data, probeIdx, 0, probeIdx.length, x, y);
        engine.run(new Phase("probe-" + rows, ops -> {
            float[] out = net.forward(ops, x, rows, false);
            loss.forward(ops, out, rows);
            net.backward(ops, x, rows);
        }, new Object[] {x, y}, new Object[0]));
        List<Object> read = new ArrayList<>(Arrays.asList(parameterValues()));
        for (Parameter p : net.parameters()) {
            read.add(p.grad);
        }
        for (Layer l : net.layers()) {
            read.add(l.output());
        }
        engine.toHost(read.toArray());
        return Diagnostics.measure(net, rows, epoch);
    }

    private Object[] parameterValues() {
        return net.parameters().stream().map(p -> p.value).toArray();
    }

    private void checkShape(Dataset d) {
        if (d.features() != config.model().inputFeatures()) {
            throw new IllegalArgumentException("model expects " + config.model().inputFeatures()
                    + " input features but " + d.name() + " has " + d.features());
        }
    }
}
