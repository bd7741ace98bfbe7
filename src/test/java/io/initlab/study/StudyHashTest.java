package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.optim.Adam;
import io.initlab.optim.OptimizerConfig;
import io.initlab.optim.Sgd;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config hash covers every setting that changes a run's numbers, and nothing else: each key of a
 * study file is changed in turn; and the committed studies keep the hashes recorded in their runs.csv.
 */
class StudyHashTest {

    @TempDir
    static Path tmp;

    /** A study that sets every key (each line one key; model, validation and variants given inline). */
    static final Map<String, String> BASE = new LinkedHashMap<>();

    static {
        BASE.put("name", "name: base");
        BASE.put("title", "title: Base");
        BASE.put("description", "description: some text");
        BASE.put("source", "source: a paper");
        BASE.put("dataset", "dataset: mnist");
        BASE.put("limit", "limit: 1000");
        BASE.put("model", "model: {hidden: [32, 16], activation: relu, dropout: 0.1}");
        BASE.put("optimizer", "optimizer: sgd");
        BASE.put("lr", "lr: 0.01");
        BASE.put("momentum", "momentum: 0.9");
        BASE.put("batch", "batch: 32");
        BASE.put("epochs", "epochs: 2");
        BASE.put("validation", "validation: {split: random, fraction: 0.2}");
        BASE.put("seeds", "seeds: [1]");
        BASE.put("initializers", "initializers: [{init: 'uniform(-0.5, 0.5)', label: u, bias: zeros}, {init: he_normal, label: he}]");
        BASE.put("activations", "activations: [relu]");
        BASE.put("bias_init", "bias_init: ones");
        BASE.put("comparisons", "comparisons: [[relu / u, relu / he]]");
        BASE.put("dropout_accuracy", "dropout_accuracy: false");
        BASE.put("probe_rows", "probe_rows: 100");
        BASE.put("first_batches", "first_batches: 50");
        BASE.put("batch_log", "batch_log: 10");
        BASE.put("drop_last", "drop_last: false");
        BASE.put("test", "test: true");
        BASE.put("expected", "expected: a.expected.yaml");
        BASE.put("main_plot", "main_plot: val_accuracy");
        BASE.put("loss", "loss: softmax_cross_entropy");
        BASE.put("early_stopping", "early_stopping: {monitor: val_loss, patience: 2, min_delta: 0.001, restore_best: true}");
    }

    /** Changes that must change a run's hash: a study key (or KEY.SUBKEY) → its new line. */
    static final Map<String, String> CHANGES = new LinkedHashMap<>();
    /** Changes that must not: they change labels, texts or the report only. */
    static final Map<String, String> NEUTRAL = new LinkedHashMap<>();

    static {
        CHANGES.put("dataset", "dataset: fashion-mnist");
        CHANGES.put("limit", "limit: 1001");
        CHANGES.put("model.hidden", "model: {hidden: [32, 17], activation: relu, dropout: 0.1}");
        CHANGES.put("model.dropout", "model: {hidden: [32, 16], activation: relu, dropout: 0.2}");
        CHANGES.put("optimizer", "optimizer: adam");
        CHANGES.put("lr", "lr: 0.0100001");
        CHANGES.put("momentum", "momentum: 0.8");
        CHANGES.put("batch", "batch: 33");
        CHANGES.put("epochs", "epochs: 3");
        CHANGES.put("validation.split", "validation: {split: last, fraction: 0.2}");
        CHANGES.put("validation.fraction", "validation: {split: random, fraction: 0.25}");
        CHANGES.put("validation.count", "validation: {split: random, count: 200}");
        CHANGES.put("seeds", "seeds: [2]");
        CHANGES.put("initializers.init", "initializers: [{init: 'uniform(-0.4, 0.5)', label: u, bias: zeros}, {init: he_normal, label: he}]");
        CHANGES.put("initializers.bias", "initializers: [{init: 'uniform(-0.5, 0.5)', label: u, bias: ones}, {init: he_normal, label: he}]");
        CHANGES.put("activations", "activations: [tanh]\ncomparisons: [[tanh / u, tanh / he]]");
        CHANGES.put("bias_init", "bias_init: zeros");
        CHANGES.put("dropout_accuracy", "dropout_accuracy: true");
        CHANGES.put("probe_rows", "probe_rows: 99");
        CHANGES.put("batch_log", "batch_log: 11");
        CHANGES.put("drop_last", "drop_last: true");
        CHANGES.put("test", "test: false");
        CHANGES.put("framework", "framework: keras");
        CHANGES.put("early_stopping.monitor", "early_stopping: {monitor: val_accuracy, patience: 2, min_delta: 0.001, restore_best: true}");
        CHANGES.put("early_stopping.patience", "early_stopping: {monitor: val_loss, patience: 3, min_delta: 0.001, restore_best: true}");
        CHANGES.put("early_stopping.min_delta", "early_stopping: {monitor: val_loss, patience: 2, min_delta: 0.002, restore_best: true}");
        CHANGES.put("early_stopping.restore_best", "early_stopping: {monitor: val_loss, patience: 2, min_delta: 0.001, restore_best: false}");

        NEUTRAL.put("name", "name: renamed");
        NEUTRAL.put("title", "title: Another title");
        NEUTRAL.put("description", "description: other text");
        NEUTRAL.put("source", "source: another paper");
        NEUTRAL.put("initializers.label", "initializers: [{init: 'uniform(-0.5, 0.5)', label: v, bias: zeros}, {init: he_normal, label: he}]"
                + "\ncomparisons: [[relu / v, relu / he]]");
        NEUTRAL.put("comparisons", "comparisons: [[relu / he, relu / u]]");
        NEUTRAL.put("first_batches", "first_batches: 51");
        NEUTRAL.put("expected", "expected: b.expected.yaml");
        NEUTRAL.put("main_plot", "main_plot: train_accuracy");
    }

