package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiment files: grid expansion, and every kind of mistake named by file, line and key. */
class StudyLoaderTest {
    static final Path F = Path.of("exp.yaml");

    static final String GOOD = """
            name: demo
            dataset: mnist
            model:
              hidden: [32, 16]
              activation: tanh
              dropout: 0.2
            optimizer: sgd
            lr: 1e-2
            momentum: 0.9
            batch: 50
            epochs: 2
            validation: {split: random, fraction: 0.25}
            seeds: 3..5
            activations: [sigmoid, relu]
            initializers:
              - zeros
              - {init: "uniform(-0.5, 0.5)", label: "U[-0.5,0.5)"}
              - {init: he_normal, bias: "constant(0.1)"}
            comparisons:
              - ["relu / zeros", "relu / he_normal"]
            """;

    @Test
    void expandsTheGrid() {
        Study s = StudyLoader.parse(F, GOOD);
        assertThat(s.seeds()).containsExactly(3L, 4L, 5L);
        assertThat(s.variants()).extracting(Study.Variant::label).containsExactly(
                "sigmoid / zeros", "sigmoid / U[-0.5,0.5)", "sigmoid / he_normal",
                "relu / zeros", "relu / U[-0.5,0.5)", "relu / he_normal");
        assertThat(s.variants().get(2).bias().toString()).isEqualTo("constant(0.1)");
        assertThat(s.optimizer().lr()).isEqualTo(0.01);
        List<RunSpec> runs = RunSpec.expand(s);
        assertThat(runs).hasSize(18);
        assertThat(runs).extracting(RunSpec::runId).doesNotHaveDuplicates();
        assertThat(runs.get(0).runId()).startsWith("sigmoid_zeros-").endsWith("-s3");
        // the hash follows the settings: another seed or init gives another hash, a title does not
        assertThat(runs.get(0).configHash()).isNotEqualTo(runs.get(1).configHash());
        Study retitled = StudyLoader.parse(F, GOOD.replace("name: demo", "name: demo\ntitle: other"));
        assertThat(RunSpec.expand(retitled).get(0).configHash()).isEqualTo(runs.get(0).configHash());
    }

    @Test
    void foldsMultiplyRuns() {
        Study s = StudyLoader.parse(F, "initializers: [zeros, ones]\nseeds: [1, 2]\nfolds: 5\n");
        List<RunSpec> runs = RunSpec.expand(s);
        assertThat(runs).hasSize(20);
        assertThat(runs).extracting(RunSpec::fold).contains(0, 4);
    }

    static void rejects(String yaml, String... parts) {
        assertThatThrownBy(() -> StudyLoader.parse(F, yaml)).isInstanceOf(ConfigException.class).satisfies(e -> {
            for (String p : parts) {
                assertThat(e.getMessage()).contains(p);
            }
            assertThat(e.getMessage()).doesNotContain("\n");
        });
    }

