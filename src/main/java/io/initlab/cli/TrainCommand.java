package io.initlab.cli;

import io.initlab.backend.Backend;
import io.initlab.backend.Backends;
import io.initlab.data.DatasetPair;
import io.initlab.data.Datasets;
import io.initlab.data.Splits;
import io.initlab.init.Framework;
import io.initlab.init.InitSettings;
import io.initlab.init.InitSpec;
import io.initlab.init.Initializers;
import io.initlab.model.Activation;
import io.initlab.loss.SoftmaxCrossEntropyLoss;
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
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains one MLP and prints a machine-readable last line. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one model (an MLP, or any --layers) with one initializer and report test accuracy.",
                "The last line on stdout is machine-readable: test_accuracy=… samples_per_s=… status=ok|diverged"})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = Defaults.DATASET, description = "mnist | fashion-mnist (default: ${DEFAULT-VALUE})")
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

    @Option(names = "--validation", defaultValue = "0", description = "training images held out for validation, shuffled by the seed (default: ${DEFAULT-VALUE})")
    int validation;

    @Option(names = "--limit", description = "use only the first N training images (quick experiments)")
    Integer limit;

    @Mixin
    ThreadOptions threads;

    @Mixin
    BackendOptions backend;

    @Mixin
    ProgressOption progress;

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
        Path dataRoot = dataDir.root();
        DatasetPair data = Datasets.load(dataset, dataRoot);
        int n = limit == null ? data.train().count() : Math.min(limit, data.train().count());
        if (n <= 0) {
            throw new IllegalArgumentException("--limit must be > 0");
        }
        if (validation < 0 || validation >= n) {
            throw new IllegalArgumentException("--validation must be in [0, " + n + "), not " + validation);
        }
        int[] all = Splits.permutation(n, seed);
        int[] valIdx = Arrays.copyOfRange(all, 0, validation);
        int[] trainIdx = validation == 0 ? Splits.range(n) : Arrays.copyOfRange(all, validation, n);
        ModelSpec model = layers != null
                ? ModelSpec.parse(data.train().rows(), data.train().cols(), layers.stream().map(String::trim).toList())
                : ModelSpec.mlp(data.train().rows(), data.train().cols(), hidden, Activation.parse(activation), dropout, 10);
        TrainConfig cfg = new TrainConfig(model, new InitSettings(initSpec, biasSpec, fw), opt, batch, epochs, seed, false,
                false, 0, new SoftmaxCrossEntropyLoss());
        String memory = MemoryEstimate.of(model, cfg.maxRows()).problem(1, MemoryEstimate.datasetBytes(dataRoot, dataset));
        if (memory != null) {
            throw new IllegalArgumentException("this model " + memory);
        }
        cfg.init().check(new Network(model, 1, seed).parameters()); // a bad init= in --layers: one line, before the banner
        try (Backend be = Backends.create(backend.backend, threads.perRun(1), backend.device)) {
            System.err.println("initlab: " + dataset + " " + trainIdx.length + " train / " + valIdx.length + " val / "
                    + data.test().count() + " test, " + model.describe() + ", init " + initSpec + ", " + opt
                    + ", batch " + batch + ", " + epochs + " epoch(s), seed " + seed + ", " + be.description());
            Trainer trainer = new Trainer(be.engine(), cfg);
            long stepsPerEpoch = io.initlab.data.Batcher.batchCount(trainIdx.length, batch);
            RunResult r;
            try (ProgressBar bar = progress.on() ? ProgressBars.batches("train", stepsPerEpoch * epochs, System.err) : null) {
                r = trainer.run(data.train(), trainIdx, valIdx, data.test(), new TrainListener() {
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
                    public void onEpoch(EpochRecord rec) {
                        if (bar != null) {
                            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d train loss %.4f", rec.epoch(), rec.trainLoss()));
                        }
                    }
                });
            }
            for (EpochRecord e : r.epochs()) {
                String val = valIdx.length == 0 ? "" : String.format(Locale.ROOT, " val_loss=%.4f val_accuracy=%.4f",
                        e.valLoss(), e.valAccuracy());
                System.out.printf(Locale.ROOT, "epoch %d: train_loss=%.4f train_accuracy=%.4f%s (%.1f s)%n", e.epoch(),
                        e.trainLoss(), e.trainAccuracy(), val, e.wallSeconds());
            }
            if (r.diverged()) {
                System.out.println("diverged at step " + r.divergedStep() + ": the loss became NaN or infinite");
            }
            System.out.printf(Locale.ROOT, "test_accuracy=%.4f test_loss=%.4f samples_per_s=%.0f train_s=%.2f status=%s%n",
                    r.testAccuracy(), r.testLoss(), r.samplesPerSecond(), r.trainSeconds(), r.status());
        }
        return 0;
    }
}
