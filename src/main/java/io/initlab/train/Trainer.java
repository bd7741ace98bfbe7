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
import io.initlab.loss.LossConfig;
import io.initlab.model.Layer;
import io.initlab.model.LayerSpec;
import io.initlab.model.ModelSpec;
import io.initlab.model.Network;
import io.initlab.model.Normalization;
import io.initlab.model.Parameter;
import io.initlab.optim.Optimizer;
import io.initlab.optim.OptimizerConfig;
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
    /** The loss's target buffer the batches are gathered into: int[] class labels or float[] regression targets. */
    private final Object y;
    /** Recorded phases by rows: index = rows. */
    private final Phase[] trainPhases;
    private final Phase[] evalPhases;
    private final Phase[] evalDropoutPhases;

    /**
     * Everything a run's phases touch. A backend that compiles phases keeps it from one run to the next when the
     * {@link #partsKey} is equal ({@link Engine#reuse}): the same arrays, so the same compiled phases.
     */
    private record Parts(Network net, Optimizer optimizer, float[] x, Phase[] trainPhases, Phase[] evalPhases,
                         Phase[] evalDropoutPhases) {}

    /**
     * What fixes a run's arrays and the scalars its step and evaluation phases pass to kernels: the model, loss,
     * optimizer and batch buffer size, and the seed only where a layer draws with it at every step (dropout masks).
     * The initializer and the seed otherwise only enter the initialization phase, which runs again each run.
     */
    private record PartsKey(ModelSpec model, LossConfig loss, OptimizerConfig optimizer, int maxRows, Long stepSeed) {}

    public Trainer(Engine engine, TrainConfig config) {
        this(engine, config, config.maxRows());
    }

    /**
     * A trainer whose buffers hold {@code maxRows} rows: fewer than {@link TrainConfig#maxRows()} only for one that
     * never evaluates or probes ({@link WarmUp}: batches of the run's size, and no evaluation pass's 1 000 rows).
     */
    Trainer(Engine engine, TrainConfig config, int maxRows) {
        this.engine = engine;
        this.config = config;
        Engine.Reused<Parts> reused = engine.reuse(partsKey(config, maxRows), () -> newParts(config, maxRows));
        Parts p = reused.parts();
        this.net = p.net();
        this.loss = net.loss();
        this.optimizer = p.optimizer();
        this.x = p.x();
        if (!(loss.targets() instanceof int[]) && !(loss.targets() instanceof float[])) {
            throw new IllegalArgumentException("loss " + config.loss().name() + " needs targets this trainer cannot batch");
        }
        this.y = loss.targets();
        this.trainPhases = p.trainPhases();
        this.evalPhases = p.evalPhases();
        this.evalDropoutPhases = p.evalDropoutPhases();
        if (reused.again()) { // the engine reset the arrays it holds; the host side starts over here
            startOver(optimizer, y, x);
        }
    }

    /** The host side of reused parts as new: the optimizer's step count, the input and target buffers zeroed. */
    static void startOver(Optimizer optimizer, Object y, float[]... inputs) {
        optimizer.restart();
        for (float[] x : inputs) {
            Arrays.fill(x, 0f);
        }
        if (y instanceof int[] labels) {
            Arrays.fill(labels, 0);
        } else {
            Arrays.fill((float[]) y, 0f);
        }
    }

    private static Parts newParts(TrainConfig config, int maxRows) {
        Network net = new Network(config.model(), config.loss(), maxRows, config.seed());
        Optimizer optimizer = config.optimizer().create(net.parameters());
        int phases = maxRows + 1;
        return new Parts(net, optimizer, new float[maxRows * config.model().inputFeatures()], new Phase[phases],
                new Phase[phases], new Phase[phases]);
    }

    private static PartsKey partsKey(TrainConfig config, int maxRows) {
        boolean drawsPerStep = config.model().layers().stream().anyMatch(l -> l instanceof LayerSpec.DropoutSpec);
        return new PartsKey(config.model(), config.loss(), config.optimizer(), maxRows,
                drawsPerStep ? config.seed() : null);
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
        return run(train, trainIdx, train, valIdx, test, listener);
    }

    /**
     * As {@link #run(Dataset, int[], int[], Dataset, TrainListener)}, validating on {@code valData[valIdx]}: the
     * training set's held-out rows, or (as some published studies did) the test set itself.
     */
    public RunResult run(Dataset train, int[] trainIdx, Dataset valData, int[] valIdx, Dataset test,
                         TrainListener listener) {
        checkData(config, y, net.outputs(), train);
        if (valIdx.length > 0) {
            checkData(config, y, net.outputs(), valData);
        }
        EarlyStopping stopping = earlyStopping(config, y, valIdx.length);
        initialize();
        adaptNormalization(train, trainIdx);
        engine.toHost(net.parameterValues());
        listener.onInitialized(net.parameters());
        int probeRows = Math.min(config.probeRows(), valIdx.length > 0 ? valIdx.length : trainIdx.length);
        int[] probeIdx = probeRows > 0 ? Arrays.copyOf(valIdx.length > 0 ? valIdx : trainIdx, probeRows) : null;
        Dataset probeData = valIdx.length > 0 ? valData : train;
        if (probeIdx != null) {
            listener.onLayerStats(probe(probeData, probeIdx, 0));
        }
        ParameterSnapshot best = stopping != null && stopping.restoreBestWeights()
                ? new ParameterSnapshot(net.parameters()) : null;
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
                    return new RunResult("diverged", globalStep, epochs, Double.NaN, Double.NaN, samples, trainNanos / 1e9,
                            0);
                }
                lossSum += batchLoss * rows;
                scoreSum += loss.scoreSum(rows);
                lossRows += rows;
            }
            long epochTrainNanos = System.nanoTime() - start;
            trainNanos += epochTrainNanos;
            listener.onEpochTrained(epoch, lossRows, epochTrainNanos / 1e9);
            double[] val = valIdx.length > 0 ? evaluate(valData, valIdx, false) : new double[] {Double.NaN, Double.NaN};
            double valDropout = valIdx.length > 0 && config.dropoutAccuracy() ? evaluate(valData, valIdx, true)[1] : Double.NaN;
            EpochRecord rec = new EpochRecord(epoch, lossSum / lossRows, scoreSum / lossRows, val[0], val[1], valDropout,
                    (System.nanoTime() - start) / 1e9);
            epochs.add(rec);
            listener.onEpoch(rec);
            if (probeIdx != null) {
                listener.onLayerStats(probe(probeData, probeIdx, epoch));
            }
            if (stopping != null && stopAfter(stopping, rec, best)) {
                break;
            }
        }
        if (best != null && stopping.restoreAtEnd()) { // Keras restores the kept weights whether it stopped or not
            best.restore();
            engine.toDevice(best.values());
        }
        double[] testResult = test == null ? new double[] {Double.NaN, Double.NaN} : evaluate(test, Splits.range(test.count()), false);
        return new RunResult("ok", 0, epochs, testResult[1], testResult[0], samples, trainNanos / 1e9,
                stopping == null ? 0 : stopping.bestEpoch());
    }

    /**
     * The run's early-stopping policy (null: none), after checking that it can monitor what it names: an accuracy or
     * MAE of the run's kind, validation values only when the run has validation rows.
     */
    static EarlyStopping earlyStopping(TrainConfig config, Object y, int valRows) {
        EarlyStopping stopping = config.earlyStopping() == null ? null : config.earlyStopping().policy();
        if (stopping != null && !config.earlyStopping().onLoss()) {
            boolean maeMonitor = stopping.mode() == EarlyStopping.Mode.MIN;
            if (maeMonitor != (y instanceof float[])) {
                throw new IllegalArgumentException("early stopping monitors " + stopping.monitor() + " but this run's metric is "
                        + (y instanceof float[] ? "MAE (regression): monitor val_loss or val_mae" : "accuracy: monitor val_loss or val_accuracy"));
            }
        }
        if (stopping != null && config.earlyStopping().onValidation() && valRows == 0) {
            throw new IllegalArgumentException("early stopping monitors " + stopping.monitor()
                    + " but the run has no validation rows; give a validation split or monitor a training value");
        }
        return stopping;
    }

    /** Tells the early-stopping policy the epoch's monitored value; keeps the weights when it says so. */
    private boolean stopAfter(EarlyStopping stopping, EpochRecord rec, ParameterSnapshot best) {
        EarlyStopping.Action action = stopping.onEpochEnd(rec.epoch(), config.earlyStopping().monitoredIn(rec));
        if (action == EarlyStopping.Action.SAVE_BEST) {
            engine.toHost(best.values());
            best.save();
        }
        return action == EarlyStopping.Action.STOP;
    }

    /**
     * Fits every {@code normalize} layer on the run's training rows (never validation or test rows) and pushes
     * its statistics to the engine before the first phase. Only a first layer sees the data's features.
     */
    private void adaptNormalization(Dataset train, int[] trainIdx) {
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Normalization n) {
                if (i != 0) {
                    throw new IllegalArgumentException("normalize must be the model's first layer (it is fitted on the "
                            + "input features), not layer " + (i + 1));
                }
                n.adapt(train, trainIdx);
                engine.toDevice(n.mean(), n.std());
            }
        }
    }

    /** Batches the rows' labels or targets into the loss's target buffer. */
    private int gather(Dataset data, int[] order, int start, int size) {
        return y instanceof int[] labels ? Batcher.gatherBatch(data, order, start, size, x, labels)
                : Batcher.gatherBatch(data, order, start, size, x, (float[]) y);
    }

    /**
     * One training step on the batch order[start, start + batch) of data; returns its mean loss
     * (non-finite = diverged: the caller stops) and leaves the batch's scores (before the update) in the
     * loss's score buffer. Allocates nothing once the phase for this batch size exists.
     */
    public double stepOn(Dataset data, int[] order, int start, int globalStep) {
        int rows = gather(data, order, start, config.batch());
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
     * Mean loss and accuracy (MAE for a regression loss: its score is the row's absolute error) over {@code data[idx]} in evaluation mode, or with dropout left on when
     * {@code dropoutOn} (reproducing studies that forgot model.eval()).
     */
    public double[] evaluate(Dataset data, int[] idx, boolean dropoutOn) {
        double lossSum = 0;
        double scoreSum = 0;
        Phase[] cache = dropoutOn ? evalDropoutPhases : evalPhases;
        for (int start = 0; start < idx.length; start += TrainConfig.EVAL_ROWS) {
            int rows = gather(data, idx, start, TrainConfig.EVAL_ROWS);
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
        int rows = gather(data, probeIdx, 0, probeIdx.length);
        engine.run(new Phase("probe-" + rows, ops -> {
            float[] out = net.forward(ops, x, rows, false);
            loss.forward(ops, out, rows);
            net.backward(ops, x, rows);
        }, new Object[] {x, y}, new Object[0]));
        List<Object> read = new ArrayList<>(Arrays.asList(net.parameterValues()));
        for (Parameter p : net.parameters()) {
            read.add(p.grad);
        }
        for (Layer l : net.layers()) {
            read.add(l.output());
        }
        engine.toHost(read.toArray());
        return Diagnostics.measure(net, rows, epoch);
    }

    /**
     * What a data set must be for a run: the model's input features, and targets of the loss's kind (a regression
     * loss needs float targets, {@code y} a float[], a classification loss class labels).
     */
    static void checkData(TrainConfig config, Object y, int outputs, Dataset d) {
        checkShape(config, d);
        boolean floatTargets = y instanceof float[];
        if (floatTargets && outputs != 1) {
            throw new IllegalArgumentException("a regression model ends in one output (e.g. dense 1), not " + outputs);
        }
        if (floatTargets != d.isRegression()) {
            throw new IllegalArgumentException("loss " + config.loss().name() + (floatTargets
                    ? " needs float targets (regression) but " + d.name() + " has class labels"
                    : " needs class labels but " + d.name() + " is a regression set (use loss mse)"));
        }
    }

    private static void checkShape(TrainConfig config, Dataset d) {
        if (d.features() != config.model().inputFeatures()) {
            throw new IllegalArgumentException("model expects " + config.model().inputFeatures()
                    + " input features but " + d.name() + " has " + d.features());
        }
    }
}
