package io.initlab.study;

import io.initlab.init.Framework;
import io.initlab.init.InitSettings;
import io.initlab.init.InitSpec;
import io.initlab.loss.LossConfig;
import io.initlab.model.Activation;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;
import io.initlab.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated experiment file: shared settings plus the grid axes (variants × seeds × folds).
 *
 * @param limit      use only the first N training images (null = all)
 * @param framework  whose defaults fill what the study leaves unnamed: layers' initializers, the optimizer's
 *                   settings and form (NONE: initlab's own rule)
 * @param folds      k of k-fold cross-validation, 0 for a single train/validation split
 * @param batchLog   batches per run kept in batches.csv (the first N; 0 = all)
 * @param expected   published numbers to compare with, or null
 * @param mainPlot   the per-epoch curve the report shows first (report.ReportOptions.MAIN_PLOTS), or null
 * @param loss       the loss trained on (softmax cross-entropy, or MSE for a regression data set)
 * @param earlyStopping when to stop before {@code epochs}, or null: every run trains every epoch
 * @param csv        the study's own table when {@code dataset} is one ({@code csv:PATH}), else null
 */
public record Study(String name, String title, String description, String source, Path file, String yamlText,
                    String dataset, Integer limit, Model model, Framework framework, OptimizerConfig optimizer, int batch, int epochs,
                    Validation validation, int folds, List<Long> seeds, List<Variant> variants,
                    List<List<String>> comparisons, boolean dropoutAccuracy, int probeRows, int firstBatches,
                    int batchLog, boolean dropLast, boolean test, Path expected,
                    String mainPlot, LossConfig loss, TrainConfig.EarlyStop earlyStopping, CsvSource csv) {

    /** Which initializer each parameter of a variant's runs gets: its axis entry, its bias, the framework's defaults. */
    public InitSettings initSettings(Variant v) {
        return new InitSettings(v.init(), v.bias(), framework);
    }

    /** How validation data is held out when there are no folds ({@code test}: none held out; the test set validates). */
    public record Validation(String split, Double fraction, Integer count) {
        public static final Validation NONE = new Validation("none", null, null);
        public static final Validation TEST = new Validation("test", null, null);

        /** Whether the runs validate on the test set (as some published studies did) instead of held-out rows. */
        public boolean onTestSet() {
            return split.equals("test");
        }

        /** Validation rows held out of n training rows. */
        public int size(int n) {
            if (split.equals("none") || onTestSet()) {
                return 0;
            }
            return count != null ? count : (int) Math.round(fraction * n);
        }
    }

    /** The model: an MLP description (whose activation a variant may override) or explicit layer lines. */
    public record Model(List<Integer> hidden, Activation activation, double dropout, List<String> layers) {
        /** For one-channel inputs (the config hash's 28 × 28 description). */
        public ModelSpec build(int height, int width, Activation override, int classes) {
            return build(1, height, width, override, classes);
        }

        /**
         * For inputs of channels × height × width (CIFAR 3 × 32 × 32, a table 1 × 1 × features); an MLP's output
         * layer has {@code classes} units, one for a regression set ({@code classes} 0).
         */
        public ModelSpec build(int channels, int height, int width, Activation override, int classes) {
            if (layers != null) {
                return ModelSpec.parse(channels, height, width, layers);
            }
            int[] h = hidden.stream().mapToInt(Integer::intValue).toArray();
            return ModelSpec.mlp(channels, height, width, h, override != null ? override : activation, dropout,
                    classes == 0 ? 1 : classes);
        }
    }

    /**
     * One configuration compared in the study.
     *
     * @param bias       bias initializer of this variant, or null for the study's
     * @param activation activation override (the activations axis), or null
     */
    public record Variant(String label, InitSpec init, InitSpec bias, Activation activation) {}
}
