package io.initlab.study;

import io.initlab.Version;
import io.initlab.backend.Backend;
import io.initlab.data.Batcher;
import io.initlab.data.Dataset;
import io.initlab.data.TrainValSplit;
import io.initlab.data.Splits;
import io.initlab.model.ModelSpec;
import io.initlab.model.Parameter;
import io.initlab.results.RunRecord;
import io.initlab.results.RunStatus;
import io.initlab.train.LayerStat;
import io.initlab.train.LockstepTrainer;
import io.initlab.train.RunResult;
import io.initlab.train.TrainConfig;
import io.initlab.train.TrainListener;
import io.initlab.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/** Runs one {@link RunSpec} on a backend and collects everything it records into a {@link RunRecord}. */
final class RunExecutor {
    private RunExecutor() {}

    static final int HISTOGRAM_BINS = 60;

    /**
     * @param withHistograms record initial weight histograms (first seed and fold of a variant)
     * @param onBatch        called with the global step after each batch (progress)
     */
    static RunRecord run(Study s, RunSpec r, Dataset train, Dataset test, Backend backend, boolean withHistograms,
                         IntConsumer onBatch) {
        Prepared p = prepare(s, r, train, test);
        Collector c = new Collector(s.batchLog(), withHistograms, onBatch);
        long start = System.nanoTime();
        Trainer trainer = new Trainer(backend.engine(), p.config());
        RunResult res = trainer.run(train, p.trainIdx(), p.valData(), p.valIdx(), s.test() ? test : null, c);
        double wall = (System.nanoTime() - start) / 1e9;
        return record(s, r, p, res, c, trainer.layerInits(), wall, backend.name());
    }