    @Test
    void rejectsMistakesWithFileLineAndKey() {
        rejects(GOOD.replace("batch: 50", "bacth: 50"), "exp.yaml:10:", "key 'bacth'", "unknown key");
        rejects(GOOD.replace("dropout: 0.2", "dropuot: 0.2"), "exp.yaml:6:", "key 'model.dropuot'");
        rejects(GOOD.replace("lr: 1e-2", "lr: fast"), "exp.yaml:8:", "key 'lr'", "must be a number");
        rejects(GOOD.replace("lr: 1e-2", "lr: -1"), "exp.yaml:8:", "learning rate must be > 0");
        rejects(GOOD.replace("epochs: 2", "epochs: 0"), "exp.yaml:11:", "key 'epochs'", "must be > 0");
        rejects(GOOD.replace("epochs: 2", "epochs: two"), "exp.yaml:11:", "whole number");
        rejects(GOOD.replace("  - zeros", "  - zeroes"), "exp.yaml:16:", "initializers[0]", "unknown initializer 'zeroes'");
        rejects(GOOD.replace("\"uniform(-0.5, 0.5)\"", "\"uniform(0.5, -0.5)\""), "exp.yaml:17:", "initializers[1].init", "a < b");
        rejects(GOOD.replace("dataset: mnist", "dataset: cifar"), "exp.yaml:2:", "unknown dataset 'cifar'");
        rejects(GOOD.replace("fraction: 0.25", "fraction: 1.5"), "validation.fraction", "(0, 1)");
        rejects(GOOD.replace("split: random", "split: middle"), "validation.split");
        rejects(GOOD.replace("seeds: 3..5", "seeds: 5..3"), "exp.yaml:13:", "key 'seeds'");
        rejects(GOOD.replace("activations: [sigmoid, relu]", "activations: [sigmoid, swish]"), "exp.yaml:14:", "activations[1]", "swish");
        rejects(GOOD.replace("relu / he_normal\"]", "relu / xavier\"]"), "comparisons[0]", "no initializer is labelled 'relu / xavier'");
        rejects(GOOD.replace("hidden: [32, 16]", "hidden: [32, -16]"), "exp.yaml:4:", "model.hidden[1]");
        rejects(GOOD.replace("dropout: 0.2", "dropout: 1"), "model.dropout");
        rejects(GOOD.replace("optimizer: sgd", "optimizer: adagrad"), "exp.yaml:7:", "unknown optimizer 'adagrad'");
        rejects("initializers: [zeros]\nfolds: 1\n", "exp.yaml:2:", "folds >= 2");
        rejects("initializers: [zeros]\nfolds: 3\nvalidation: {split: random, fraction: 0.1}\n", "remove validation");
        rejects("initializers: [zeros, zeros]\n", "appears twice");
        rejects("initializers: []\n", "initializers");
        rejects("initializers: [zeros]\nexpected: nowhere.yaml\n", "key 'expected'", "no such file");
        rejects("name: [oops\n", "exp.yaml:", "not valid YAML");
        rejects("- just\n- a list\n", "a mapping of keys");
        rejects("initializers: [zeros]\nmodel: {layers: ['dense 10'], hidden: [3]}\n", "either layers or hidden");
    }

    static final String OPT = "initializers: [zeros]\noptimizer:\n  name: rmsprop\n  lr: 0.001\n";

    static final String ES = "initializers: [zeros]\nvalidation: {split: test}\nearly_stopping:\n  monitor: val_loss\n";

    @Test
    void readsLossEarlyStoppingAndValidationOnTheTestSet() {
        Study s = StudyLoader.parse(F, ES + "  patience: 5\n  restore_best: true\n");
        assertThat(s.loss().name()).isEqualTo("softmax_cross_entropy");
        assertThat(s.validation().onTestSet()).isTrue();
        assertThat(s.validation().size(1000)).isZero();
        assertThat(s.earlyStopping()).isEqualTo(new io.initlab.train.TrainConfig.EarlyStop("val_loss", 5, 0, true));
        Study keras = StudyLoader.parse(F, ES); // Keras' defaults: patience 0, min_delta 0, no restoring
        assertThat(keras.earlyStopping()).isEqualTo(new io.initlab.train.TrainConfig.EarlyStop("val_loss", 0, 0, false));
        assertThat(StudyLoader.parse(F, "initializers: [zeros]\n").earlyStopping()).isNull();
        Study reg = StudyLoader.parse(F, "dataset: california-housing\nmodel: {layers: ['normalize', 'dense 1']}\n"
                + "initializers: [zeros]\nvalidation: {split: test}\nearly_stopping: {monitor: val_mae}\n");
        assertThat(reg.loss().name()).isEqualTo("mse");
        assertThat(StudyReportOptions.metricsOf(reg)).contains("best_val_accuracy");
    }

