package io.initlab.report;

import io.initlab.results.DetailTables;
import io.initlab.results.RunsTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The report room's entry point: reads a study's CSV files from DIR and writes DIR/summary.csv,
 * DIR/comparisons.csv, DIR/plots/*.png|svg and DIR/report.html, and DIR/published.csv when the study's
 * expected-results file publishes single numbers ({@link PublishedComparison}).
 *
 * <pre>
 * ReportResult r = StudyReport.write(dir, ReportOptions.builder()
 *         .studyName("seeds").title("Seeds study").expectedFile(Path.of("expected.yaml")).build());
 * </pre>
 */
public final class StudyReport {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private StudyReport() {}

    public static ReportResult write(Path dir, ReportOptions opts) {
        if (opts == null) opts = ReportOptions.defaults(dir.getFileName() == null ? "" : dir.getFileName().toString());
        List<String> warnings = new ArrayList<>();
        StudyData data = StudyData.load(dir);
        if (data.runs().isEmpty()) warnings.add("runs.csv has no runs.");

        ExpectedResults expected = null;
        if (opts.expectedFile() != null) {
            if (!Files.isRegularFile(opts.expectedFile())) {
                throw new IllegalArgumentException("expected-results file not found: " + opts.expectedFile());
            }
            expected = ExpectedResults.read(opts.expectedFile());
            if (!data.hasColumn(expected.metric())) {
                warnings.add("Published results are for '" + expected.metric() + "', which runs.csv lacks.");
            }
            for (ExpectedResults.Expected e : expected.expected()) {
                if (!data.groups().contains(e.group())) {
                    warnings.add("Published result for group '" + e.group() + "', which is not in this study.");
                }
            }
            for (ExpectedResults.Published p : expected.published()) {
                if (!data.groups().contains(p.group())) {
                    warnings.add("Published numbers for group '" + p.group() + "', which is not in this study.");
                }
            }
            for (String m : expected.publishedMetrics()) {
                if (!data.hasColumn(m)) warnings.add("Published numbers for '" + m + "', which runs.csv lacks.");
            }
        }
        List<PublishedComparison.Row> published = PublishedComparison.compute(opts.studyName(), data, expected);
        if (!published.isEmpty()) PublishedComparison.writeCsv(published, dir.resolve(PublishedComparison.FILE));

        List<String> metrics = Summary.metricsPresent(data, opts.metrics(), expected);
        for (String m : opts.metrics()) {
            if (!data.hasColumn(m)) warnings.add("Metric '" + m + "' is not a column of runs.csv.");
        }
        List<Summary.Row> summary = Summary.compute(data, metrics, expected);
        Path summaryCsv = dir.resolve("summary.csv");
        Summary.writeCsv(summary, summaryCsv);

        List<List<String>> pairs = Comparisons.pairs(data.groups(), opts.comparisons());
        Set<String> unknown = new LinkedHashSet<>();
        for (List<String> p : pairs) for (String g : p) if (!data.groups().contains(g)) unknown.add(g);
        if (!unknown.isEmpty()) warnings.add("Comparisons name groups not in this study: " + String.join(", ", unknown));
        List<Comparisons.Row> comparisons = Comparisons.compute(data, metrics, pairs);
        Path comparisonsCsv = dir.resolve("comparisons.csv");
        Comparisons.writeCsv(comparisons, comparisonsCsv);

        List<FigureWriter.PlotFile> plots = writePlots(dir, opts, data, metrics, summary, expected, warnings);

        String config = opts.configYamlText();
        if (config == null && Files.isRegularFile(dir.resolve("study.yaml"))) {
            try {
                config = Files.readString(dir.resolve("study.yaml"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path html = dir.resolve("report.html");
        HtmlReport.write(new HtmlReport.Model(opts, data, metrics, summary, comparisons, expected, published, plots,
                config, warnings), html);
        return new ReportResult(html, summaryCsv, comparisonsCsv, plots, warnings);
    }

    /** Builds and writes every plot the data allows; a plot that fails is noted, not fatal. */
    static List<FigureWriter.PlotFile> writePlots(Path dir, ReportOptions opts, StudyData data, List<String> metrics,
                                                  List<Summary.Row> summary, ExpectedResults expected,
                                                  List<String> warnings) {
        Path plotsDir = dir.resolve("plots");
        Plots plots = new Plots(data);
        List<FigureWriter.PlotFile> out = new ArrayList<>();
        String main = expected != null && metrics.contains(expected.metric()) ? expected.metric()
                : metrics.isEmpty() ? "val_accuracy" : metrics.get(0);

        Path batchesCsv = dir.resolve(DetailTables.BATCHES);
        if (Files.isRegularFile(batchesCsv)) {
            BatchLosses b = BatchLosses.read(batchesCsv, opts.firstBatches());
            add(out, warnings, "first_batches_loss", () -> plots.firstBatchesLoss(b, opts.firstBatches()), plotsDir);
        } else {
            warnings.add("No batches.csv: no first-batches loss plot.");
        }
        add(out, warnings, "val_accuracy_per_epoch", plots::valAccuracyPerEpoch, plotsDir);
        if (data.hasColumn(RunsTable.TRAIN_ACCURACY)) { // absent from tables written before it was recorded
            add(out, warnings, "train_accuracy_per_epoch", plots::trainAccuracyPerEpoch, plotsDir);
        }
        add(out, warnings, "loss_per_epoch", plots::lossPerEpoch, plotsDir);
        add(out, warnings, "accuracy_distribution", () -> plots.accuracyDistribution(main), plotsDir);
        Map<String, Double> publishedMain = new LinkedHashMap<>(); // the source's single numbers of the main metric
        if (expected != null) {
            for (ExpectedResults.Published p : expected.published()) {
                if (p.values().containsKey(main)) publishedMain.put(p.group(), p.values().get(main));
            }
        }
        add(out, warnings, "accuracy_bar", () -> plots.accuracyBar(summary, main, publishedMain), plotsDir);

        Path histCsv = dir.resolve(DetailTables.INIT_HIST);
        if (Files.isRegularFile(histCsv)) {
            InitHistograms hist = InitHistograms.read(histCsv);
            for (String layer : hist.layers()) {
                add(out, warnings, "init_hist_" + layer, () -> plots.initHistogram(hist, layer), plotsDir);
            }
        } else {
            warnings.add("No init_hist.csv: no histograms of initial weights.");
        }

        Path layersCsv = dir.resolve(DetailTables.LAYERS);
        if (Files.isRegularFile(layersCsv)) {
            LayerDiagnostics ld = LayerDiagnostics.read(layersCsv);
            for (String q : List.of("activation", "gradient")) {
                add(out, warnings, "layer_variance_" + q, () -> plots.layerVariance(ld, q), plotsDir);
                add(out, warnings, "layer_variance_" + q + "_epochs", () -> plots.layerVarianceEpochs(ld, q), plotsDir);
            }
        } else {
            warnings.add("No layers.csv: no per-layer variance plots.");
        }
        return mainFirst(out, opts.mainPlotName(), warnings);
    }

    /** The plots with the study's main plot first (the curve its source showed), the others in their order. */
    static List<FigureWriter.PlotFile> mainFirst(List<FigureWriter.PlotFile> plots, String main, List<String> warnings) {
        if (main == null) return plots;
        List<FigureWriter.PlotFile> out = new ArrayList<>(plots.stream().filter(p -> p.name().equals(main)).toList());
        if (out.isEmpty()) {
            warnings.add("The main plot " + main + " has no data to draw; the plots are in their usual order.");
            return plots;
        }
        plots.stream().filter(p -> !p.name().equals(main)).forEach(out::add);
        return out;
    }

    private static void add(List<FigureWriter.PlotFile> out, List<String> warnings, String what,
                            Supplier<Optional<Plots.Figure>> make, Path plotsDir) {
        try {
            Optional<Plots.Figure> f = make.get();
            if (f.isPresent()) out.add(FigureWriter.write(f.get(), plotsDir));
            else warnings.add("Plot " + what + ": no data to draw.");
        } catch (RuntimeException e) {
            warnings.add("Plot " + what + " failed: " + e);
        }
    }
}
