package io.initlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Published numbers beside ours across several studies (e.g. the 7 + 2 study folders of one case study): a
 * markdown table with one row per study and group and one column per published metric, and a CSV with
 * published.csv's columns and every study's rows. The verdicts are {@link Agreement}'s; a group without
 * finished runs says how its runs ended ("not run: data not available here").
 */
public final class CombinedTable {
    private CombinedTable() {}

    /** One study folder's part: its name, its runs (empty when it has no runs.csv) and its published numbers. */
    public record Study(String name, StudyData data, ExpectedResults expected) {}

    /** Every study's rows, studies in the given order. */
    public static List<PublishedComparison.Row> rows(List<Study> studies) {
        List<PublishedComparison.Row> rows = new ArrayList<>();
        for (Study s : studies) rows.addAll(PublishedComparison.compute(s.name(), s.data(), s.expected()));
        return rows;
    }

    /** Writes {@code md} and, beside it, the CSV (OUT.md → OUT.csv); returns the CSV's path. */
    public static Path write(List<PublishedComparison.Row> rows, Path md) {
        String name = md.getFileName().toString();
        Path csv = md.resolveSibling((name.endsWith(".md") ? name.substring(0, name.length() - 3) : name) + ".csv");
        try {
            if (md.toAbsolutePath().getParent() != null) Files.createDirectories(md.toAbsolutePath().getParent());
            Files.writeString(md, markdown(rows));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + md, e);
        }
        PublishedComparison.writeCsv(rows, csv);
        return csv;
    }

    /** The markdown table: a legend line, then one row per study and group. */
    public static String markdown(List<PublishedComparison.Row> rows) {
        Set<String> metrics = new LinkedHashSet<>();
        boolean anyRegression = false;
        Map<String, List<PublishedComparison.Row>> byGroup = new LinkedHashMap<>();
        for (PublishedComparison.Row r : rows) {
            metrics.add(r.metric().column());
            anyRegression |= r.metric().regression();
            byGroup.computeIfAbsent(r.study() + "\u0000" + r.group(), k -> new ArrayList<>()).add(r);
        }
        // one column order whatever the studies' order: the order of ExpectedResults.PUBLISHABLE
        List<String> ordered = new ArrayList<>(metrics);
        ordered.sort(java.util.Comparator.comparingInt(c -> {
            int i = ExpectedResults.PUBLISHABLE.indexOf(c);
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        metrics = new LinkedHashSet<>(ordered);
        StringBuilder m = new StringBuilder();
        m.append("Each cell: published (one run) → ours: mean (min–max over our runs, n). ✓ inside our min–max;")
                .append(" ≈ outside it by at most ±").append(Math.round(100 * Agreement.ACCURACY_TOLERANCE))
                .append(" pp (accuracy), ±").append(Math.round(Agreement.EPOCHS_TOLERANCE))
                .append(" epochs (epoch counts), ±").append(Math.round(100 * Agreement.RELATIVE_TOLERANCE))
                .append(" % of the published value (losses, MAE); ✗ farther. Agrees = ✓ or ≈.");
        if (anyRegression) m.append(" Regression rows: accuracy columns hold the MAE, loss columns the MSE loss.");
        m.append("\n\n| study | dataset | model | group |");
        for (String c : metrics) m.append(' ').append(md(header(c, anyRegression))).append(" |");
        m.append(" verdict |\n|---|---|---|---|");
        m.append("---|".repeat(metrics.size())).append("---|\n");
        for (List<PublishedComparison.Row> group : byGroup.values()) {
            PublishedComparison.Row first = group.get(0);
            m.append("| ").append(md(first.study())).append(" | ").append(md(first.dataset())).append(" | ")
                    .append(md(modelKind(first.model()))).append(" | ").append(md(first.group())).append(" |");
            for (String c : metrics) {
                PublishedComparison.Row r = group.stream().filter(x -> x.metric().column().equals(c)).findFirst().orElse(null);
                m.append(' ').append(r == null ? "" : md(cell(r))).append(" |");
            }
            m.append(' ').append(md(verdict(group))).append(" |\n");
        }
        return m.toString();
    }

    /** A column's header: its label, with the regression reading when regression rows share it ("test accuracy / MAE"). */
    static String header(String column, boolean anyRegression) {
        String label = new MetricLabel(column, false).label();
        if (!anyRegression || new MetricLabel(column, true).label().equals(label)) return label;
        return label + " / " + (column.contains("accuracy") ? MetricLabel.score(true) : MetricLabel.loss(true));
    }

    /** "98.10 % → 97.95 % (97.90 – 98.01 %, n 3) ✓" (no range when our runs agree), or "98.10 % → –" without a value. */
    static String cell(PublishedComparison.Row r) {
        MetricLabel l = r.metric();
        String pub = l.show(r.published());
        if (r.verdict() == Agreement.Verdict.NO_VALUE) return pub + " → –";
        String range = r.ours().max() > r.ours().min() ? l.showRange(r.ours().min(), r.ours().max()) + ", " : "";
        String mark = switch (r.verdict()) {
            case IN_RANGE -> " ✓";
            case NEAR -> " ≈";
            default -> " ✗";
        };
        return pub + " → " + l.show(r.ours().mean()) + " (" + range + "n " + r.ours().n() + ")" + mark;
    }

    /** "agrees", "differs: test loss, epochs run", or how the runs ended when none has a value. */
    static String verdict(List<PublishedComparison.Row> group) {
        List<PublishedComparison.Row> judged = group.stream().filter(r -> r.verdict() != Agreement.Verdict.NO_VALUE).toList();
        if (judged.isEmpty()) return group.get(0).status();
        List<String> differ = judged.stream().filter(r -> !r.verdict().agrees()).map(r -> r.metric().label()).toList();
        String v = differ.isEmpty() ? "agrees" : "differs: " + String.join(", ", differ);
        int without = group.size() - judged.size();
        return without == 0 ? v : v + " (" + without + " without a value of ours)";
    }

    /** "CNN" for a model with a conv layer, "MLP" for dense layers only, else the description as it is. */
    static String modelKind(String model) {
        if (model.contains("conv")) return "CNN";
        if (model.contains("dense")) return "MLP";
        return model;
    }

    /** A markdown cell: pipes escaped, line breaks flattened. */
    static String md(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }
}