    @Test
    void rejectsLossEarlyStoppingAndTestValidationMistakesWithLineAndKey() {
        rejects("initializers: [zeros]\nloss: hinge\n", "exp.yaml:2:", "key 'loss'", "unknown loss 'hinge'; known: softmax_cross_entropy, mse");
        rejects("initializers: [zeros]\nloss: mse\n", "exp.yaml:2:", "key 'loss'", "does not fit mnist", "use softmax_cross_entropy");
        rejects("dataset: california-housing\ninitializers: [zeros]\nloss: softmax_cross_entropy\n", "exp.yaml:3:", "use mse");
        rejects(ES + "  patience: -1\n", "exp.yaml:5:", "key 'early_stopping.patience'", ">= 0");
        rejects(ES + "  patience: 2.5\n", "exp.yaml:5:", "key 'early_stopping.patience'");
        rejects(ES + "  restore_best: yes please\n", "exp.yaml:5:", "key 'early_stopping.restore_best'", "true or false");
        rejects(ES + "  min_delta: lots\n", "exp.yaml:5:", "key 'early_stopping.min_delta'", "must be a number");
        rejects(ES + "  wait: 3\n", "exp.yaml:5:", "key 'early_stopping.wait'", "unknown key");
        rejects(ES.replace("val_loss", "val_f1"), "exp.yaml:4:", "key 'early_stopping.monitor'", "'val_f1'", "monitor val_loss, val_accuracy or val_mae");
        rejects(ES.replace("val_loss", "val_mae"), "exp.yaml:4:", "key 'early_stopping.monitor'", "monitor val_loss or val_accuracy");
        rejects("initializers: [zeros]\nearly_stopping: {monitor: val_loss}\n", "exp.yaml:2:", "key 'early_stopping.monitor'",
                "needs validation data");
        rejects("initializers: [zeros]\nearly_stopping: 5\n", "exp.yaml:2:", "key 'early_stopping'", "must be a mapping");
        rejects("initializers: [zeros]\nvalidation: {split: test, fraction: 0.2}\n", "exp.yaml:2:", "key 'validation.fraction'",
                "holds out no training rows");
    }

    @Test
    void rejectsFrameworkAndOptimizerMistakesWithLineAndKey() {
        rejects("initializers: [zeros]\nframework: jax\n", "exp.yaml:2:", "key 'framework'", "unknown framework 'jax'; known: none, keras, pytorch");
        rejects(OPT + "  rho: 1.5\n", "exp.yaml:5:", "key 'optimizer.rho'", "rho must be in [0, 1)");
        rejects(OPT + "  beta1: 0.9\n", "exp.yaml:5:", "key 'optimizer.beta1'", "rmsprop has no setting 'beta1'; it takes lr, rho, eps");
        rejects(OPT + "  eps: tiny\n", "exp.yaml:5:", "key 'optimizer.eps'", "must be a number");
        rejects(OPT + "  form: jax\n", "exp.yaml:5:", "key 'optimizer.form'", "unknown framework 'jax'");
        rejects(OPT.replace("rmsprop", "sgd") + "  form: keras\n", "exp.yaml:5:", "key 'optimizer.form'", "takes no form");
        rejects(OPT.replace("rmsprop", "rmsprop2"), "exp.yaml:3:", "key 'optimizer.name'", "unknown optimizer 'rmsprop2'");
        rejects(OPT.replace("  lr: 0.001\n", "  lr: -1\n"), "exp.yaml:4:", "key 'optimizer.lr'", "learning rate must be > 0");
        rejects(OPT + "lr: 0.01\n", "exp.yaml:5:", "key 'lr'", "give lr inside it");
        rejects(OPT.replace("  name: rmsprop\n", ""), "exp.yaml:2:", "key 'optimizer'", "needs name");
    }

    @Test
    void theFrameworkGivesTheOptimizersDefaultsAndFormAndEachSettingCanBeGiven() {
        Study keras = StudyLoader.parse(F, "framework: keras\n" + OPT);
        assertThat(keras.framework()).isEqualTo(io.initlab.init.Framework.KERAS);
        assertThat(keras.optimizer()).isEqualTo(new io.initlab.optim.RmsProp(1e-3, 0.9, 1e-7, true));
        assertThat(StudyLoader.parse(F, "framework: pytorch\n" + OPT).optimizer())
                .isEqualTo(new io.initlab.optim.RmsProp(1e-3, 0.99, 1e-8, false));
        assertThat(StudyLoader.parse(F, OPT).optimizer()).isEqualTo(new io.initlab.optim.RmsProp(1e-3, 0.99, 1e-8, false));
        assertThat(StudyLoader.parse(F, "framework: pytorch\n" + OPT + "  rho: 0.9\n  eps: 1e-7\n  form: keras\n").optimizer())
                .isEqualTo(new io.initlab.optim.RmsProp(1e-3, 0.9, 1e-7, true));
        assertThat(StudyLoader.parse(F, "framework: keras\ninitializers: [zeros]\noptimizer: adam\nlr: 0.002\n").optimizer())
                .isEqualTo(new io.initlab.optim.Adam(2e-3, 0.9, 0.999, 1e-7, true));
        assertThat(StudyLoader.parse(F, "initializers: [zeros]\noptimizer: {name: sgd, lr: 0.01, momentum: 0.9}\n").optimizer())
                .isEqualTo(StudyLoader.parse(F, "initializers: [zeros]\noptimizer: sgd\nlr: 0.01\nmomentum: 0.9\n").optimizer());
    }

