package io.initlab.report;

import io.initlab.results.Num;
import java.util.Map;

/**
 * How a runs.csv column reads in tables and plots. In a regression study (loss mse) every *_accuracy column
 * holds the mean absolute error and every *_loss column the mean squared error, so its label says "MAE" or
 * "MSE loss" instead of "accuracy" / "loss", and its values are shown as numbers, not percentages.
 *
 * @param column     the runs.csv column, e.g. {@code val_accuracy}
 * @param regression whether the study's loss is mse
 */
public record MetricLabel(String column, boolean regression) {

    /** Columns whose label is not their name with "_" read as " ": what each one holds, accuracy form. */
    private static final Map<String, String> NAMES = Map.of(
            "train_accuracy", "training accuracy", "val_accuracy", "validation accuracy",
            "val_accuracy_dropout", "validation accuracy (dropout on)", "test_accuracy", "test accuracy",
            "best_val_accuracy", "best validation accuracy", "train_loss", "training loss",
            "val_loss", "validation loss", "test_loss", "test loss");

    /** E.g. "validation accuracy", or "validation MAE" and "test MSE loss" in a regression study. */
    public String label() {
        String base = NAMES.getOrDefault(column, column.replace('_', ' '));
        if (!regression) return base;
        return base.replace("accuracy", "MAE").replace("loss", "MSE loss");
    }

    /** "accuracy", or "MAE" in a regression study: the word for the score in titles. */
    public static String score(boolean regression) {
        return regression ? "MAE" : "accuracy";
    }

    /** "loss", or "MSE loss" in a regression study. */
    public static String loss(boolean regression) {
        return regression ? "MSE loss" : "loss";
    }

    /** Whether values are fractions shown in percent (a classification accuracy). */
    public boolean percent() {
        return !regression && column.contains("accuracy");
    }

    /** Whether the column counts epochs (epochs_run, best_epoch). */
    public boolean epochCount() {
        return column.equals("epochs_run") || column.equals("best_epoch");
    }

    /** Whether lower values are better (losses, and MAE in a regression study). */
    public boolean lowerIsBetter() {
        return column.contains("loss") || regression && column.contains("accuracy");
    }

    /** A value for display: accuracies in percent with 2 decimals, epochs with 0 or 1, others with 6 significant digits. */
    public String show(double x) {
        if (!Double.isFinite(x)) return "";
        if (epochCount()) return Num.fixed(x, x == Math.rint(x) ? 0 : 1);
        return percent() ? Num.fixed(100 * x, 2) + " %" : Num.fmt(x);
    }

    /** A range for display, the unit once: "9.85 – 9.90 %". */
    public String showRange(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) return "";
        if (percent()) return Num.fixed(100 * lo, 2) + " – " + Num.fixed(100 * hi, 2) + " %";
        return epochCount() ? show(lo) + " – " + show(hi) : Num.fmt(lo) + " – " + Num.fmt(hi);
    }

    /** A difference for display: accuracies in percentage points. */
    public String showDiff(double x) {
        if (!Double.isFinite(x)) return "";
        return percent() ? Num.fixed(100 * x, 2) + " pp" : Num.fmt(x);
    }
}
