package io.initlab.cli;

import io.initlab.backend.Backend;
import io.initlab.backend.Backends;
import io.initlab.data.Dataset;
import io.initlab.data.DatasetPair;
import io.initlab.data.Datasets;
import io.initlab.data.Splits;
import io.initlab.init.Framework;
import io.initlab.init.InitSettings;
import io.initlab.init.InitSpec;
import io.initlab.init.Initializers;
import io.initlab.model.Activation;
import io.initlab.loss.LossConfig;
import io.initlab.loss.LossRegistry;
import io.initlab.model.ModelSpec;
import io.initlab.model.Network;
import io.initlab.study.Defaults;
import io.initlab.study.MemoryEstimate;
import io.initlab.study.ProgressBars;
import io.initlab.train.EpochRecord;
import io.initlab.optim.OptimizerConfig;
import io.initlab.train.RunResult;
import io.initlab.train.TrainConfig;
import io.initlab.train.TrainListener;
import io.initlab.train.Trainer;
import io.initlab.train.WarmUp;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains one model and prints a machine-readable last line. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one model (an MLP, or any --layers) with one initializer and report test accuracy",
                "(the mean absolute error and MSE for a regression data set): one cell of a study, tried by hand.",
                "The last line on stdout is machine-readable: test_accuracy=… (regression: test_mae=… test_mse=…)",
                "samples_per_s=… status=ok|diverged"})
final class TrainCommand implements Callable<Integer> {

