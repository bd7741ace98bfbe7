package io.initlab.study;

import io.initlab.data.Splits;
import io.initlab.data.StratifiedSplit;
import io.initlab.data.TrainValSplit;
import java.util.Arrays;

/**
 * The one place that turns a study's limit, validation and folds settings into the rows a run trains
 * and validates on: {@link RunExecutor} takes the rows, the progress bar the count.
 */
final class RunSplit {
    private RunSplit() {}

    /** Training-file rows the study uses: the first {@code limit} of the {@code available} ones. */
    static int rows(Study s, int available) {
        return s.limit() == null ? available : Math.min(s.limit(), available);
    }

    /** The training and validation rows of a run with this seed and fold (-1 without folds), for unlabelled splits. */
    static TrainValSplit of(Study s, int available, long seed, int fold) {
        return of(s, available, null, seed, fold);
    }

    /**
     * The training and validation rows of a run with this seed and fold (-1 without folds).
     *
     * @param labels the class of each training-file row (a stratified split needs them; else may be null)
     */
    static TrainValSplit of(Study s, int available, int[] labels, long seed, int fold) {
        int n = rows(s, available);
        if (s.folds() > 0) {
            int[][] folds = Splits.kFolds(n, s.folds(), seed);
            return new TrainValSplit(Splits.trainIndicesFor(folds, fold), folds[fold]);
        }
        int valCount = validationCount(s, n);
        return switch (s.validation().split()) {
            case "none", "test" -> Splits.lastRowsAsValidation(n, 0); // "test": the runner validates on the test set
            case "last" -> Splits.lastRowsAsValidation(n, valCount);
            case "first" -> Splits.firstRowsAsValidation(n, valCount);
            case "stratified" -> {
                if (labels == null) {
                    throw new IllegalArgumentException("a stratified split needs class labels; " + s.dataset() + " has none");
                }
                yield StratifiedSplit.trainVal(Arrays.copyOf(labels, n), valCount, seed);
            }
            default -> Splits.trainVal(n, valCount, seed);
        };
    }

    /** {@code of(s, available, seed, fold).train().length}, without building the rows. */
    static int trainCount(Study s, int available, int fold) {
        int n = rows(s, available);
        return s.folds() > 0 ? n - Splits.foldSize(n, s.folds(), fold) : n - validationCount(s, n);
    }

    private static int validationCount(Study s, int n) {
        int valCount = s.validation().size(n);
        if (valCount >= n) {
            throw new IllegalArgumentException("validation takes " + valCount + " of " + n + " images: nothing left to train on");
        }
        return valCount;
    }
}
