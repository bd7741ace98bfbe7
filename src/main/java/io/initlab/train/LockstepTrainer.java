package io.initlab.train;

import io.initlab.backend.EagerEngine;
import io.initlab.backend.Engine;
import io.initlab.backend.LockstepOps;
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
import io.initlab.model.Parameter;
import io.initlab.optim.Optimizer;
import io.initlab.optim.OptimizerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * R runs of one model trained in lockstep on one engine: one network whose arrays hold every run's block in turn
 * ({@link Network}'s runs), driven through {@link LockstepOps}, so that each kernel launch of a step does the work of
 * all R runs. The runs may differ in initializer, seed (so batch order) and fold, not in anything that shapes the
 * arrays or the phases' scalars (model, loss, optimizer, batch, epochs, rows per step): {@link #groupKey}.
 *
 * <p>The loop is {@link Trainer}'s, per run: the same batches (each run's own order), initialization (drawn on the
 * host with the kernel bodies, as {@link Trainer} does on a compiling engine that reuses its phases), probes,
 * metrics and divergence, so each run's numbers are bit-identical to training it alone on the same kernels
 * ({@code LockstepTrainerTest}, and on TornadoVM {@code LockstepParityTest}). A run that diverges stops being
 * recorded at that step while the others go on (its block goes on computing NaNs nobody reads); so does a run early
 * stopping stops, whose weights (or its kept best ones) are put back in its block before the test. Dropout masks
 * are drawn per run with its own seed (one dropout layer at most). Runs with normalization or convolutions, or that
 * evaluate with dropout on, train one at a time ({@link #whyNot}).
 */
public final class LockstepTrainer {

    /** One run of the group: its settings, rows, and where its records go. */
    public record Run(TrainConfig config, int[] trainIdx, int[] valIdx, TrainListener listener) {}

    /** What runs trained together must share: what fixes the stacked arrays and the phases' scalars. */
    public record GroupKey(ModelSpec model, LossConfig loss, OptimizerConfig optimizer, int batch, int epochs,
                           boolean dropLast, int probeRows, int trainRows, int valRows) {}

    /**
     * The parts a compiling engine keeps from one group to the next of the same key and size ({@link Engine#reuse}).
     * Training batches and evaluation chunks have their own input buffers: a phase copies its inputs whole at every
     * run, and R runs' evaluation chunks (1 000 rows each) are many times a training batch.
     */
    private record Parts(Network net, Optimizer optimizer, float[] xTrain, float[] xEval, int[] seedWords,
                         Phase[] trainPhases, Phase[] evalPhases) {}

    private record PartsKey(GroupKey group, int runs) {}

    private final Engine engine;
    private final List<Run> runs;
    private final int count;
    private final TrainConfig config;
    private final Network net;
    private final Loss loss;
    private final Optimizer optimizer;
    private final float[] xTrain;
    private final float[] xEval;
    private final Object y;
    private final Phase[] trainPhases;
    private final Phase[] evalPhases;
    /** One ordinary network per run, on the host: initialized there, and each run's view for its layer statistics. */
    private final Network[] shadows;
    /**
     * The runs' seeds as dropout masks take them ({@link LockstepOps#seedWords}): kept with the parts (the recorded
     * phases read this array), filled by each group and pushed to the engine before its first step.
     */
    private final int[] seedWords;

    public LockstepTrainer(Engine engine, List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to train");
        }
        GroupKey key = groupKey(runs.get(0).config(), runs.get(0).trainIdx().length, runs.get(0).valIdx().length);
        for (Run r : runs) {
            String why = whyNot(r.config());
            if (why != null) {
                throw new IllegalArgumentException("run with seed " + r.config().seed() + " cannot train in lockstep: " + why);
            }
            if (!key.equals(groupKey(r.config(), r.trainIdx().length, r.valIdx().length))) {
                throw new IllegalArgumentException("runs trained in lockstep must share model, loss, optimizer, batch, "
                        + "epochs and row counts: " + key + " vs seed " + r.config().seed());
            }
        }
        this.engine = engine;
        this.runs = List.copyOf(runs);
        this.count = runs.size();
        this.config = runs.get(0).config();
        Engine.Reused<Parts> reused = engine.reuse(new PartsKey(key, count), () -> newParts(config, count));
        Parts p = reused.parts();
        this.net = p.net();
        this.loss = net.loss();
        this.optimizer = p.optimizer();
        this.xTrain = p.xTrain();
        this.xEval = p.xEval();
        this.y = loss.targets();
        this.trainPhases = p.trainPhases();
        this.evalPhases = p.evalPhases();
        if (reused.again()) { // the engine reset the arrays it holds; the host side starts over here
            Trainer.startOver(optimizer, y, xTrain, xEval);
        }
        this.seedWords = p.seedWords();
        int[] words = LockstepOps.seedWords(runs.stream().mapToLong(r -> r.config().seed()).toArray());
        System.arraycopy(words, 0, seedWords, 0, words.length);
        engine.toDevice(seedWords);
        this.shadows = new Network[count];
        for (int r = 0; r < count; r++) { // buffers for the probe's rows only: they hold nothing else
            shadows[r] = new Network(config.model(), config.loss(), Math.max(1, config.probeRows()),
                    runs.get(r).config().seed());
        }
    }

    /** Run {@code run}'s current parameter values (read back from the engine), in {@link Network#parameters} order. */
    public List<float[]> parameterValues(int run) {
        List<Parameter> stacked = net.parameters();
        engine.toHost(net.parameterValues());
        List<float[]> out = new ArrayList<>();
        for (Parameter p : stacked) {
            out.add(Arrays.copyOfRange(p.value, run * p.size(), (run + 1) * p.size()));
        }
        return out;
    }

    /** The initializer of every layer of run {@code run}, as {@link Trainer#layerInits} says it. */
    public String layerInits(int run) {
        return LayerInits.text(runs.get(run).config().init(), shadows[run].parameters());
    }

    /** Why a run cannot train in lockstep with others (null: it can). */
    public static String whyNot(TrainConfig c) {
        for (LayerSpec l : c.model().layers()) {
            if (!l.buildsForRuns()) {
                return "its model has a " + l.namePrefix() + " layer (lockstep training takes dense and dropout layers)";
            }
        }
        if (c.dropoutAccuracy()) {
            return "it evaluates with dropout on";
        }
        if (c.model().layers().stream().filter(l -> l instanceof LayerSpec.DropoutSpec).count() > 1) {
            // TornadoVM 5.2 on PoCL fails to run a lockstep step with two dropout-mask tasks over runs (a bailout
            // without a message; one such task runs, and two work on the kernel bodies): refused rather than failed
            return "its model has more than one dropout layer (lockstep training takes one)";
        }
        return null;
    }

    /** Runs with equal keys (and {@link #whyNot} null) can train together. */
    public static GroupKey groupKey(TrainConfig c, int trainRows, int valRows) {
        return new GroupKey(c.model(), c.loss(), c.optimizer(), c.batch(), c.epochs(), c.dropLast(), c.probeRows(),
                trainRows, valRows);
    }

    private static Parts newParts(TrainConfig config, int runs) {
        int maxRows = config.maxRows();
        Network net = new Network(config.model(), config.loss(), maxRows, config.seed(), runs);
        Optimizer optimizer = config.optimizer().create(net.parameters());
        int features = config.model().inputFeatures();
        int evalRows = Math.max(TrainConfig.EVAL_ROWS, config.probeRows());
        return new Parts(net, optimizer, new float[runs * config.batch() * features], new float[runs * evalRows * features],
                new int[2 * runs], new Phase[maxRows + 1], new Phase[maxRows + 1]);
    }

    /**
     * Trains every run on {@code train[run.trainIdx]}, validates each epoch on {@code valData[run.valIdx]} (none when
     * empty) and tests on all of {@code test} (none when null); returns one result per run, in order.
     */
    public List<RunResult> run(Dataset train, Dataset valData, Dataset test) {
        int valRows = runs.get(0).valIdx().length;
        Trainer.checkData(config, y, net.outputs(), train);
        if (valRows > 0) {
            Trainer.checkData(config, y, net.outputs(), valData);
        }
        EarlyStopping[] stopping = new EarlyStopping[count];
        ParameterSnapshot[] best = new ParameterSnapshot[count];
        for (int r = 0; r < count; r++) {
            stopping[r] = Trainer.earlyStopping(runs.get(r).config(), y, valRows);
            best[r] = stopping[r] != null && stopping[r].restoreBestWeights() ? new ParameterSnapshot(shadows[r].parameters())
                    : null;
        }
        initialize();
        int probeRows = Math.min(config.probeRows(), valRows > 0 ? valRows : runs.get(0).trainIdx().length);
        Dataset probeData = valRows > 0 ? valData : train;
        int[][] probeIdx = new int[count][];
        for (int r = 0; r < count; r++) {
            Run run = runs.get(r);
            probeIdx[r] = probeRows > 0 ? Arrays.copyOf(valRows > 0 ? run.valIdx() : run.trainIdx(), probeRows) : null;
            run.listener().onInitialized(shadows[r].parameters());
        }
        if (probeRows > 0) {
            probe(probeData, probeIdx, 0, new Ended[count]);
        }
        List<List<EpochRecord>> epochs = new ArrayList<>();
        Ended[] ended = new Ended[count]; // null while the run trains
        int[] divergedStep = new int[count];
        long[] samples = new long[count];
        for (int r = 0; r < count; r++) {
            epochs.add(new ArrayList<>());
        }
        int active = count;
        int batch = config.batch();
        int trainRows = runs.get(0).trainIdx().length;
        int steps = Batcher.stepsPerEpoch(trainRows, batch, config.dropLast());
        int globalStep = 0;
        long trainNanos = 0;
        int[][] order = new int[count][];
        double[] lossSum = new double[count];
        double[] scoreSum = new double[count];
        for (int epoch = 1; epoch <= config.epochs() && active > 0; epoch++) {
            long start = System.nanoTime();
            for (int r = 0; r < count; r++) {
                order[r] = Batcher.epochOrder(runs.get(r).trainIdx(), runs.get(r).config().seed(), epoch);
            }
            Arrays.fill(lossSum, 0);
            Arrays.fill(scoreSum, 0);
            long lossRows = 0;
            for (int s = 0; s < steps && active > 0; s++) {
                globalStep++;
                int rows = Math.min(batch, trainRows - s * batch);
                step(train, order, s * batch, globalStep);
                lossRows += rows;
                for (int r = 0; r < count; r++) {
                    if (ended[r] != null) {
                        continue;
                    }
                    double batchLoss = loss.meanLoss(r * rows, rows);
                    runs.get(r).listener().onBatch(epoch, globalStep, batchLoss);
                    samples[r] += rows;
                    if (!Double.isFinite(batchLoss)) { // this run diverged: as Trainer records it
                        ended[r] = Ended.DIVERGED;
                        divergedStep[r] = globalStep;
                        EpochRecord rec = new EpochRecord(epoch, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                                (System.nanoTime() - start) / 1e9);
                        epochs.get(r).add(rec);
                        runs.get(r).listener().onEpoch(rec);
                        active--;
                        continue;
                    }
                    lossSum[r] += batchLoss * rows;
                    scoreSum[r] += loss.scoreSum(r * rows, rows);
                }
            }
            long epochTrainNanos = System.nanoTime() - start;
            trainNanos += epochTrainNanos;
            if (active == 0) {
                break;
            }
            for (int r = 0; r < count; r++) {
                if (ended[r] == null) {
                    runs.get(r).listener().onEpochTrained(epoch, lossRows, epochTrainNanos / 1e9);
                }
            }
            double[][] val = valRows > 0 ? evaluate(valData, valIndices()) : null;
            for (int r = 0; r < count; r++) {
                if (ended[r] != null) {
                    continue;
                }
                EpochRecord rec = new EpochRecord(epoch, lossSum[r] / lossRows, scoreSum[r] / lossRows,
                        val == null ? Double.NaN : val[r][0], val == null ? Double.NaN : val[r][1], Double.NaN,
                        (System.nanoTime() - start) / 1e9);
                epochs.get(r).add(rec);
                runs.get(r).listener().onEpoch(rec);
            }
            if (probeRows > 0) {
                probe(probeData, probeIdx, epoch, ended);
            }
            boolean fetched = false;
            for (int r = 0; r < count; r++) { // early stopping, as Trainer.stopAfter: on the run's own weights
                if (ended[r] != null || stopping[r] == null) {
                    continue;
                }
                EarlyStopping.Action action = stopping[r].onEpochEnd(epoch,
                        runs.get(r).config().earlyStopping().monitoredIn(epochs.get(r).get(epochs.get(r).size() - 1)));
                if (action != EarlyStopping.Action.CONTINUE) { // keep this epoch's weights: the best so far, or the last
                    if (!fetched) {
                        engine.toHost(net.parameterValues());
                        fetched = true;
                    }
                    toShadow(r, false);
                }
                if (action == EarlyStopping.Action.SAVE_BEST) {
                    best[r].save();
                } else if (action == EarlyStopping.Action.STOP) {
                    ended[r] = Ended.STOPPED;
                    active--;
                }
            }
        }
        boolean anyOk = false;
        boolean moved = false;
        Object[] values = net.parameterValues();
        engine.toHost(values);
        for (int r = 0; r < count; r++) {
            if (ended[r] != Ended.DIVERGED) {
                anyOk = true;
                moved |= finalWeights(r, ended[r] == Ended.STOPPED, best[r] != null && stopping[r].restoreAtEnd() ? best[r] : null);
            }
        }
        if (moved) {
            engine.toDevice(values);
        }
        double[][] tested = test == null || !anyOk ? null : evaluate(test, sameForAll(Splits.range(test.count())));
        List<RunResult> results = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            int bestEpoch = stopping[r] == null ? 0 : stopping[r].bestEpoch();
            if (ended[r] == Ended.DIVERGED) {
                results.add(new RunResult("diverged", divergedStep[r], epochs.get(r), Double.NaN, Double.NaN, samples[r],
                        trainNanos / 1e9, bestEpoch));
            } else {
                results.add(new RunResult("ok", 0, epochs.get(r), tested == null ? Double.NaN : tested[r][1],
                        tested == null ? Double.NaN : tested[r][0], samples[r], trainNanos / 1e9, bestEpoch));
            }
        }
        return results;
    }

    /** Why a run stopped training before the group: its loss diverged, or early stopping stopped it. */
    private enum Ended { DIVERGED, STOPPED }

    /**
     * Run r's block of every stacked parameter into its shadow network: values, and gradients when asked. The host must
     * hold the group's current values.
     */
    private void toShadow(int r, boolean withGradients) {
        List<Parameter> stacked = net.parameters();
        List<Parameter> own = shadows[r].parameters();
        for (int i = 0; i < own.size(); i++) {
            Parameter p = own.get(i);
            System.arraycopy(stacked.get(i).value, r * p.size(), p.value, 0, p.size());
            if (withGradients) {
                System.arraycopy(stacked.get(i).grad, r * p.size(), p.grad, 0, p.size());
            }
        }
    }

    /** Run r's shadow parameter values into its block of the stacked parameters (host side). */
    private void fromShadow(int r) {
        List<Parameter> stacked = net.parameters();
        List<Parameter> own = shadows[r].parameters();
        for (int i = 0; i < own.size(); i++) {
            Parameter p = own.get(i);
            System.arraycopy(p.value, 0, stacked.get(i).value, r * p.size(), p.size());
        }
    }

    /**
     * Puts run r's final weights in its block of the group's arrays (host side), as {@link Trainer} leaves them: those
     * it stopped with (its block trained on with the group since), or the kept best ones when early stopping restores
     * them. A run that trained every epoch without restoring keeps its block as it is. The host must hold the group's
     * current values; returns whether it changed them (then they go to the device).
     */
    private boolean finalWeights(int r, boolean stopped, ParameterSnapshot restore) {
        if (restore != null) {
            restore.restore();
        } else if (!stopped) {
            return false;
        }
        fromShadow(r);
        return true;
    }

    /**
     * Draws each run's parameters on the host with the kernel bodies (what every engine's initialization reproduces
     * bit for bit) into its shadow network, then stacks them into the group's network and pushes them.
     */
    private void initialize() {
        EagerEngine bodies = new EagerEngine(new Ops() {});
        for (int r = 0; r < count; r++) {
            Run run = runs.get(r);
            Initialization.run(bodies, shadows[r].parameters(), run.config().init(), run.config().seed());
            fromShadow(r);
        }
        engine.toDevice(net.parameterValues());
    }

    /** One training step of every run on its batch order[r][start, start + batch). */
    private void step(Dataset data, int[][] order, int start, int globalStep) {
        int rows = gather(data, order, start, config.batch(), xTrain);
        net.stepCounter()[0] = globalStep;
        optimizer.prepare();
        Phase phase = trainPhases[rows];
        if (phase == null) {
            phase = trainPhases[rows] = new Phase("lockstep-" + count + "-train-" + rows, ops -> {
                Ops all = new LockstepOps(ops, count, seedWords);
                float[] out = net.forward(all, xTrain, rows, true);
                loss.forward(all, out, rows);
                loss.score(all, out, rows);
                net.backward(all, xTrain, rows);
                optimizer.update(all);
            }, new Object[] {xTrain, y, net.stepCounter(), optimizer.hyperParameters()},
                    new Object[] {loss.rowLoss(), loss.scores()});
        }
        engine.run(phase);
    }

    /** Each run's rows order[r][start, start + size) into its block of x and the targets; returns the rows per run. */
    private int gather(Dataset data, int[][] order, int start, int size, float[] x) {
        int rows = 0;
        for (int r = 0; r < count; r++) {
            int toRow = r * Math.min(size, order[r].length - start);
            rows = y instanceof int[] labels ? Batcher.gatherBatch(data, order[r], start, size, x, labels, toRow)
                    : Batcher.gatherBatch(data, order[r], start, size, x, (float[]) y, toRow);
        }
        return rows;
    }

    private int[][] valIndices() {
        int[][] idx = new int[count][];
        for (int r = 0; r < count; r++) {
            idx[r] = runs.get(r).valIdx();
        }
        return idx;
    }

    private int[][] sameForAll(int[] idx) {
        int[][] all = new int[count][];
        Arrays.fill(all, idx);
        return all;
    }

    /** Per run: mean loss and score over data[idx[r]] in evaluation mode, as {@link Trainer#evaluate}. */
    private double[][] evaluate(Dataset data, int[][] idx) {
        double[] lossSum = new double[count];
        double[] scoreSum = new double[count];
        int total = idx[0].length;
        for (int start = 0; start < total; start += TrainConfig.EVAL_ROWS) {
            int rows = gather(data, idx, start, TrainConfig.EVAL_ROWS, xEval);
            if (evalPhases[rows] == null) {
                evalPhases[rows] = new Phase("lockstep-" + count + "-eval-" + rows, ops -> {
                    Ops all = new LockstepOps(ops, count);
                    float[] out = net.forward(all, xEval, rows, false);
                    loss.forward(all, out, rows);
                    loss.score(all, out, rows);
                }, new Object[] {xEval, y, net.stepCounter()}, new Object[] {loss.rowLoss(), loss.scores()});
            }
            engine.run(evalPhases[rows]);
            for (int r = 0; r < count; r++) {
                lossSum[r] += loss.meanLoss(r * rows, rows) * rows;
                scoreSum[r] += loss.scoreSum(r * rows, rows);
            }
        }
        double[][] out = new double[count][];
        for (int r = 0; r < count; r++) {
            out[r] = new double[] {lossSum[r] / total, scoreSum[r] / total};
        }
        return out;
    }

    /**
     * A forward and backward pass on each run's probe rows; the layer statistics of each run still training (not
     * {@code ended}) from its block.
     */
    private void probe(Dataset data, int[][] probeIdx, int epoch, Ended[] ended) {
        int rows = gather(data, probeIdx, 0, probeIdx[0].length, xEval);
        engine.run(new Phase("lockstep-" + count + "-probe-" + rows, ops -> {
            Ops all = new LockstepOps(ops, count);
            float[] out = net.forward(all, xEval, rows, false);
            loss.forward(all, out, rows);
            net.backward(all, xEval, rows);
        }, new Object[] {xEval, y}, new Object[0]));
        List<Parameter> stacked = net.parameters();
        List<Object> read = new ArrayList<>();
        for (Parameter p : stacked) {
            read.add(p.value);
            read.add(p.grad);
        }
        for (Layer l : net.layers()) {
            if (!l.parameters().isEmpty()) {
                read.add(l.output());
            }
        }
        engine.toHost(read.toArray());
        for (int r = 0; r < count; r++) {
            if (ended[r] != null) {
                continue;
            }
            toShadow(r, true);
            List<Layer> layers = net.layers();
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                if (!l.parameters().isEmpty()) {
                    int n = rows * l.outputFeatures();
                    System.arraycopy(l.output(), r * n, shadows[r].layers().get(i).output(), 0, n);
                }
            }
            runs.get(r).listener().onLayerStats(Diagnostics.measure(shadows[r], rows, epoch));
        }
    }
}