    /** The data set names picocli lists in --help. */
    static final class DatasetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Datasets.NAMES.iterator();
        }
    }

    @Option(names = "--dataset", defaultValue = Defaults.DATASET, completionCandidates = DatasetNames.class,
            description = "one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); california-housing is a "
                    + "regression set (its loss mse; add a normalize layer: --layers \"normalize; dense 64 relu; dense 1\")")
    String dataset;

    @Mixin
    DataOption dataDir;

    @Option(names = "--init", defaultValue = "xavier_normal", description = "weight initializer, e.g. he_normal or uniform(a=-0.5, b=0.5); see 'initlab inits' (default: ${DEFAULT-VALUE})")
    String init;

    @Option(names = "--bias-init", description = "bias initializer (default: zeros; pytorch_default implies its own)")
    String biasInit;

    @Option(names = "--hidden", split = ",", defaultValue = Defaults.HIDDEN_TEXT, description = "hidden layer widths (default: ${DEFAULT-VALUE})")
    int[] hidden;

    @Option(names = "--activation", defaultValue = Defaults.ACTIVATION_TEXT, description = "relu | leaky_relu | tanh | sigmoid | identity (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--layers", split = ";", description = "explicit layers instead of --hidden/--activation/--dropout, "
            + "separated by ';', e.g. \"conv 32 3x3 relu; maxpool 2; flatten; dense 100 relu; dense 10\"")
    java.util.List<String> layers;

    @Option(names = "--dropout", defaultValue = Defaults.DROPOUT_TEXT, description = "dropout rate after each hidden layer (default: ${DEFAULT-VALUE})")
    double dropout;

    @Option(names = "--framework", defaultValue = "none", description = "keras | pytorch: its defaults for what is left "
            + "unnamed (layers' initializers without init=, with --init on layers marked init=axis; the optimizer's settings "
            + "and form); none: --init on every layer, PyTorch's optimizer settings (default: ${DEFAULT-VALUE})")
    String framework;

    @Option(names = "--optimizer", defaultValue = Defaults.OPTIMIZER, description = "adam | sgd | rmsprop (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", defaultValue = Defaults.LR_TEXT, description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--momentum", defaultValue = Defaults.MOMENTUM_TEXT, description = "SGD momentum (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--batch", defaultValue = Defaults.BATCH_TEXT, description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--epochs", defaultValue = Defaults.EPOCHS_TEXT, description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", defaultValue = Defaults.SEED_TEXT, description = "seed of weights, shuffles and dropout (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--validation", defaultValue = "0", paramLabel = "N|test",
            description = {"N: training rows held out for validation, shuffled by the seed; test: validate on the test set",
                    "itself, holding nothing out (as some published studies did; the output says so) (default: ${DEFAULT-VALUE})"})
    String validation;

    @Option(names = "--loss", description = "softmax_cross_entropy | mse (default: the data set's: mse for a regression set)")
    String loss;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = {"stop when val_loss has not improved for PATIENCE epochs and restore the best epoch's weights",
                    "(Keras' EarlyStopping(monitor='val_loss', restore_best_weights=True)); needs --validation"})
    Integer earlyStopping;

    @Option(names = "--limit", description = "use only the first N training images (quick experiments)")
    Integer limit;

    @Mixin
    ThreadOptions threads;

    @Mixin
    BackendOptions backend;

    @Mixin
    ProgressOption progress;

    @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"compile the model's kernels while the data set is read: a throwaway copy of the model trains on",
                    "random inputs on a second thread (JVM backend; changes no result, only how soon the first epoch runs at",
                    "full speed) (default: ${DEFAULT-VALUE})"})
    boolean warm;

    @Override
    public Integer call() {
        InitSpec initSpec = InitSpec.parse(init);
        Initializers.validate(initSpec);
        InitSpec biasSpec = biasInit == null ? null : InitSpec.parse(biasInit);
        if (biasSpec != null) {
            Initializers.validate(biasSpec);
        }
        Framework fw = Framework.parse(framework);
        OptimizerConfig opt = OptimizerConfig.of(optimizer, fw, lr, momentum);
        if (!Datasets.NAMES.contains(dataset)) {
            throw new IllegalArgumentException("--dataset: unknown data set '" + dataset + "'; known: "
                    + String.join(", ", Datasets.NAMES));
        }
        boolean regression = Defaults.REGRESSION_DATASETS.contains(dataset);
        LossConfig lossConfig = LossRegistry.byName(loss != null ? loss : Defaults.lossFor(dataset));
        if (lossConfig.name().equals(Defaults.REGRESSION_LOSS) != regression) {
            throw new IllegalArgumentException("--loss " + lossConfig.name() + " does not fit " + dataset + ", whose targets are "
                    + (regression ? "numbers (use mse)" : "classes (use softmax_cross_entropy)"));
        }
        boolean validateOnTest = validation.strip().equalsIgnoreCase("test");
        int held = validateOnTest ? 0 : count("--validation", validation);
        if (earlyStopping != null && earlyStopping < 0) {
            throw new IllegalArgumentException("--early-stopping: the patience must be >= 0 epochs, not " + earlyStopping);
        }
        if (earlyStopping != null && held == 0 && !validateOnTest) {
            throw new IllegalArgumentException("--early-stopping monitors val_loss, which needs validation data: add "
                    + "--validation N (rows held out) or --validation test");
        }
        Path dataRoot = dataDir.root();
        // the model from the data set's known shape, so that its kernels compile while the data is read
        Datasets.InputShape shape = Datasets.shape(dataset);
        ModelSpec model = layers != null
                ? ModelSpec.parse(shape.channels(), shape.height(), shape.width(), layers.stream().map(String::trim).toList())
                : ModelSpec.mlp(shape.channels(), shape.height(), shape.width(), hidden, Activation.parse(activation), dropout,
                        regression ? 1 : shape.classes());
        TrainConfig.EarlyStop stop = earlyStopping == null ? null : new TrainConfig.EarlyStop("val_loss", earlyStopping, 0, true);
        TrainConfig cfg = new TrainConfig(model, new InitSettings(initSpec, biasSpec, fw), opt, batch, epochs, seed, false,
                false, 0, lossConfig, stop);
        String memory = MemoryEstimate.of(model, cfg.maxRows()).problem(1, MemoryEstimate.datasetBytes(dataRoot, dataset));
        if (memory != null) {
            throw new IllegalArgumentException("this model " + memory);
        }
        cfg.init().check(new Network(model, 1, seed).parameters()); // a bad init= in --layers: one line, before the banner
        int runThreads = threads.perRun(1);
        boolean jvm = Backends.resolve(backend.backend).equals("jvm");
        DatasetPair data;
        int warmUpSteps = -1;
        try (WarmUp warmUp = jvm && warm ? WarmUp.start(Backends.create("jvm", 1, null), cfg) : null) {
            data = Datasets.load(dataset, dataRoot);
            warmUpSteps = warmUp == null ? -1 : warmUp.steps();
        }
        Dataset test = data.test().count() == 0 ? null : data.test(); // Iris has none
        if (validateOnTest && test == null) {
            throw new IllegalArgumentException("--validation test: " + dataset + " has no test set; hold out rows: --validation N");
        }
        int n = limit == null ? data.train().count() : Math.min(limit, data.train().count());
        if (n <= 0) {
            throw new IllegalArgumentException("--limit must be > 0");
        }
        if (held >= n) {
            throw new IllegalArgumentException("--validation must be in [0, " + n + "), not " + held);
        }
        int[] all = Splits.permutation(n, seed);
        int[] valIdx = validateOnTest ? Splits.range(test.count()) : Arrays.copyOfRange(all, 0, held);
        Dataset valData = validateOnTest ? test : data.train();
        int[] trainIdx = held == 0 ? Splits.range(n) : Arrays.copyOfRange(all, held, n);
        try (Backend be = Backends.create(backend.backend, runThreads, backend.device)) {
            System.err.println("initlab: " + dataset + " " + trainIdx.length + " train / "
                    + (validateOnTest ? "validation on the test set" : valIdx.length + " val") + " / "
                    + data.test().count() + " test, " + model.describe() + ", init " + initSpec + ", " + opt
                    + ", loss " + lossConfig.name() + ", batch " + batch + ", " + epochs + " epoch(s)"
                    + (stop == null ? "" : ", early stopping on val_loss, patience " + earlyStopping + ", best weights restored")
                    + ", seed " + seed + ", " + be.description()
                    + (warmUpSteps < 0 ? "" : ", " + warmUpSteps + " warm-up steps while the data loaded"));
            Trainer trainer = new Trainer(be.engine(), cfg);
            long stepsPerEpoch = io.initlab.data.Batcher.batchCount(trainIdx.length, batch);
            double[] trainSeconds = new double[epochs + 1];
            long[] trainSamples = new long[epochs + 1];
            RunResult r;
            try (ProgressBar bar = progress.on() ? ProgressBars.batches("train", stepsPerEpoch * epochs, System.err) : null) {
                r = trainer.run(data.train(), trainIdx, valData, valIdx, test, new TrainListener() {
                    @Override
                    public void onBatch(int epoch, int step, double loss) {
                        if (bar != null) {
                            bar.stepTo(step);
                            if (step % 50 == 0) {
                                bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.4f", epoch, loss));
                            }
                        }
                    }

                    @Override
                    public void onEpochTrained(int epoch, long samples, double seconds) {
                        trainSamples[epoch] = samples;
                        trainSeconds[epoch] = seconds;
                    }

                    @Override
                    public void onEpoch(EpochRecord rec) {
                        if (bar != null) {
                            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d train loss %.4f", rec.epoch(), rec.trainLoss()));
                        }
                    }
                });
            }
            // a regression loss's "accuracy" is the mean absolute error, and its loss the mean squared error
            String metric = regression ? "mae" : "accuracy";
            String lossName = regression ? "mse" : "loss";
            if (validateOnTest) {
                System.out.println("validation on the test set (" + valIdx.length + " rows, none held out): the val_ "
                        + "numbers below are the test set's" + (stop == null ? "" : ", and early stopping picks its epoch by them"));
            }
            for (EpochRecord e : r.epochs()) {
                String val = valIdx.length == 0 ? "" : String.format(Locale.ROOT, " val_%s=%.4f val_%s=%.4f", lossName,
                        e.valLoss(), metric, e.valAccuracy());
                // samples/s of the epoch's training steps alone (a diverged epoch's were cut short: none)
                String speed = trainSeconds[e.epoch()] > 0
                        ? String.format(Locale.ROOT, ", %.0f samples/s", trainSamples[e.epoch()] / trainSeconds[e.epoch()]) : "";
                System.out.printf(Locale.ROOT, "epoch %d: train_%s=%.4f train_%s=%.4f%s (%.2f s%s)%n", e.epoch(), lossName,
                        e.trainLoss(), metric, e.trainAccuracy(), val, e.wallSeconds(), speed);
            }
            if (r.diverged()) {
                System.out.println("diverged at step " + r.divergedStep() + ": the loss became NaN or infinite");
            }
            if (stop != null && !r.diverged()) {
                System.out.println("early stopping: " + r.epochsRun() + " of " + epochs + " epochs trained"
                        + (r.bestEpoch() > 0 ? "; the weights of epoch " + r.bestEpoch() + " (lowest val_loss) restored" : ""));
            }
            String result = regression
                    ? String.format(Locale.ROOT, "test_mae=%.4f test_mse=%.4f", r.testAccuracy(), r.testLoss())
                    : String.format(Locale.ROOT, "test_accuracy=%.4f test_loss=%.4f", r.testAccuracy(), r.testLoss());
            System.out.printf(Locale.ROOT, "%s samples_per_s=%.0f train_s=%.2f status=%s%n", result,
                    r.samplesPerSecond(), r.trainSeconds(), r.status());
        }
        return 0;
    }

    /** A whole number >= 0 given to {@code option}, or a one-line error. */
    private static int count(String option, String text) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(option + ": a number of rows >= 0 or 'test', not '" + text + "'");
    }
}
