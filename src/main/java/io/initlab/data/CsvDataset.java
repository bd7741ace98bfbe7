package io.initlab.data;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A table the user brings: a CSV file with a header line (RFC 4180, comma-separated, UTF-8),
 * numeric feature columns and one target column, for classification or regression.
 *
 * <p>Values are parsed as doubles and rounded to float ({@code (float) Double.parseDouble}), as
 * numpy's {@code astype(float32)} of a pandas/numpy float64 column does; empty cells, NaN and
 * infinities are errors. Classification targets are either all non-negative integers (used as the
 * labels; classes = largest + 1) or names, numbered in sorted order (scikit-learn's
 * {@code LabelEncoder}). Nothing is standardized or shuffled here.
 */
public final class CsvDataset {
    /** What the target column holds. */
    public enum Task {
        CLASSIFICATION, REGRESSION;

        /** "classification" or "regression" (any case). */
        public static Task parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "classification" -> CLASSIFICATION;
                case "regression" -> REGRESSION;
                default -> throw new DataException("unknown task '" + s + "'; known: classification, regression");
            };
        }
    }

    /**
     * Where the table is and how to read it.
     *
     * @param train    the file to train on
     * @param test     a separate test file with the same columns, or null for none
     * @param features the feature columns, in input order; empty = every column but the target
     * @param target   the target column
     */
    public record Spec(Path train, Path test, List<String> features, String target, Task task) {
        public Spec {
            Objects.requireNonNull(train, "train");
            features = List.copyOf(features);
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(task, "task");
        }
    }

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .build();

    private CsvDataset() {}

    /**
     * The train file (and the test file, if any) as data sets {@code name-train} and
     * {@code name-test}; without a test file the test set is empty. Class names are numbered over
     * both files, so a label means the same class in each.
     */
    public static DatasetPair load(String name, Spec spec) {
        Table train = Table.read(spec.train(), spec.features(), spec.target(), "");
        Table test = spec.test() == null ? null : Table.read(spec.test(), spec.features(), spec.target(), "");
        if (test != null && !test.featureNames().equals(train.featureNames())) {
            throw new DataException(spec.test() + ": feature columns " + test.featureNames() + " differ from "
                    + train.featureNames() + " of " + spec.train());
        }
        if (spec.task() == Task.REGRESSION) {
            return new DatasetPair(train.regression(name + "-train"),
                    test == null ? train.regression(name + "-test").slice(0, 0) : test.regression(name + "-test"));
        }
        LabelCoding coding = LabelCoding.of(train, test);
        Dataset tr = train.classification(name + "-train", coding);
        return new DatasetPair(tr, test == null ? tr.slice(0, 0) : test.classification(name + "-test", coding));
    }

    /**
     * A CSV table, parsed: features as floats (row-major), targets as the strings in the file.
     * Shared by the readers of CSV data sets (California Housing, user tables).
     */
    record Table(Path file, List<String> featureNames, float[] x, String[] targets) {
        int rows() { return targets.length; }

        int features() { return featureNames.size(); }

        /**
         * Reads {@code file}; {@code features} empty = all columns but {@code target}.
         *
         * @param missingHint what to do when the file does not exist ("" for a user's file)
         */
        static Table read(Path file, List<String> features, String target, String missingHint) {
            byte[] bytes = DataFiles.readAllBytes(file, missingHint.isEmpty() ? "check the path" : missingHint);
            try (Reader r = new StringReader(new String(bytes, StandardCharsets.UTF_8));
                 CSVParser p = FORMAT.parse(r)) {
                List<String> header = p.getHeaderNames();
                if (header.isEmpty()) {
                    throw new DataException(file + ": empty file; expected a header line naming the columns");
                }
                int targetAt = column(file, header, target);
                List<String> names = features.isEmpty()
                        ? header.stream().filter(h -> !h.equals(target)).toList() : features;
                if (names.isEmpty()) {
                    throw new DataException(file + ": no feature columns besides the target '" + target + "'");
                }
                if (names.contains(target)) {
                    throw new DataException(file + ": the target column '" + target + "' is also listed as a feature");
                }
                int[] at = new int[names.size()];
                for (int f = 0; f < at.length; f++) {
                    at[f] = column(file, header, names.get(f));
                }
                List<float[]> rows = new ArrayList<>();
                List<String> targets = new ArrayList<>();
                for (CSVRecord rec : p) {
                    long row = rec.getRecordNumber();
                    if (rec.size() != header.size()) {
                        throw new DataException(file + ": data row " + row + " has " + rec.size() + " fields, the header "
                                + header.size());
                    }
                    float[] v = new float[at.length];
                    for (int f = 0; f < at.length; f++) {
                        v[f] = number(file, row, names.get(f), rec.get(at[f]));
                    }
                    String t = rec.get(targetAt);
                    if (t.isEmpty()) {
                        throw new DataException(file + ": data row " + row + ": the target '" + target + "' is empty");
                    }
                    rows.add(v);
                    targets.add(t);
                }
                if (rows.isEmpty()) {
                    throw new DataException(file + ": no data rows after the header");
                }
                float[] x = new float[Math.multiplyExact(rows.size(), at.length)];
                for (int i = 0; i < rows.size(); i++) {
                    System.arraycopy(rows.get(i), 0, x, i * at.length, at.length);
                }
                return new Table(file, List.copyOf(names), x, targets.toArray(String[]::new));
            } catch (IOException | UncheckedIOException e) {
                throw new DataException(file + ": malformed CSV: " + rootMessage(e), e);
            } catch (IllegalArgumentException | IllegalStateException e) {  // commons-csv: bad or duplicate header
                throw new DataException(file + ": malformed CSV: " + e.getMessage(), e);
            }
        }

        /** A regression set: the target parsed as a float. */
        Dataset regression(String name) {
            float[] y = new float[rows()];
            for (int i = 0; i < y.length; i++) {
                y[i] = number(file, i + 1, "target", targets[i]);
            }
            return Dataset.regression(name, x, y, features());
        }

        /** A classification set, labels by {@code coding}. */
        Dataset classification(String name, LabelCoding coding) {
            int[] y = new int[rows()];
            for (int i = 0; i < y.length; i++) {
                y[i] = coding.label(targets[i]);
            }
            return Dataset.table(name, x, y, features(), coding.classes());
        }
    }

    /** Class names to labels: integers as themselves, names in sorted order. */
    record LabelCoding(List<String> names, int classes) {
        static LabelCoding of(Table train, Table test) {
            TreeSet<String> distinct = new TreeSet<>(List.of(train.targets()));
            if (test != null) {
                distinct.addAll(List.of(test.targets()));
            }
            if (distinct.stream().allMatch(s -> s.matches("[0-9]{1,9}"))) {
                int max = distinct.stream().mapToInt(Integer::parseInt).max().orElseThrow();
                return new LabelCoding(null, max + 1);
            }
            return new LabelCoding(List.copyOf(distinct), distinct.size());
        }

        int label(String target) {
            return names == null ? Integer.parseInt(target) : names.indexOf(target);
        }
    }

    private static int column(Path file, List<String> header, String name) {
        int at = header.indexOf(name);
        if (at < 0) {
            throw new DataException(file + ": no column '" + name + "'; the header has " + header);
        }
        return at;
    }

    private static float number(Path file, long row, String column, String s) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataException(file + ": data row " + row + ": " + column + " is '" + s + "', not a number");
        }
        if (!Double.isFinite(d)) {
            throw new DataException(file + ": data row " + row + ": " + column + " is '" + s + "', not a finite number");
        }
        return (float) d;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
