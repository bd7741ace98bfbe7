package io.initlab.study;

import io.initlab.data.CsvDataset;
import io.initlab.data.DataException;
import io.initlab.data.Dataset;
import io.initlab.data.DatasetPair;
import io.initlab.data.Datasets;
import java.nio.file.Path;
import java.util.List;

/**
 * A study's own table: {@code dataset: {csv: FILE, features: [a, b], target: y, task: regression, test_fraction: 0.2}}
 * (paths relative to the study file). Read with {@link CsvDataset}: a header line, numeric features, the target a
 * number (regression) or a class (integers or names); nothing is standardized or shuffled (add a {@code normalize}
 * layer for that). The test set is a second file ({@code test: FILE}) or the last {@code test_fraction} of the
 * rows, in file order (as Keras' {@code validation_split} takes the last rows; shuffle the file first if its order
 * means something); with neither, there is none.
 *
 * @param path         the table as the study names it (relative to the study file)
 * @param file         the table, resolved
 * @param testPath     the test table as the study names it, or null
 * @param testFile     the test table, resolved, or null
 * @param features     the feature columns in input order; empty: every column but the target
 * @param testFraction the share of the rows held out as the test set, or null
 * @param sha256       the table's bytes (and the test table's, after a '+'): its identity in the config hash
 * @param shape        1 × 1 × features, the classes (0 for regression) and the rows, as loaded when the study was read
 */
public record CsvSource(String path, Path file, String testPath, Path testFile, List<String> features, String target,
                        CsvDataset.Task task, Double testFraction, String sha256, Datasets.InputShape shape) {

    public CsvSource {
        features = List.copyOf(features);
    }

    /** The data set's name in the run records and tables: {@code csv:PATH}. */
    public String name() {
        return Datasets.CSV + ":" + path;
    }

    public boolean regression() {
        return task == CsvDataset.Task.REGRESSION;
    }

    /** Whether the runs can be tested: a test file or a test fraction. */
    public boolean hasTestSet() {
        return testFile != null || testFraction != null;
    }

    /**
     * What the config hash calls this table: its contents (sha256) and how it is read; the path is left out, so a
     * table moved or renamed keeps its runs.
     */
    public String identity() {
        return Datasets.CSV + "@sha256=" + sha256 + ",features=" + features
                + ",target=" + target + ",task=" + task.name().toLowerCase(java.util.Locale.ROOT)
                + ",test_fraction=" + testFraction;
    }

    /**
     * The training and test sets.
     *
     * @throws DataException for a missing or malformed file, or a test fraction that leaves no rows on one side
     */
    public DatasetPair load() {
        DatasetPair p = CsvDataset.load(name(), new CsvDataset.Spec(file, testFile, features, target, task));
        if (testFraction == null) {
            return p;
        }
        Dataset all = p.train();
        int n = all.count();
        int test = (int) Math.round(testFraction * n);
        if (test == 0 || test == n) {
            throw new DataException(file + ": test_fraction " + testFraction + " of " + n + " rows leaves "
                    + (test == 0 ? "no test rows" : "no training rows"));
        }
        return new DatasetPair(all.slice(0, n - test), all.slice(n - test, n));
    }
}
