package io.initlab.data;

import java.nio.file.Path;
import java.util.List;

/**
 * California Housing (1990 census, StatLib): 20,640 block groups, 8 features, target the median
 * house value in dollars (regression), split into training and test rows exactly as Keras'
 * {@code keras.datasets.california_housing.load_data()} (version "large", test_split 0.2, seed
 * 113) does:
 * <pre>
 *   rng = np.random.RandomState(113); indices = np.arange(len(x)); rng.shuffle(indices)
 *   x, y = x[indices], y[indices]; cut = int(len(x) * (1 - test_split))
 *   train = first cut rows (16,512), test = the rest (4,128)
 * </pre>
 * Keras' {@code california_housing.npz} holds the StatLib rows in file order as float32, features
 * in the file's column order (longitude first; its docstring lists other names) and the target
 * unscaled, and it keeps the float32 target as is. We read the StatLib CSV, round each value to
 * float as that cast does, and shuffle with {@link NumpyLegacyRandom}. Nothing is standardized.
 */
public final class CaliforniaHousing {
    public static final String FILE = "cal_housing.data";
    public static final List<String> FEATURES = List.of("longitude", "latitude", "housing_median_age", "total_rooms",
            "total_bedrooms", "population", "households", "median_income");
    public static final String TARGET = "median_house_value";
    /** Keras' defaults. */
    public static final double TEST_SPLIT = 0.2;
    public static final long SEED = 113;

    private CaliforniaHousing() {}

    /** Reads {@code file} (CSV with a header line) and splits it as Keras does. */
    public static DatasetPair load(String name, Path file) {
        CsvDataset.Table t = CsvDataset.Table.read(file, FEATURES, TARGET, DataFiles.fetchHint("california-housing"));
        Dataset all = t.regression(name);
        int[] order = kerasOrder(all.count());
        int cut = trainCount(all.count());
        return new DatasetPair(all.subset(java.util.Arrays.copyOfRange(order, 0, cut), name + "-train"),
                all.subset(java.util.Arrays.copyOfRange(order, cut, order.length), name + "-test"));
    }

    /** Keras' row order: {@code np.arange(n)} shuffled by {@code RandomState(113)}. */
    static int[] kerasOrder(int n) {
        return new NumpyLegacyRandom(SEED).permutation(n);
    }

    /** {@code int(n * (1 - test_split))}, in double arithmetic as Python computes it. */
    static int trainCount(int n) {
        return (int) (n * (1 - TEST_SPLIT));
    }
}