    @BeforeAll
    static void expectedFiles() throws IOException {
        for (String f : List.of("a.expected.yaml", "b.expected.yaml")) {
            Files.writeString(tmp.resolve(f), "metric: val_accuracy\nexpected: []\n");
        }
    }

    static Study study(Map<String, String> lines) {
        return StudyLoader.parse(tmp.resolve("base.yaml"), String.join("\n", lines.values()) + "\n");
    }

    /** BASE with the given lines (each "KEY: value") in place of its lines of those keys. */
    static Study with(String key, String lines) {
        Map<String, String> m = new LinkedHashMap<>(BASE);
        for (String line : lines.split("\n")) {
            m.put(line.substring(0, line.indexOf(':')), line);
        }
        return study(m);
    }

    static List<String> hashes(Study s) {
        return RunSpec.expand(s).stream().map(RunSpec::configHash).toList();
    }

    @Test
    void everySettingThatChangesNumbersChangesTheHash() {
        List<String> base = hashes(study(BASE));
        assertThat(base).hasSize(2).doesNotHaveDuplicates();
        CHANGES.forEach((key, line) -> {
            List<String> changed = hashes(with(key, line));
            // bias_init only reaches the variant without its own bias
            assertThat(changed.get(key.equals("bias_init") ? 1 : 0)).as(key).isNotEqualTo(base.get(key.equals("bias_init") ? 1 : 0));
        });
        // folds replace the validation split
        Map<String, String> folds = new LinkedHashMap<>(BASE);
        folds.remove("validation");
        folds.put("folds", "folds: 3");
        assertThat(hashes(study(folds))).doesNotContainAnyElementsOf(base);
        Map<String, String> moreFolds = new LinkedHashMap<>(folds);
        moreFolds.put("folds", "folds: 4");
        assertThat(hashes(study(moreFolds)).get(0)).isNotEqualTo(hashes(study(folds)).get(0));
        // the model's activation counts when no activations axis overrides it
        Map<String, String> noAxis = new LinkedHashMap<>(BASE);
        noAxis.remove("activations");
        noAxis.put("comparisons", "comparisons: [[u, he]]");
        Map<String, String> tanh = new LinkedHashMap<>(noAxis);
        tanh.put("model", "model: {hidden: [32, 16], activation: tanh, dropout: 0.1}");
        assertThat(hashes(study(tanh)).get(0)).isNotEqualTo(hashes(study(noAxis)).get(0));
        // explicit layers instead of hidden/activation/dropout
        Map<String, String> layers = new LinkedHashMap<>(BASE);
        layers.remove("activations");
        layers.put("comparisons", "comparisons: [[u, he]]");
        layers.put("model", "model: {layers: ['dense 32 relu', 'dense 10']}");
        Map<String, String> otherLayers = new LinkedHashMap<>(layers);
        otherLayers.put("model", "model: {layers: ['dense 33 relu', 'dense 10']}");
        assertThat(hashes(study(layers)).get(0)).isNotEqualTo(hashes(study(otherLayers)).get(0));
    }

    @Test
    void labelsTextsAndReportSettingsLeaveTheHash() {
        List<String> base = hashes(study(BASE));
        NEUTRAL.forEach((key, line) -> assertThat(hashes(with(key, line))).as(key).isEqualTo(base));
    }