    static final String LAYERS = "initializers: [he_normal]\nmodel:\n  layers:\n    - dense 16 relu init=axis\n    - dense 10\n";

    @Test
    void layerInitializersAreCheckedAtLoadTime() {
        rejects(LAYERS.replace("- dense 10", "- dense 10 init=glorot"), "exp.yaml:5:", "key 'model.layers[1]'",
                "unknown initializer 'glorot'");
        rejects(LAYERS.replace("- dense 10", "- dense 10 bias=uniform(1, 0)"), "exp.yaml:5:", "key 'model.layers[1]'", "a < b");
        // marked layers without a framework leave the others without an initializer
        rejects(LAYERS, "exp.yaml:3:", "key 'model.layers'", "dense2.weight: names no initializer", "framework: keras | pytorch");
        // with a framework, the unmarked layer gets its default: what a run's InitSettings says (RunExecutor uses it)
        Study keras = StudyLoader.parse(F, "framework: keras\n" + LAYERS);
        List<io.initlab.model.Parameter> params = new io.initlab.model.Network(keras.model().build(28, 28, null, 10), 1, 0).parameters();
        assertThat(keras.initSettings(keras.variants().get(0)).describe(params))
                .containsEntry("dense1", "he_normal, bias zeros").containsEntry("dense2", "glorot_uniform, bias zeros");
        assertThat(StudyLoader.parse(F, LAYERS.replace("- dense 10", "- dense 10 init=glorot_uniform")).variants()).hasSize(1);
    }

    @Test
    void rejectsAKeyGivenTwiceAtAnyDepth() {
        // the YAML tree keeps the last value silently; the loader names the second occurrence and the first
        rejects(GOOD.replace("batch: 50", "batch: 50\nlr: 0.5"), "exp.yaml:11:", "key 'lr'", "given twice (first on line 8)");
        rejects(GOOD.replace("  dropout: 0.2", "  dropout: 0.2\n  hidden: [8]"), "exp.yaml:7:", "key 'model.hidden'",
                "first on line 4");
        rejects(GOOD.replace("label: \"U[-0.5,0.5)\"}", "label: \"U[-0.5,0.5)\", label: x}"), "exp.yaml:17:",
                "key 'initializers[1].label'");
        rejects("initializers: [zeros]\nvalidation:\n  split: last\n  count: 10\n  split: first\n", "exp.yaml:5:",
                "key 'validation.split'", "first on line 3");
        // the same key in two different mappings is not a duplicate
        Study s = StudyLoader.parse(F, "initializers:\n  - {init: zeros, label: a}\n  - {init: ones, label: b}\n");
        assertThat(s.variants()).extracting(Study.Variant::label).containsExactly("a", "b");
    }

    @Test
    void aHugeGridNeedsMaxRuns() {
        String yaml = "initializers: [zeros, ones]\nseeds: 1..1000000\nfolds: 5\n";
        rejects(yaml, "exp.yaml:2:", "key 'seeds'", "10000000 runs (1000000 seeds x 2 initializers x 5 folds)",
                "more than 10000", "--max-runs 10000000");
        // a range too large to list is refused before it is listed; no product overflows into a small number
        rejects("initializers: [zeros, ones, he_normal]\nseeds: 1..999999999999999999\n", "--max-runs");
        assertThat(StudyLoader.parse(F, "initializers: [zeros, ones]\nseeds: 1..5000\n").seeds()).hasSize(5000);
        assertThat(StudyLoader.parse(F, yaml, 10_000_000).seeds()).hasSize(1_000_000);
        assertThatThrownBy(() -> StudyLoader.parse(F, yaml, 9_999_999)).hasMessageContaining("more than 9999999");
    }

