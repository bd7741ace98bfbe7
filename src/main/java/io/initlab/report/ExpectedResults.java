package io.initlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.initlab.results.Num;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Published results to compare a study with, read from a YAML file:
 * <pre>
 * source: "Udacity deep-learning-v2-pytorch, weight-initialization notebook"
 * metric: val_accuracy        # which runs.csv column, at the last epoch (val_accuracy, train_accuracy, ...)
 * expected:
 *   - group: zeros
 *     low: 0.097
 *     high: 0.099
 *     note: "published 9.7–9.9 %"
 * </pre>
 * and/or the single numbers of a source that published one run per cell, several metrics per group (any
 * numeric runs.csv column of {@link #PUBLISHABLE}, same unit: fractions for accuracies; in a regression study
 * the *_accuracy columns hold the MAE):
 * <pre>
 * published:            # one run per cell in the original
 *   - {group: Xavier, best_val_accuracy: 0.981, test_accuracy: 0.981, test_loss: 0.0675, epochs_run: 10}
 * </pre>
 * How such a number is judged against our runs is {@link Agreement}'s rule. Bad input fails with one line
 * that names the file and the key.
 */
public record ExpectedResults(String source, String metric, List<Expected> expected, List<Published> published) {

    public static final String DEFAULT_METRIC = "val_accuracy";

    /** The runs.csv columns a {@code published:} entry may give (each taken at a run's last epoch). */
    public static final List<String> PUBLISHABLE = List.of("train_accuracy", "val_accuracy", "val_accuracy_dropout",
            "best_val_accuracy", "test_accuracy", "train_loss", "val_loss", "test_loss", "epochs_run", "best_epoch");

    private static final Set<String> TOP_KEYS = Set.of("source", "metric", "expected", "published");

    /** One group's published single numbers, metric → value in the file's order; {@code note} may be "". */
    public record Published(String group, Map<String, Double> values, String note) {
        public Published {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            note = note == null ? "" : note;
        }
    }

    public record Expected(String group, double low, double high, String note) {
        public boolean contains(double x) { return Double.isFinite(x) && x >= low && x <= high; }
    }

    public ExpectedResults {
        metric = metric == null || metric.isBlank() ? DEFAULT_METRIC : metric.strip();
        source = source == null ? "" : source;
        expected = List.copyOf(expected);
        published = published == null ? List.of() : List.copyOf(published);
    }

    /** Published ranges only (files written before {@code published:} existed). */
    public ExpectedResults(String source, String metric, List<Expected> expected) {
        this(source, metric, expected, List.of());
    }

    public static ExpectedResults read(Path yamlFile) {
        try {
            return parse(new ObjectMapper(new YAMLFactory()).readTree(yamlFile.toFile()), yamlFile.toString());
        } catch (IOException e) { // a YAML syntax error: its first line says where
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(yamlFile + ": not readable as YAML: " + why, e);
        }
    }

    public static ExpectedResults parse(String yamlText) {
        try {
            return parse(new ObjectMapper(new YAMLFactory()).readTree(yamlText), "expected-results text");
        } catch (IOException e) {
            throw new UncheckedIOException("parsing expected results", e);
        }
    }

    private static ExpectedResults parse(JsonNode root, String what) {
        if (root == null || !root.isObject()) throw new IllegalArgumentException(what + ": not a YAML mapping");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_KEYS.contains(key)) {
                throw new IllegalArgumentException(what + ": unknown key '" + key + "' (known: source, metric, expected, published)");
            }
        }
        List<Expected> list = new ArrayList<>();
        JsonNode ex = root.path("expected");
        if (ex.isArray()) {
            for (JsonNode e : ex) {
                String group = e.path("group").asText(null);
                if (group == null) throw new IllegalArgumentException(what + ": an expected entry has no group");
                double lo = number(e.get("low"), what + " (" + group + ".low)");
                double hi = number(e.get("high"), what + " (" + group + ".high)");
                if (lo > hi) throw new IllegalArgumentException(what + ": low > high for " + group);
                list.add(new Expected(group, lo, hi, e.path("note").asText("")));
            }
        } else if (!ex.isMissingNode() && !ex.isNull()) {
            throw new IllegalArgumentException(what + ": 'expected' must be a list");
        }
        return new ExpectedResults(root.path("source").asText(""), root.path("metric").asText(null), list,
                published(root.path("published"), what));
    }

    private static List<Published> published(JsonNode list, String what) {
        if (list.isMissingNode() || list.isNull()) return List.of();
        if (!list.isArray()) throw new IllegalArgumentException(what + ": 'published' must be a list");
        List<Published> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : list) {
            String at = what + ": published[" + i++ + "]";
            if (!e.isObject()) throw new IllegalArgumentException(at + " must be a mapping {group: ..., METRIC: number}");
            JsonNode g = e.get("group");
            if (g == null || !g.isValueNode() || g.asText().isBlank()) throw new IllegalArgumentException(at + ": no group");
            String group = g.asText();
            at += " (" + group + ")";
            if (out.stream().anyMatch(p -> p.group().equals(group))) {
                throw new IllegalArgumentException(at + ": group " + group + " is listed twice");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String key = f.getKey();
                if (key.equals("group") || key.equals("note")) continue;
                if (!PUBLISHABLE.contains(key)) {
                    throw new IllegalArgumentException(at + ": unknown key '" + key + "' (one of group, note, "
                            + String.join(", ", PUBLISHABLE) + ")");
                }
                double v = number(f.getValue(), at + "." + key);
                if (!Double.isFinite(v)) throw new IllegalArgumentException(at + "." + key + " is not finite: " + f.getValue().asText());
                values.put(key, v);
            }
            if (values.isEmpty()) throw new IllegalArgumentException(at + ": no published number (one of " + String.join(", ", PUBLISHABLE) + ")");
            out.add(new Published(group, values, e.path("note").asText("")));
        }
        return out;
    }

    private static double number(JsonNode n, String what) {
        if (n == null || n.isNull()) throw new IllegalArgumentException(what + " missing");
        if (n.isNumber()) return n.asDouble();
        if (!n.isValueNode()) throw new IllegalArgumentException(what + " is not a number: " + n);
        double d = Num.parse(n.asText());
        if (Double.isNaN(d)) throw new IllegalArgumentException(what + " is not a number: " + n.asText());
        return d;
    }

    public Optional<Expected> forGroup(String group) {
        return expected.stream().filter(e -> e.group().equals(group)).findFirst();
    }

    /** The published single numbers of {@code group}, if the file gives any. */
    public Optional<Published> publishedFor(String group) {
        return published.stream().filter(p -> p.group().equals(group)).findFirst();
    }

    /** The metrics any {@code published:} entry gives, in order of first appearance. */
    public List<String> publishedMetrics() {
        return published.stream().flatMap(p -> p.values().keySet().stream()).distinct().toList();
    }
}
