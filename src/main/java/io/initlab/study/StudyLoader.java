package io.initlab.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.initlab.data.Datasets;
import io.initlab.init.Framework;
import io.initlab.init.InitSettings;
import io.initlab.init.InitSpec;
import io.initlab.init.Initializers;
import io.initlab.loss.LossConfig;
import io.initlab.loss.LossRegistry;
import io.initlab.model.Activation;
import io.initlab.model.LayerInit;
import io.initlab.model.ModelSpec;
import io.initlab.model.Network;
import io.initlab.model.Parameter;
import io.initlab.optim.OptimizerConfig;
import io.initlab.optim.OptimizerRegistry;
import io.initlab.train.TrainConfig;
import io.initlab.report.ReportOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an experiment YAML file into a {@link Study}, rejecting unknown keys, wrong types and
 * impossible values before anything runs; every message names the file, line and key.
 */
public final class StudyLoader {

    static final Set<String> TOP_KEYS = Set.of("name", "title", "description", "source", "dataset", "limit", "model",
            "framework", "optimizer", "lr", "momentum", "batch", "epochs", "validation", "folds", "seeds", "initializers",
            "activations", "bias_init", "comparisons", "dropout_accuracy", "probe_rows", "first_batches", "batch_log",
            "drop_last", "test", "expected", "main_plot", "loss", "early_stopping");
    static final Set<String> MODEL_KEYS = Set.of("hidden", "activation", "dropout", "layers");
    static final Set<String> VALIDATION_KEYS = Set.of("split", "fraction", "count");
    static final Set<String> EARLY_STOPPING_KEYS = Set.of("monitor", "patience", "min_delta", "restore_best");
    static final Set<String> VARIANT_KEYS = Set.of("init", "label", "bias");
    /** The keys of {@code dataset: {csv: FILE, …}}, a study's own table ({@link CsvSource}). */
    static final Set<String> CSV_KEYS = Set.of("csv", "features", "target", "task", "test", "test_fraction");
    /** The keys of {@code optimizer: {name: …, …}} besides the optimizers' own settings (OptimizerRegistry). */
    static final Set<String> OPTIMIZER_KEYS = Set.of("name", "form");

    /** Runs a study may start without {@code --max-runs}: a typo like seeds: 1..1000000 should not start a million. */
    public static final int DEFAULT_MAX_RUNS = 10_000;

    private final Path file;
    private final YamlLocations where;
    private final long maxRuns;

    private StudyLoader(Path file, YamlLocations where, long maxRuns) {
        this.file = file;
        this.where = where;
        this.maxRuns = maxRuns;
    }

    /** {@link #load(Path, long)} with at most {@link #DEFAULT_MAX_RUNS} runs. */
    public static Study load(Path file) {
        return load(file, DEFAULT_MAX_RUNS);
    }

