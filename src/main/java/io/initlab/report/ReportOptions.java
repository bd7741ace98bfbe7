package io.initlab.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link StudyReport#write} needs besides the CSV files.
 *
 * @param studyName     the study's name (shown, and used in the page title when {@code title} is null)
 * @param title         the page title; null → "initlab study: " + studyName
 * @param description   free text shown under the title (blank lines separate paragraphs); nullable
 * @param configYamlText the study's config, shown verbatim; null → {@code DIR/study.yaml} if it exists
 * @param expectedFile  a YAML file of published results ({@link ExpectedResults}); nullable
 * @param comparisons   pairs of groups to compare ([a, b], or [a, b, c, ...] = every pair among them);
 *                      null → every pair of groups
 * @param firstBatches  how many global steps the first-batches loss plot shows (≤ 0 → 200)
 * @param metrics       runs.csv columns summarized at the last epoch; null/empty → val_accuracy, test_accuracy
 * @param rerunCommand  the command that re-runs the study, shown in the report; nullable
 * @param mainPlot      the per-epoch curve shown first among the plots, one of {@link #MAIN_PLOTS}
 *                      ({@code train_accuracy} for a study whose source plotted training accuracy);
 *                      null → the plots in their usual order (first batches, validation accuracy, ...)
 */
public record ReportOptions(String studyName, String title, String description, String configYamlText,
                            Path expectedFile, List<List<String>> comparisons, int firstBatches, List<String> metrics,
                            String rerunCommand, String mainPlot) {

    public static final int DEFAULT_FIRST_BATCHES = 200;
    public static final List<String> DEFAULT_METRICS = List.of("val_accuracy", "test_accuracy");
    /** The per-epoch curves a report can lead its plots with: runs.csv columns, and "loss" (train and validation). */
    public static final List<String> MAIN_PLOTS = List.of("val_accuracy", "train_accuracy", "loss");

    public ReportOptions {
        if (firstBatches <= 0) firstBatches = DEFAULT_FIRST_BATCHES;
        metrics = metrics == null || metrics.isEmpty() ? DEFAULT_METRICS : List.copyOf(metrics);
        comparisons = comparisons == null ? null : comparisons.stream().map(List::copyOf).toList();
        studyName = studyName == null ? "" : studyName;
        if (mainPlot != null && !MAIN_PLOTS.contains(mainPlot)) {
            throw new IllegalArgumentException("main plot '" + mainPlot + "' is not one of " + MAIN_PLOTS);
        }
    }

    /** The file name of the main plot (plots/NAME.png), or null when the study names none. */
    public String mainPlotName() {
        return mainPlot == null ? null : mainPlot + "_per_epoch";
    }

    /** The defaults: every pair compared, 200 batches, val/test accuracy. */
    public static ReportOptions defaults(String studyName) {
        return builder().studyName(studyName).build();
    }

    public String effectiveTitle() {
        if (title != null && !title.isBlank()) return title;
        return studyName.isBlank() ? "initlab study report" : "initlab study: " + studyName;
    }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private String studyName = "", title, description, configYamlText, rerunCommand, mainPlot;
        private Path expectedFile;
        private List<List<String>> comparisons;
        private int firstBatches = DEFAULT_FIRST_BATCHES;
        private List<String> metrics = DEFAULT_METRICS;

        public Builder studyName(String v) { studyName = v; return this; }
        public Builder title(String v) { title = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder configYamlText(String v) { configYamlText = v; return this; }
        public Builder expectedFile(Path v) { expectedFile = v; return this; }
        public Builder comparisons(List<List<String>> v) { comparisons = v; return this; }
        public Builder firstBatches(int v) { firstBatches = v; return this; }
        public Builder metrics(List<String> v) { metrics = v; return this; }
        public Builder rerunCommand(String v) { rerunCommand = v; return this; }
        public Builder mainPlot(String v) { mainPlot = v; return this; }

        public ReportOptions build() {
            return new ReportOptions(studyName, title, description, configYamlText, expectedFile, comparisons,
                    firstBatches, metrics, rerunCommand, mainPlot);
        }
    }
}