    @Test
    void unsetKeysTakeTheSharedDefaults() {
        Study s = StudyLoader.parse(F, "initializers: [zeros]\n");
        assertThat(s.epochs()).isEqualTo(Defaults.EPOCHS).isEqualTo(2);
        assertThat(s.batch()).isEqualTo(Defaults.BATCH);
        assertThat(s.optimizer()).isEqualTo(io.initlab.optim.OptimizerConfig.of(Defaults.OPTIMIZER, Defaults.LR, Defaults.MOMENTUM));
        assertThat(s.seeds()).containsExactly(Defaults.SEED);
        assertThat(s.dataset()).isEqualTo(Defaults.DATASET);
        assertThat(s.model().hidden()).containsExactly(256, 128);
        assertThat(s.model().activation()).isEqualTo(Defaults.activation());
        assertThat(s.model().dropout()).isEqualTo(Defaults.DROPOUT);
    }

    @Test
    void shippedExperimentsSetEveryKeyWhoseDefaultChanged() throws Exception {
        // epochs (1 -> 2) and seeds (1 -> 42) had other defaults in study files before they were shared with 'train':
        // every committed study sets them, so no committed result depends on the change
        try (var files = Files.list(Path.of("experiments"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml") && !f.toString().endsWith(".expected.yaml")).toList()) {
                String text = Files.readString(p);
                assertThat(text).as(p.toString()).containsPattern("(?m)^epochs:").containsPattern("(?m)^seeds:");
            }
        }
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> StudyLoader.load(dir.resolve("nope.yaml"))).hasMessageContaining("no such experiment file");
    }

    @Test
    void shippedExperimentsAreValid() throws Exception {
        try (var files = Files.list(Path.of("experiments"))) {
            List<Path> studies = files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith(".expected.yaml")).toList();
            assertThat(studies).hasSizeGreaterThanOrEqualTo(4);
            for (Path p : studies) {
                Study s = StudyLoader.load(p);
                assertThat(s.name()).isEqualTo(p.getFileName().toString().replace(".yaml", ""));
                // a reproduction carries its published numbers; initlab's own studies say they are ours
                assertThat(s.expected() != null || s.source().startsWith("initlab's own study"))
                        .as(p + " has published numbers or says it is initlab's own").isTrue();
            }
        }
    }

    @Test
    void modelsAreCheckedAndEstimatedForTheDataSetsRealInputShape() {
        // CIFAR: 3 x 32 x 32 inputs, 3,072 weights per first-layer unit (not 784, the 28 x 28 of MNIST)
        Study cifar = StudyLoader.parse(F, "dataset: cifar10\nmodel: {hidden: [16]}\ninitializers: [he_normal]\n");
        assertThat(StudyLoader.memoryEstimate(cifar).parameters()).isEqualTo(3072L * 16 + 16 + 16 * 10 + 10);
        assertThat(StudyLoader.inputShape(cifar)).isEqualTo(io.initlab.data.Datasets.shape("cifar10"));
        Study iris = StudyLoader.parse(F, "dataset: iris\nmodel: {hidden: [5]}\ninitializers: [he_normal]\n");
        assertThat(StudyLoader.memoryEstimate(iris).parameters()).isEqualTo(4L * 5 + 5 + 5 * 3 + 3);
        // a 3x3 convolution does not fit Iris' 1 x 1 x 4 rows: refused at load time, no longer when a run starts
        rejects("dataset: iris\nmodel:\n  layers: ['conv 4 3x3 relu', flatten, 'dense 3']\ninitializers: [he_normal]\n",
                "exp.yaml:3:", "key 'model.layers'");
        // a CNN whose pooling needs CIFAR's 32 x 32 (five halvings) loads for CIFAR and is refused for MNIST
        String pools = "model:\n  layers: ['maxpool 2', 'maxpool 2', 'maxpool 2', 'maxpool 2', 'maxpool 2', 'dense 10']\n"
                + "initializers: [he_normal]\n";
        assertThat(StudyLoader.parse(F, "dataset: cifar10\n" + pools).model().layers()).hasSize(6);
        rejects("dataset: mnist\n" + pools, "key 'model.layers'");
    }
}