    /** Reads and validates a study file whose grid may hold at most {@code maxRuns} runs. */
    public static Study load(Path file, long maxRuns) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such experiment file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file, text, maxRuns);
    }

    public static Study parse(Path file, String text) {
        return parse(file, text, DEFAULT_MAX_RUNS);
    }

    public static Study parse(Path file, String text, long maxRuns) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(file + ":" + line + ": not valid YAML: " + e.getOriginalMessage().split("\n")[0]);
        }
        YamlLocations where = YamlLocations.of(text);
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ":1: an experiment file is a mapping of keys (name, dataset, model, ...)");
        }
        YamlLocations.Duplicate twice = where.duplicate();
        if (twice != null) { // the tree kept only the last value: refuse rather than guess which one was meant
            throw new ConfigException(file + ":" + twice.line() + ": key '" + twice.path() + "': given twice (first on line "
                    + twice.firstLine() + "); keep one");
        }
        StudyLoader l = new StudyLoader(file, where, maxRuns);
        return l.study(root, text);
    }

    /**
     * Refuses a study whose runs cannot fit in this JVM: {@code parallelRuns} at a time, sharing one copy of
     * a data set of {@code datasetBytes} (see {@link MemoryEstimate}); the error names the model's line.
     */
    public static void requireMemory(Study s, int parallelRuns, long datasetBytes) {
        String problem = memoryEstimate(s).problem(parallelRuns, datasetBytes);
        if (problem != null) {
            throw new StudyLoader(s.file(), YamlLocations.of(s.yamlText()), DEFAULT_MAX_RUNS).error("model",
                    "this study " + problem);
        }
    }

    /** The heap one run of the study needs, its model built for the data set's real input shape. */
    static MemoryEstimate memoryEstimate(Study s) {
        Study.Variant v = s.variants().get(0); // variants differ in initializers and activations, not in shapes
        Datasets.InputShape in = inputShape(s);
        ModelSpec model = s.model().build(in.channels(), in.height(), in.width(), v.activation(), in.classes());
        int maxRows = new TrainConfig(model, v.init(), v.bias(), s.optimizer(), s.batch(), s.epochs(), 0, s.dropLast(),
                s.dropoutAccuracy(), s.probeRows()).maxRows();
        return MemoryEstimate.of(model, maxRows);
    }

    /**
     * The shape of the study's inputs (CIFAR 3 × 32 × 32, a table 1 × 1 × features), what its runs build their
     * model for: the load-time checks and the memory estimate use it. (The config hash keeps describing the model
     * at 28 × 28, as it always has: see {@link RunSpec#canonical}.)
     */
    public static Datasets.InputShape inputShape(Study s) {
        return s.csv() != null ? s.csv().shape() : Datasets.shape(s.dataset());
    }

    /** Bytes the study's data takes once loaded (see {@link MemoryEstimate#datasetBytes}); a table by its rows. */
    public static long datasetBytes(Study s, Path dataRoot) {
        if (s.csv() == null) {
            return MemoryEstimate.datasetBytes(dataRoot, s.dataset());
        }
        Datasets.InputShape in = s.csv().shape();
        return 4L * in.rows() * (in.features() + 1L);
    }

    private ConfigException error(String path, String message) {
        return new ConfigException(file + ":" + where.line(path) + ": key '" + path + "': " + message);
    }

    private void knownKeys(JsonNode node, String path, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!known.contains(k)) {
                String p = path.isEmpty() ? k : path + "." + k;
                throw error(p, "unknown key; known keys here: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    private Study study(JsonNode root, String text) {
        knownKeys(root, "", TOP_KEYS);
        String fileName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = string(root, "name", fileName);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw error("name", "use letters, digits, '.', '_' and '-' only (it names the results folder), not '" + name + "'");
        }
        CsvSource csv = root.has("dataset") && root.get("dataset").isObject() ? csv(root.get("dataset")) : null;
        String dataset = csv != null ? csv.name() : string(root, "dataset", Defaults.DATASET);
        if (csv == null && !Datasets.NAMES.contains(dataset)) {
            throw error("dataset", "unknown dataset '" + dataset + "'; known: " + String.join(", ", Datasets.NAMES)
                    + ", or a table of your own: {csv: FILE, target: COLUMN, task: classification | regression}");
        }
        Datasets.InputShape in = csv != null ? csv.shape() : Datasets.shape(dataset);
        Integer limit = root.has("limit") ? positiveInt(root, "limit") : null;
        Study.Model model = model(root, in);
        Framework framework = Framework.NONE;
        if (root.has("framework")) {
            try {
                framework = Framework.parse(string(root, "framework", null));
            } catch (IllegalArgumentException e) {
                throw error("framework", e.getMessage());
            }
        }
        OptimizerConfig optimizer = optimizer(root, framework);
        int batch = root.has("batch") ? positiveInt(root, "batch") : Defaults.BATCH;
        int epochs = root.has("epochs") ? positiveInt(root, "epochs") : Defaults.EPOCHS;
        int folds = root.has("folds") ? integer(root, "folds") : 0;
        if (root.has("folds") && folds < 2) {
            throw error("folds", "k-fold cross-validation needs folds >= 2, not " + folds);
        }
        Study.Validation validation = validation(root, folds);
        boolean regressionData = csv != null ? csv.regression() : Defaults.REGRESSION_DATASETS.contains(dataset);
        LossConfig loss = loss(root, dataset, regressionData);
        TrainConfig.EarlyStop earlyStopping = earlyStopping(root, loss, validation, folds);
        SeedAxis seedAxis = seeds(root);
        InitSpec studyBias = root.has("bias_init") ? init(root.get("bias_init"), "bias_init") : null;
        List<Study.Variant> variants = variants(root, model);
        if (studyBias != null) { // a study-wide bias applies to variants that do not name their own
            variants = variants.stream().map(v -> v.bias() != null ? v : new Study.Variant(v.label(), v.init(), studyBias, v.activation())).toList();
        }
        checkLayerInits(model, framework, variants, in);
        long runs;
        try {
            runs = Math.multiplyExact(seedAxis.count(), (long) variants.size() * Math.max(1, folds));
        } catch (ArithmeticException e) {
            runs = Long.MAX_VALUE;
        }
        if (runs > maxRuns) {
            throw error("seeds", runs + " runs (" + seedAxis.count() + " seeds x " + variants.size() + " initializers"
                    + (folds > 0 ? " x " + folds + " folds" : "") + ") are more than " + maxRuns
                    + "; if you mean it, pass --max-runs " + runs);
        }
        List<Long> seeds = seedAxis.values();
        List<List<String>> comparisons = comparisons(root, variants);
        boolean dropoutAccuracy = bool(root, "dropout_accuracy", false);
        int probeRows = root.has("probe_rows") ? nonNegativeInt(root, "probe_rows") : 256;
        int firstBatches = root.has("first_batches") ? positiveInt(root, "first_batches") : 200;
        int batchLog = root.has("batch_log") ? nonNegativeInt(root, "batch_log") : 0;
        boolean dropLast = bool(root, "drop_last", false);
        boolean test = bool(root, "test", true);
        if (csv != null && test && !csv.hasTestSet()) {
            throw error("dataset", "the table has no test set: add test: FILE or test_fraction: F, or set test: false");
        }
        Path expected = null;
        if (root.has("expected")) {
            Path base = file.toAbsolutePath().getParent();
            expected = base.resolve(string(root, "expected", null));
            if (!Files.isRegularFile(expected)) {
                throw error("expected", "no such file: " + expected);
            }
        }
        String mainPlot = string(root, "main_plot", null);
        if (mainPlot != null && !ReportOptions.MAIN_PLOTS.contains(mainPlot)) {
            throw error("main_plot", "'" + mainPlot + "' is not one of " + String.join(", ", ReportOptions.MAIN_PLOTS));
        }
        return new Study(name, string(root, "title", name), string(root, "description", ""), string(root, "source", ""),
                file, text, dataset, limit, model, framework, optimizer, batch, epochs, validation, folds, seeds, variants,
                comparisons, dropoutAccuracy, probeRows, firstBatches, batchLog, dropLast, test, expected, mainPlot,
                loss, earlyStopping, csv);
    }

    /**
     * {@code dataset: {csv: FILE, features: [a, b], target: y, task: classification | regression, test: FILE |
     * test_fraction: 0.2}}: paths relative to the study file, inside its folder (the tables are copied beside
     * study.yaml into the results folder, which stays self-contained). The tables are read here, so a wrong column
     * or a cell that is not a number is refused before anything runs.
     */
    private CsvSource csv(JsonNode d) {
        knownKeys(d, "dataset", CSV_KEYS);
        if (!d.has("csv")) {
            throw error("dataset", "a table of your own needs csv: FILE (relative to this file), target: COLUMN and "
                    + "task: classification | regression");
        }
        String path = string(d, "csv", null, "dataset.csv");
        Path table = inStudyFolder(path, "dataset.csv");
        String target = string(d, "target", null, "dataset.target");
        if (target == null || target.isBlank()) {
            throw error(d.has("target") ? "dataset.target" : "dataset", "name the target column: target: COLUMN");
        }
        if (!d.has("task")) {
            throw error("dataset", "say what the target is: task: classification or task: regression");
        }
        io.initlab.data.CsvDataset.Task task;
        try {
            task = io.initlab.data.CsvDataset.Task.parse(string(d, "task", null, "dataset.task"));
        } catch (io.initlab.data.DataException e) {
            throw error("dataset.task", e.getMessage());
        }
        List<String> features = new ArrayList<>();
        if (d.has("features")) {
            JsonNode f = d.get("features");
            if (!f.isArray() || f.isEmpty()) {
                throw error("dataset.features", "must be a non-empty list of column names like [a, b] (or leave it out: "
                        + "every column but the target)");
            }
            for (int i = 0; i < f.size(); i++) {
                if (!f.get(i).isTextual()) {
                    throw error("dataset.features[" + i + "]", "must be a column name, not " + f.get(i));
                }
                features.add(f.get(i).asText());
            }
        }
        if (d.has("test") && d.has("test_fraction")) {
            throw error("dataset.test_fraction", "give a test file or a test fraction, not both");
        }
        String testPath = d.has("test") ? string(d, "test", null, "dataset.test") : null;
        Path testFile = testPath == null ? null : inStudyFolder(testPath, "dataset.test");
        Double fraction = null;
        if (d.has("test_fraction")) {
            fraction = number(d, "test_fraction", 0, "dataset.test_fraction");
            if (!(fraction > 0 && fraction < 1)) {
                throw error("dataset.test_fraction", "must be in (0, 1), not " + fraction);
            }
        }
        String sha = sha256(table, "dataset.csv") + (testFile == null ? "" : "+" + sha256(testFile, "dataset.test"));
        CsvSource partial = new CsvSource(path, table, testPath, testFile, features, target, task, fraction, sha,
                new Datasets.InputShape(1, 1, 1, 0, 0));
        io.initlab.data.DatasetPair p;
        try {
            p = partial.load();
        } catch (io.initlab.data.DataException e) {
            boolean inTest = testFile != null && e.getMessage().startsWith(testFile.toString());
            throw error(inTest ? "dataset.test" : "dataset.csv", e.getMessage());
        }
        Datasets.InputShape shape = new Datasets.InputShape(1, 1, p.train().features(), p.train().classes(),
                p.train().count() + p.test().count());
        return new CsvSource(path, table, testPath, testFile, features, target, task, fraction, sha, shape);
    }

    /** A path relative to the study file that must name a file in its folder or below. */
    private Path inStudyFolder(String path, String key) {
        if (path == null || path.isBlank()) {
            throw error(key, "give a file name relative to this file, e.g. data/table.csv");
        }
        Path base = file.toAbsolutePath().getParent();
        Path f = base.resolve(path).normalize();
        if (!f.startsWith(base)) {
            throw error(key, "'" + path + "' is outside this file's folder; put the table in it or below (it is copied "
                    + "beside study.yaml into the results folder)");
        }
        if (!Files.isRegularFile(f)) {
            throw error(key, "no such file: " + f);
        }
        return f;
    }

    private String sha256(Path f, String key) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (IOException e) {
            throw error(key, "cannot read " + f + ": " + e.getMessage());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code loss: softmax_cross_entropy | mse}; by default the data set's (mse for a regression set). A loss that
     * does not fit the data set's targets is refused here, not when a run starts.
     */
    private LossConfig loss(JsonNode root, String dataset, boolean regressionData) {
        String name = string(root, "loss", regressionData ? Defaults.REGRESSION_LOSS : Defaults.LOSS);
        LossConfig loss;
        try {
            loss = LossRegistry.byName(name);
        } catch (IllegalArgumentException e) {
            throw error("loss", e.getMessage());
        }
        boolean regressionLoss = loss.name().equals(Defaults.REGRESSION_LOSS);
        if (regressionLoss != regressionData) {
            throw error("loss", "'" + loss.name() + "' does not fit " + dataset + ", whose targets are "
                    + (regressionLoss ? "classes (use softmax_cross_entropy)" : "numbers (use mse)"));
        }
        return loss;
    }

    /**
     * {@code early_stopping: {monitor: val_loss, patience: 5, min_delta: 0, restore_best: true}}, Keras'
     * EarlyStopping with its defaults (monitor val_loss, patience 0, min_delta 0, restore_best false).
     */
    private TrainConfig.EarlyStop earlyStopping(JsonNode root, LossConfig loss, Study.Validation validation, int folds) {
        JsonNode e = root.get("early_stopping");
        if (e == null) {
            return null;
        }
        if (!e.isObject()) {
            throw error("early_stopping", "must be a mapping like {monitor: val_loss, patience: 5, restore_best: true}");
        }
        knownKeys(e, "early_stopping", EARLY_STOPPING_KEYS);
        String monitor = string(e, "monitor", "val_loss", "early_stopping.monitor");
        int patience = 0;
        if (e.has("patience")) {
            JsonNode p = e.get("patience");
            if (!p.isInt() || p.asInt() < 0) {
                throw error("early_stopping.patience", "must be a whole number >= 0, not " + p);
            }
            patience = p.asInt();
        }
        double minDelta = number(e, "min_delta", 0, "early_stopping.min_delta");
        boolean restoreBest = false;
        if (e.has("restore_best")) {
            if (!e.get("restore_best").isBoolean()) {
                throw error("early_stopping.restore_best", "must be true or false, not '" + e.get("restore_best").asText() + "'");
            }
            restoreBest = e.get("restore_best").asBoolean();
        }
        TrainConfig.EarlyStop es;
        try {
            es = new TrainConfig.EarlyStop(monitor, patience, minDelta, restoreBest);
        } catch (IllegalArgumentException ex) {
            throw error(ex.getMessage().contains("min_delta") ? "early_stopping.min_delta" : "early_stopping.monitor",
                    ex.getMessage());
        }
        if (es.onValidation() && folds == 0 && validation.split().equals("none")) {
            throw error("early_stopping.monitor", monitor + " needs validation data: add validation (e.g. {split: test}) "
                    + "or folds, or monitor a training value (loss)");
        }
        if (!es.onLoss()) {
            boolean regression = loss.name().equals(Defaults.REGRESSION_LOSS);
            boolean maeMonitor = es.policy().mode() == io.initlab.train.EarlyStopping.Mode.MIN;
            if (maeMonitor != regression) {
                throw error("early_stopping.monitor", "'" + monitor + "' is not measured with loss " + loss.name()
                        + (regression ? ": monitor val_loss or val_mae" : ": monitor val_loss or val_accuracy"));
            }
        }
        return es;
    }

    /**
     * {@code optimizer: adam} with the top-level {@code lr:} and {@code momentum:} (SGD's), or a mapping with its
     * name, any of its settings and its form: {@code optimizer: {name: rmsprop, lr: 0.001, rho: 0.9, eps: 1e-7}};
     * what is not given comes from the framework (OptimizerRegistry). Both spellings of one optimizer give one
     * config, so one config hash.
     */
    private OptimizerConfig optimizer(JsonNode root, Framework framework) {
        JsonNode o = root.get("optimizer");
        if (o == null || !o.isObject()) {
            String name = string(root, "optimizer", Defaults.OPTIMIZER);
            try {
                return OptimizerConfig.of(name, framework, number(root, "lr", Defaults.LR), number(root, "momentum", Defaults.MOMENTUM));
            } catch (IllegalArgumentException e) {
                String key = e.getMessage().contains("optimizer") ? "optimizer" : e.getMessage().contains("momentum") ? "momentum" : "lr";
                throw error(key, e.getMessage());
            }
        }
        for (String shortForm : List.of("lr", "momentum")) {
            if (root.has(shortForm)) {
                throw error(shortForm, "with optimizer: {name: ...}, give " + shortForm + " inside it");
            }
        }
        if (!o.has("name")) {
            throw error("optimizer", "needs name: " + String.join(" | ", OptimizerRegistry.names())
                    + ", e.g. {name: rmsprop, lr: 0.001, rho: 0.9, eps: 1e-7}");
        }
        String name = string(o, "name", null, "optimizer.name");
        Framework form = null;
        Map<String, Double> settings = new LinkedHashMap<>();
        Iterator<String> keys = o.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (k.equals("form")) {
                try {
                    form = Framework.parse(string(o, "form", null, "optimizer.form"));
                } catch (IllegalArgumentException e) {
                    throw error("optimizer.form", e.getMessage());
                }
            } else if (!k.equals("name")) {
                settings.put(k, number(o, k, 0, "optimizer." + k));
            }
        }
        try {
            return OptimizerRegistry.create(name, framework, form, settings);
        } catch (IllegalArgumentException e) {
            throw error(optimizerKeyOf(e.getMessage(), settings.keySet()), e.getMessage());
        }
    }

    /** The optimizer key an OptimizerRegistry error is about, for its line number. */
    private static String optimizerKeyOf(String message, Set<String> given) {
        if (message.startsWith("unknown optimizer")) {
            return "optimizer.name";
        }
        if (message.contains("form")) {
            return "optimizer.form";
        }
        for (String k : given) {
            String named = k.equals("lr") ? "learning rate" : k;
            if (message.contains("'" + k + "'") || message.startsWith(named + " ") || message.contains(" " + named + " ")) {
                return "optimizer." + k;
            }
        }
        return "optimizer";
    }

    /**
     * Each layer line's own {@code init=}/{@code bias=} and, for every variant, that each parameter gets an
     * initializer (a layer left out of {@code init=axis} marks needs a framework), with the rule the runs use
     * ({@link InitSettings#check}), so that these errors come at load time, not when a run starts.
     */
    private void checkLayerInits(Study.Model model, Framework framework, List<Study.Variant> variants,
                                 Datasets.InputShape in) {
        if (model.layers() == null) {
            return;
        }
        for (int i = 0; i < model.layers().size(); i++) {
            LayerInit own = LayerInit.split(model.layers().get(i).toLowerCase(Locale.ROOT)).init(); // as LayerSpec reads it
            for (String spec : java.util.Arrays.asList(own.weights(), own.bias())) {
                try {
                    if (spec != null) {
                        Initializers.validate(InitSpec.parse(spec));
                    }
                } catch (IllegalArgumentException e) {
                    throw error("model.layers[" + i + "]", e.getMessage());
                }
            }
        }
        ModelSpec spec = model.build(in.channels(), in.height(), in.width(), null, in.classes());
        if (MemoryEstimate.of(spec, 1).problem(1, 0) != null) {
            return; // too big to build here: requireMemory says so before anything runs
        }
        List<Parameter> params = new Network(spec, 1, 0).parameters();
        for (Study.Variant v : variants) {
            try {
                new InitSettings(v.init(), v.bias(), framework).check(params);
            } catch (IllegalArgumentException e) {
                throw error("model.layers", e.getMessage());
            }
        }
    }

    /** The model, its layer lines checked against the data set's input shape {@code in}. */
    private Study.Model model(JsonNode root, Datasets.InputShape in) {
        JsonNode m = root.get("model");
        if (m == null) {
            return new Study.Model(Defaults.hidden(), Defaults.activation(), Defaults.DROPOUT, null);
        }
        if (!m.isObject()) {
            throw error("model", "must be a mapping with hidden/activation/dropout or layers");
        }
        knownKeys(m, "model", MODEL_KEYS);
        if (m.has("layers")) {
            if (m.has("hidden") || m.has("activation") || m.has("dropout")) {
                throw error("model.layers", "give either layers or hidden/activation/dropout, not both");
            }
            List<String> layers = new ArrayList<>();
            JsonNode ls = m.get("layers");
            if (!ls.isArray() || ls.isEmpty()) {
                throw error("model.layers", "must be a non-empty list like ['dense 256 relu', 'dense 10']");
            }
            for (int i = 0; i < ls.size(); i++) {
                if (!ls.get(i).isTextual()) {
                    throw error("model.layers[" + i + "]", "must be text like 'dense 256 relu'");
                }
                layers.add(ls.get(i).asText());
            }
            try {
                ModelSpec.parse(in.channels(), in.height(), in.width(), layers);
            } catch (IllegalArgumentException e) {
                throw error("model.layers", e.getMessage());
            }
            return new Study.Model(null, null, 0, layers);
        }
        List<Integer> hidden = new ArrayList<>();
        JsonNode h = m.get("hidden");
        if (h == null) {
            hidden = Defaults.hidden();
        } else {
            if (!h.isArray()) {
                throw error("model.hidden", "must be a list of widths like [256, 128]");
            }
            for (int i = 0; i < h.size(); i++) {
                if (!h.get(i).isInt() || h.get(i).asInt() <= 0) {
                    throw error("model.hidden[" + i + "]", "must be a positive whole number, not " + h.get(i));
                }
                hidden.add(h.get(i).asInt());
            }
        }
        Activation act = activation(m.has("activation") ? m.get("activation") : null, "model.activation", Defaults.activation());
        double dropout = number(m, "dropout", Defaults.DROPOUT, "model.dropout");
        if (!(dropout >= 0 && dropout < 1)) {
            throw error("model.dropout", "must be in [0, 1), not " + dropout);
        }
        return new Study.Model(hidden, act, dropout, null);
    }

    private Study.Validation validation(JsonNode root, int folds) {
        JsonNode v = root.get("validation");
        if (v == null) {
            return Study.Validation.NONE;
        }
        if (folds > 0) {
            throw error("validation", "with folds, each held-out fold is the validation set: remove validation");
        }
        if (!v.isObject()) {
            throw error("validation", "must be a mapping like {split: random, fraction: 0.2} or {split: last, count: 5000}");
        }
        knownKeys(v, "validation", VALIDATION_KEYS);
        String split = string(v, "split", "random", "validation.split");
        if (!List.of("random", "stratified", "first", "last", "test").contains(split)) {
            throw error("validation.split", "must be random (seeded shuffle), stratified (seeded, per class, as "
                    + "scikit-learn's train_test_split(stratify=y)), first (the first rows, as TensorFlow's MNIST loader), "
                    + "last (the last rows, as Keras' validation_split) or test (the test set itself), not '" + split + "'");
        }
        if (split.equals("test")) {
            if (v.has("fraction") || v.has("count")) {
                throw error(v.has("fraction") ? "validation.fraction" : "validation.count",
                        "validation on the test set takes all of it and holds out no training rows: remove it");
            }
            return Study.Validation.TEST;
        }
        boolean hasFraction = v.has("fraction");
        boolean hasCount = v.has("count");
        if (hasFraction == hasCount) {
            throw error("validation", "give exactly one of fraction or count");
        }
        if (hasFraction) {
            double f = number(v, "fraction", 0, "validation.fraction");
            if (!(f > 0 && f < 1)) {
                throw error("validation.fraction", "must be in (0, 1), not " + f);
            }
            return new Study.Validation(split, f, null);
        }
        JsonNode c = v.get("count");
        if (!c.isInt() || c.asInt() <= 0) {
            throw error("validation.count", "must be a positive whole number, not " + c);
        }
        return new Study.Validation(split, null, c.asInt());
    }

    /**
     * The seeds axis: a list, one seed, or a range {@code first..last} kept as its bounds until the size of
     * the grid has been checked, so that a range of a billion seeds is refused before it is built.
     */
    private record SeedAxis(List<Long> list, long first, long last) {
        long count() {
            return list != null ? list.size() : last - first + 1;
        }

        List<Long> values() {
            return list != null ? list : java.util.stream.LongStream.rangeClosed(first, last).boxed().toList();
        }
    }

    private SeedAxis seeds(JsonNode root) {
        JsonNode s = root.get("seeds");
        if (s == null) {
            return new SeedAxis(List.of(Defaults.SEED), 0, 0);
        }
        if (s.isTextual()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d{1,18})\\s*\\.\\.\\s*(\\d{1,18})\\s*").matcher(s.asText());
            if (!m.matches() || Long.parseLong(m.group(1)) > Long.parseLong(m.group(2))) {
                throw error("seeds", "write a list [1, 2, 3] or a range '1..5', not '" + s.asText() + "'");
            }
            return new SeedAxis(null, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
        Set<Long> out = new LinkedHashSet<>();
        if (s.isArray() && !s.isEmpty()) {
            for (int i = 0; i < s.size(); i++) {
                if (!s.get(i).canConvertToLong() || !s.get(i).isIntegralNumber()) {
                    throw error("seeds[" + i + "]", "must be a whole number, not " + s.get(i));
                }
                if (!out.add(s.get(i).asLong())) {
                    throw error("seeds[" + i + "]", "seed " + s.get(i) + " appears twice");
                }
            }
        } else if (s.isIntegralNumber()) {
            out.add(s.asLong());
        } else {
            throw error("seeds", "write a list [1, 2, 3] or a range '1..5'");
        }
        return new SeedAxis(List.copyOf(out), 0, 0);
    }

    private List<Study.Variant> variants(JsonNode root, Study.Model model) {
        JsonNode inits = root.get("initializers");
        if (inits == null || !inits.isArray() || inits.isEmpty()) {
            throw error("initializers", "list the initializers to compare, e.g. [zeros, xavier_normal, 'uniform(-0.5, 0.5)']");
        }
        List<Activation> acts = new ArrayList<>();
        JsonNode a = root.get("activations");
        if (a != null) {
            if (model.layers() != null) {
                throw error("activations", "an activations axis needs an MLP model (hidden/activation), not explicit layers");
            }
            if (!a.isArray() || a.isEmpty()) {
                throw error("activations", "must be a non-empty list like [sigmoid, tanh, relu]");
            }
            for (int i = 0; i < a.size(); i++) {
                acts.add(activation(a.get(i), "activations[" + i + "]", null));
            }
        }
        List<Study.Variant> out = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (Activation act : acts.isEmpty() ? java.util.Collections.<Activation>singletonList(null) : acts) {
            for (int i = 0; i < inits.size(); i++) {
                String path = "initializers[" + i + "]";
                JsonNode e = inits.get(i);
                InitSpec spec;
                InitSpec bias = null;
                String label;
                if (e.isTextual()) {
                    spec = init(e, path);
                    label = spec.toString();
                } else if (e.isObject()) {
                    knownKeys(e, path, VARIANT_KEYS);
                    if (!e.has("init")) {
                        throw error(path, "needs init: NAME(ARGS), e.g. {init: 'uniform(-0.5, 0.5)', label: 'U[-0.5,0.5)'}");
                    }
                    spec = init(e.get("init"), path + ".init");
                    bias = e.has("bias") ? init(e.get("bias"), path + ".bias") : null;
                    label = e.has("label") ? e.get("label").asText() : spec.toString();
                } else {
                    throw error(path, "must be an initializer name or {init: ..., label: ..., bias: ...}");
                }
                String full = act == null ? label : act.label() + " / " + label;
                if (!labels.add(full)) {
                    throw error(path, "label '" + full + "' appears twice; give one a different label");
                }
                out.add(new Study.Variant(full, spec, bias, act));
            }
        }
        return out;
    }

    private List<List<String>> comparisons(JsonNode root, List<Study.Variant> variants) {
        JsonNode c = root.get("comparisons");
        if (c == null) {
            return null;
        }
        if (!c.isArray()) {
            throw error("comparisons", "must be a list of pairs of labels, e.g. [[zeros, ones]]");
        }
        Set<String> labels = new LinkedHashSet<>();
        variants.forEach(v -> labels.add(v.label()));
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            JsonNode pair = c.get(i);
            String path = "comparisons[" + i + "]";
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw error(path, "must be a pair of labels like [zeros, ones]");
            }
            for (JsonNode l : pair) {
                if (!labels.contains(l.asText())) {
                    throw error(path, "no initializer is labelled '" + l.asText() + "'; labels: " + String.join(", ", labels));
                }
            }
            out.add(List.of(pair.get(0).asText(), pair.get(1).asText()));
        }
        return out;
    }

    private InitSpec init(JsonNode n, String path) {
        if (!n.isTextual()) {
            throw error(path, "must be an initializer like he_normal or 'uniform(a=-0.5, b=0.5)'");
        }
        try {
            InitSpec spec = InitSpec.parse(n.asText());
            Initializers.validate(spec);
            return spec;
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    private Activation activation(JsonNode n, String path, Activation fallback) {
        if (n == null) {
            return fallback;
        }
        try {
            return Activation.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    private String string(JsonNode node, String key, String fallback) {
        return string(node, key, fallback, key);
    }

    private String string(JsonNode node, String key, String fallback, String path) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode() || v.isBoolean()) {
            throw error(path, "must be text, not " + v.getNodeType().toString().toLowerCase());
        }
        return v.asText();
    }

    private double number(JsonNode node, String key, double fallback) {
        return number(node, key, fallback, key);
    }

    private double number(JsonNode node, String key, double fallback, String path) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) { // YAML 1.1 reads 1e-3 as text
            try {
                return Double.parseDouble(v.asText());
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        throw error(path, "must be a number, not '" + v.asText() + "'");
    }

    private int integer(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (!v.isInt()) {
            throw error(key, "must be a whole number, not '" + v.asText() + "'");
        }
        return v.asInt();
    }

    private int positiveInt(JsonNode node, String key) {
        int i = integer(node, key);
        if (i <= 0) {
            throw error(key, "must be > 0, not " + i);
        }
        return i;
    }

    private int nonNegativeInt(JsonNode node, String key) {
        int i = integer(node, key);
        if (i < 0) {
            throw error(key, "must be >= 0, not " + i);
        }
        return i;
    }

    private boolean bool(JsonNode node, String key, boolean fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw error(key, "must be true or false, not '" + v.asText() + "'");
        }
        return v.asBoolean();
    }
}