    /**
     * Runs {@code runs} in lockstep on the backend's engine ({@link LockstepTrainer}: their {@link #prepare}d settings
     * must share a {@link LockstepTrainer#groupKey}); one record per run, in order. Each run's wall time is the group's.
     */
    static List<RunRecord> runGroup(Study s, List<RunSpec> runs, Dataset train, Dataset test, Backend backend,
                                    Predicate<RunSpec> withHistograms, IntConsumer onBatch) {
        List<Prepared> prepared = new ArrayList<>();
        List<Collector> collectors = new ArrayList<>();
        List<LockstepTrainer.Run> group = new ArrayList<>();
        for (RunSpec r : runs) {
            Prepared p = prepare(s, r, train, test);
            Collector c = new Collector(s.batchLog(), withHistograms.test(r), onBatch);
            prepared.add(p);
            collectors.add(c);
            group.add(new LockstepTrainer.Run(p.config(), p.trainIdx(), p.valIdx(), c));
        }
        long start = System.nanoTime();
        LockstepTrainer trainer = new LockstepTrainer(backend.engine(), group);
        List<RunResult> results = trainer.run(train, prepared.get(0).valData(), s.test() ? test : null);
        double wall = (System.nanoTime() - start) / 1e9;
        List<RunRecord> records = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            records.add(record(s, runs.get(i), prepared.get(i), results.get(i), collectors.get(i), trainer.layerInits(i),
                    wall, backend.name()));
        }
        return records;
    }

    /** A run's settings as the trainer takes them: its model, config, and training and validation rows. */
    record Prepared(ModelSpec model, TrainConfig config, int[] trainIdx, Dataset valData, int[] valIdx, int steps) {}

    /** The run's split, model and training settings (what {@link #run} trains, and lockstep groups are formed by). */
    static Prepared prepare(Study s, RunSpec r, Dataset train, Dataset test) {
        TrainValSplit split = RunSplit.of(s, train.count(), train.isRegression() ? null : train.labels(), r.seed(), r.fold());
        int[] trainIdx = split.train();
        Dataset valData = train;
        int[] valIdx = split.val();
        if (s.validation().onTestSet()) { // as the study's source did: the test set validates (the report says so)
            if (test == null || test.count() == 0) {
                throw new IllegalArgumentException("validation: {split: test} needs a test set; " + s.dataset() + " has none");
            }
            valData = test;
            valIdx = Splits.range(test.count());
        }
        ModelSpec model = s.model().build(train.channels(), train.rows(), train.cols(), r.variant().activation(),
                train.classes());
        TrainConfig cfg = new TrainConfig(model, s.initSettings(r.variant()), s.optimizer(), s.batch(), s.epochs(),
                r.seed(), s.dropLast(), s.dropoutAccuracy(), s.probeRows(), s.loss(), s.earlyStopping());
        int steps = Batcher.stepsPerEpoch(trainIdx.length, s.batch(), s.dropLast());
        return new Prepared(model, cfg, trainIdx, valData, valIdx, steps);
    }

    private static RunRecord record(Study s, RunSpec r, Prepared p, RunResult res, Collector c, String layerInits,
                                    double wall, String backend) {
        ModelSpec model = p.model();
        int steps = p.steps();
        String activation = r.variant().activation() != null ? r.variant().activation().label()
                : s.model().activation() != null ? s.model().activation().label() : "";
        return new RunRecord(r.runId(), r.variant().label(), r.configHash(), s.name(), s.dataset(), model.describe(),
                activation, r.variant().init().name(), r.variant().init().toString(),
                biasLabel(r.variant()), layerInits, s.optimizer().toString(),
                s.optimizer().lr(), s.batch(), s.model().dropout(), r.seed(), r.fold(), s.epochs(), steps,
                res.diverged() ? RunStatus.DIVERGED : RunStatus.OK, res.divergedStep(), null, res.testAccuracy(),
                res.testLoss(), wall, res.samplesPerSecond(), backend, Version.get(), res.epochs(), c.losses(),
                c.layers, c.histograms, s.loss().name(), res.epochsRun(), res.bestEpoch());
    }

    /** A failed run (an exception, not a divergence): recorded so the study goes on and the report shows it. */
    static RunRecord failed(Study s, RunSpec r, String backend, Throwable e) {
        return new RunRecord(r.runId(), r.variant().label(), r.configHash(), s.name(), s.dataset(), "", "",
                r.variant().init().name(), r.variant().init().toString(), biasLabel(r.variant()), "",
                s.optimizer().toString(), s.optimizer().lr(), s.batch(), s.model().dropout(), r.seed(), r.fold(),
                s.epochs(), 0, RunStatus.FAILED, 0, String.valueOf(e), Double.NaN, Double.NaN, 0, Double.NaN, backend,
                Version.get(), List.of(), new float[0], List.of(), List.of(), s.loss().name(), 0, 0);
    }

    /** The text every not-run record's error starts with (the report shows it for groups without results). */
    static final String NOT_RUN_TEXT = "not run: data not available here";

    /**
     * A run that never started because the study's data set could not be loaded ({@code reason}, one line): its
     * planned config hash and settings, the model as the data set's shape makes it, no numbers.
     */
    static RunRecord notRun(Study s, RunSpec r, String backend, String reason) {
        io.initlab.data.Datasets.InputShape in = StudyLoader.inputShape(s);
        String model = s.model().build(in.channels(), in.height(), in.width(), r.variant().activation(), in.classes())
                .describe();
        String activation = r.variant().activation() != null ? r.variant().activation().label()
                : s.model().activation() != null ? s.model().activation().label() : "";
        return new RunRecord(r.runId(), r.variant().label(), r.configHash(), s.name(), s.dataset(), model, activation,
                r.variant().init().name(), r.variant().init().toString(), biasLabel(r.variant()), "",
                s.optimizer().toString(), s.optimizer().lr(), s.batch(), s.model().dropout(), r.seed(), r.fold(),
                s.epochs(), 0, RunStatus.NOT_RUN, 0, NOT_RUN_TEXT + " (" + reason + ")", Double.NaN, Double.NaN, 0,
                Double.NaN, backend, Version.get(), List.of(), new float[0], List.of(), List.of(), s.loss().name(), 0, 0);
    }

    /** The bias_init column: the variant's bias initializer, or "default" (each layer's own). */
    private static String biasLabel(Study.Variant v) {
        return v.bias() == null ? "default" : v.bias().toString();
    }

    /** Collects a run's records as they come. */
    private static final class Collector implements TrainListener {
        final int batchLog;
        final boolean withHistograms;
        final IntConsumer onBatch;
        float[] losses = new float[1024];
        int count;
        final List<LayerStat> layers = new ArrayList<>();
        final List<RunRecord.Histogram> histograms = new ArrayList<>();

        Collector(int batchLog, boolean withHistograms, IntConsumer onBatch) {
            this.batchLog = batchLog;
            this.withHistograms = withHistograms;
            this.onBatch = onBatch;
        }

        @Override
        public void onInitialized(List<Parameter> parameters) {
            if (!withHistograms) {
                return;
            }
            for (Parameter p : parameters) {
                if (!p.bias) {
                    histograms.add(RunRecord.Histogram.of(p.name.replace(".weight", ""), p.value, HISTOGRAM_BINS));
                }
            }
        }

        @Override
        public void onBatch(int epoch, int step, double loss) {
            if (batchLog == 0 || count < batchLog) {
                if (count == losses.length) {
                    losses = Arrays.copyOf(losses, count * 2);
                }
                losses[count++] = (float) loss;
            }
            onBatch.accept(step);
        }

        @Override
        public void onLayerStats(List<LayerStat> stats) {
            layers.addAll(stats);
        }

        float[] losses() {
            return Arrays.copyOf(losses, count);
        }

    }
}
