package io.initlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.initlab.results.Num;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 */
public record ExpectedResults(String source, String metric, List<Expected> expected) {

    public static final String DEFAULT_METRIC = "val_accuracy";

    public record Expected(String group, double low, double high, String note) {
        public boolean contains(double x) { return Double.isFinite(x) && x >= low && x <= high; }
    }

    public ExpectedResults {
        metric = metric == null || metric.isBlank() ? DEFAULT_METRIC : metric.strip();
        source = source == null ? "" : source;
        expected = List.copyOf(expected);
    }

    public static ExpectedResults read(Path yamlFile) {
        try {
            return parse(new ObjectMapper(new YAMLFactory()).readTree(yamlFile.toFile()), yamlFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("reading expected results " + yamlFile, e);
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
        return new ExpectedResults(root.path("source").asText(""), root.path("metric").asText(null), list);
    }

    private static double number(JsonNode n, String what) {
        if (n == null || n.isNull()) throw new IllegalArgumentException(what + " missing");
        if (n.isNumber()) return n.asDouble();
        double d = Num.parse(n.asText());
        if (Double.isNaN(d)) throw new IllegalArgumentException(what + " is not a number: " + n.asText());
        return d;
    }

    public Optional<Expected> forGroup(String group) {
        return expected.stream().filter(e -> e.group().equals(group)).findFirst();
    }
}
