package io.initlab.study;

import io.initlab.report.ReportOptions;
import io.initlab.results.RunsTable;
import java.nio.file.Path;
import java.util.List;

/**
 * The report options of a study, built in this one place for both the study runner and
 * {@code initlab report DIR} (which loads the study.yaml copy of a results folder), so a rebuilt report
 * says what the first one said.
 */
public final class StudyReportOptions {
    private StudyReportOptions() {}

    /** The name of the copy of the experiment file that the runner keeps in a results folder. */
    static final String COPY_NAME = "study.yaml";

    public static ReportOptions of(Study s) {
        return ReportOptions.builder().studyName(s.name()).title(s.title())
                .description(s.description() + (s.source().isEmpty() ? "" : "\n\nSource: " + s.source()) + notes(s))
                .configYamlText(s.yamlText()).expectedFile(s.expected()).comparisons(s.comparisons())
                .firstBatches(s.firstBatches()).metrics(metricsOf(s))
                .rerunCommand("bin/initlab run " + experimentPath(s)).mainPlot(s.mainPlot()).build();
    }

    /**
     * Paragraphs the report must show for settings that change how its numbers read: validation on the test set
     * (so validation and test numbers are not independent), MAE in the accuracy columns, early stopping.
     */
    static String notes(Study s) {
        StringBuilder n = new StringBuilder();
        if (s.validation().onTestSet()) {
            n.append("\n\nValidation data: the TEST set (validation: {split: test}, as the study's source did), so "
                    + "val_* and test_* numbers are measured on the same rows and the validation numbers are not held out.");
        }
        if (s.loss().name().equals(Defaults.REGRESSION_LOSS)) {
            n.append("\n\nRegression (loss mse): the CSV files keep their column names, so every *_accuracy column holds the mean absolute error (lower is better); tables and plots below say MAE.");
        }
        if (s.earlyStopping() != null) {
            n.append("\n\nEarly stopping: ").append(s.earlyStopping()).append("; runs.csv records epochs_run and best_epoch, "
                    + "and best_val_accuracy is the best validation value over the epochs trained.");
        }
        return n.toString();
    }

    /**
     * The runs.csv columns a study's summary covers: training accuracy first when it is the study's main
     * plot (the number its source reported), then validation (with dropout on, when measured) and test.
     */
    static List<String> metricsOf(Study s) {
        List<String> m = new java.util.ArrayList<>();
        if (RunsTable.TRAIN_ACCURACY.equals(s.mainPlot())) m.add(RunsTable.TRAIN_ACCURACY);
        m.add("val_accuracy");
        if (s.earlyStopping() != null) m.add(RunsTable.BEST_VAL_ACCURACY);
        if (s.dropoutAccuracy()) m.add("val_accuracy_dropout");
        m.add("test_accuracy");
        return List.copyOf(m);
    }

    /**
     * The experiment file to name in the rerun command: relative to the working directory when below it
     * (reports are committed); for the copy in a results folder, the experiment of that name under
     * experiments/, where it came from.
     */
    static String experimentPath(Study s) {
        if (s.file().getFileName().toString().equals(COPY_NAME)) {
            return "experiments/" + s.name() + ".yaml";
        }
        Path abs = s.file().toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
