package io.initlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Loads the data sets by name from a data root laid out as {@code <root>/<name>/<IDX files>}
 * (what {@code scripts/fetch-data.sh} writes).
 *
 * <p>Nothing is cached: a caller that needs a set twice keeps the {@link DatasetPair}; a global
 * cache would hold hundreds of MB and hide which run loaded what.
 */
public final class Datasets {
    /** The data sets {@link #load} knows, in the order they are listed to users. */
    public static final List<String> NAMES = List.of("mnist", "fashion-mnist");

    /** File names of an IDX data set (the same for MNIST and our Fashion-MNIST conversion). */
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
        Dataset train = IdxReader.read(name + "-train", dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS));
        Dataset test = IdxReader.read(name + "-test", dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS));
        return new DatasetPair(train, test);
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