    @Test
    void everyKeyAndEveryStudyFieldIsClassified() {
        Set<String> keys = new TreeSet<>(StudyLoader.TOP_KEYS);
        StudyLoader.MODEL_KEYS.forEach(k -> keys.add("model." + k));
        StudyLoader.VALIDATION_KEYS.forEach(k -> keys.add("validation." + k));
        StudyLoader.VARIANT_KEYS.forEach(k -> keys.add("initializers." + k));
        StudyLoader.OPTIMIZER_KEYS.forEach(k -> keys.add("optimizer." + k));
        Set<String> classified = new TreeSet<>(CHANGES.keySet());
        classified.addAll(NEUTRAL.keySet());
        // tested by hand above: folds and layers need other keys changed with them; the nested maps by their keys
        classified.addAll(List.of("folds", "model.layers", "model.activation", "model", "validation", "initializers"));
        StudyLoader.EARLY_STOPPING_KEYS.forEach(k -> keys.add("early_stopping." + k));
        // the loss must fit the data set (mse needs a regression set): theLossAndEarlyStoppingCount… below
        classified.addAll(List.of("loss", "early_stopping"));
        // the optimizer mapping's name and form, and its settings (OptimizerRegistry's): theOptimizerMapping… below
        classified.addAll(List.of("optimizer.name", "optimizer.form"));
        // a study's own table (dataset: {csv: …}): its contents' sha256 and every key but the path count;
        // CsvStudyTest.theHashFollowsTheTablesContentsNotItsPath
        StudyLoader.CSV_KEYS.forEach(k -> keys.add("dataset." + k));
        StudyLoader.CSV_KEYS.forEach(k -> classified.add("dataset." + k));
        assertThat(classified).as("a new study key needs a decision: does it change a run's numbers?").isEqualTo(keys);

        Set<String> hashed = Set.of("dataset", "limit", "model", "framework", "optimizer", "batch", "epochs", "validation", "folds",
                "seeds", "variants", "dropoutAccuracy", "probeRows", "batchLog", "dropLast", "test", "loss", "earlyStopping",
                "csv");
        Set<String> notHashed = Set.of("name", "title", "description", "source", "file", "yamlText", "comparisons",
                "firstBatches", "expected", "mainPlot");
        Set<String> fields = Arrays.stream(Study.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> both = new TreeSet<>(hashed);
        both.addAll(notHashed);
        assertThat(both).as("a new Study field needs a decision: does it change a run's numbers?").isEqualTo(fields);
    }

    @Test
    void theOptimizerHashCoversBetasAndEpsilonAndKeepsTheOldTextForTheDefaults() {
        assertThat(OptimizerConfig.adam(0.001).canonical()).isEqualTo("adam(lr=0.00100000)");
        assertThat(OptimizerConfig.sgd(0.01, 0.9).canonical()).isEqualTo("sgd(lr=0.0100000, momentum=0.900000)");
        assertThat(OptimizerConfig.sgd(0.01, 0).canonical()).isEqualTo("sgd(lr=0.0100000, momentum=0.00000)");
        OptimizerConfig adam = OptimizerConfig.adam(0.001);
        List<OptimizerConfig> changed = List.of(
                new Adam(0.001, 0.95, 0.999, 1e-8),
                new Adam(0.001, 0.9, 0.99, 1e-8),
                new Adam(0.001, 0.9, 0.999, 1e-7),
                new Sgd(0.001, 0),
                new Adam(0.0010000001, 0.9, 0.999, 1e-8));
        for (OptimizerConfig c : changed) {
            assertThat(c.canonical()).as(c + " " + c.canonical()).isNotEqualTo(adam.canonical());
        }
        assertThat(new Adam(0.001, 0.9, 0.999, 1e-7).canonical()).isEqualTo("adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-7)");
        assertThat(new Sgd(0.01, 0.9000001).canonical()).isNotEqualTo(OptimizerConfig.sgd(0.01, 0.9).canonical());

        // and through a whole study: only the optimizer differs
        Study s = study(BASE);
        Study eps = new Study(s.name(), s.title(), s.description(), s.source(), s.file(), s.yamlText(), s.dataset(),
                s.limit(), s.model(), s.framework(), new Sgd(0.01, 0.9000001), s.batch(), s.epochs(),
                s.validation(), s.folds(), s.seeds(), s.variants(), s.comparisons(), s.dropoutAccuracy(), s.probeRows(),
                s.firstBatches(), s.batchLog(), s.dropLast(), s.test(), s.expected(), s.mainPlot(), s.loss(),
                s.earlyStopping(), s.csv());
        assertThat(hashes(eps)).doesNotContainAnyElementsOf(hashes(s));
    }

    /**
     * Early stopping and the validation on the test set change the hash; the default loss (and no early stopping)
     * leave it as it was before these keys existed, and mse on a regression set differs from its default-free text.
     */
    @Test
    void theLossAndEarlyStoppingCountAndTheirDefaultsKeepOldHashes() {
        Map<String, String> plain = new LinkedHashMap<>(BASE);
        plain.remove("loss");
        plain.remove("early_stopping");
        List<String> old = hashes(study(plain));
        Map<String, String> defaultLoss = new LinkedHashMap<>(plain);
        defaultLoss.put("loss", "loss: softmax_cross_entropy");
        assertThat(hashes(study(defaultLoss))).isEqualTo(old);
        assertThat(hashes(study(BASE))).doesNotContainAnyElementsOf(old); // BASE has early stopping
        Map<String, String> onTest = new LinkedHashMap<>(plain);
        onTest.put("validation", "validation: {split: test}");
        assertThat(hashes(study(onTest))).doesNotContainAnyElementsOf(old);
        assertThat(RunSpec.canonical(study(plain), study(plain).variants().get(0), 1, -1)).doesNotContain("loss=", "early_stopping=");
        Map<String, String> regression = new LinkedHashMap<>(plain);
        regression.put("dataset", "dataset: california-housing");
        regression.put("model", "model: {layers: ['normalize', 'dense 8 relu', 'dense 1']}");
        regression.remove("activations");
        regression.put("comparisons", "comparisons: [[u, he]]");
        Study reg = study(regression);
        assertThat(reg.loss().name()).isEqualTo("mse");
        assertThat(RunSpec.canonical(reg, reg.variants().get(0), 1, -1)).contains("|loss=mse");
    }

    /** A study with the optimizer given in other lines (each "KEY: value"; lr and momentum lines removed). */
    static List<String> hashesWithOptimizer(String lines) {
        Map<String, String> m = new LinkedHashMap<>(BASE);
        m.remove("lr");
        m.remove("momentum");
        m.put("optimizer", lines);
        return hashes(study(m));
    }

    @Test
    void theOptimizerMappingGivesTheShortFormsHashAndEachSettingAndTheFrameworkCount() {
        List<String> base = hashes(study(BASE));
        assertThat(hashesWithOptimizer("optimizer: {name: sgd, lr: 0.01, momentum: 0.9}")).isEqualTo(base);
        assertThat(hashesWithOptimizer("optimizer: adam\nlr: 0.001")).isEqualTo(hashesWithOptimizer("optimizer: {name: adam, lr: 0.001}"))
                .isEqualTo(hashesWithOptimizer("optimizer: adam"));
        List<String> rms = hashesWithOptimizer("optimizer: {name: rmsprop, lr: 0.001}");
        assertThat(rms).isEqualTo(hashesWithOptimizer("optimizer: {name: rmsprop, lr: 0.001, rho: 0.99, eps: 1e-8, form: pytorch}"));
        for (String other : List.of("{name: rmsprop, lr: 0.002}", "{name: rmsprop, lr: 0.001, rho: 0.9}",
                "{name: rmsprop, lr: 0.001, eps: 1e-7}", "{name: rmsprop, lr: 0.001, form: keras}",
                "{name: adam, lr: 0.001}", "{name: adam, lr: 0.001, form: keras}")) {
            assertThat(hashesWithOptimizer("optimizer: " + other)).as(other).doesNotContainAnyElementsOf(rms);
        }
        // framework: none is no framework; keras and pytorch differ from it and from each other
        assertThat(hashes(with("framework", "framework: none"))).isEqualTo(base);
        List<String> keras = hashes(with("framework", "framework: keras"));
        List<String> pytorch = hashes(with("framework", "framework: pytorch"));
        assertThat(keras).doesNotContainAnyElementsOf(base).doesNotContainAnyElementsOf(pytorch);
        assertThat(pytorch).doesNotContainAnyElementsOf(base);
    }

    @Test
    void theCommittedStudiesKeepTheirHashes() throws IOException {
        List<Path> experiments;
        try (Stream<Path> files = Files.list(Path.of("experiments"))) {
            experiments = files.filter(f -> f.toString().endsWith(".yaml") && !f.toString().endsWith(".expected.yaml"))
                    .sorted().toList();
        }
        assertThat(experiments).hasSizeGreaterThanOrEqualTo(5);
        for (Path f : experiments) {
            Study s = StudyLoader.load(f);
            Path runsCsv = Path.of("results", s.name(), "runs.csv");
            assertThat(runsCsv).as("committed results of " + f).isRegularFile();
            Map<String, String> committed = new TreeMap<>();
            try (Reader r = Files.newBufferedReader(runsCsv)) {
                for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                    committed.put(rec.get("run_id"), rec.get("config_hash"));
                }
            }
            Map<String, String> now = new TreeMap<>();
            RunSpec.expand(s).forEach(r -> now.put(r.runId(), r.configHash()));
            assertThat(now).as(f.toString()).isEqualTo(committed);
        }
    }
}
