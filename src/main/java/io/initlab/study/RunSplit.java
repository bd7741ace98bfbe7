package io.initlab.study;

import io.initlab.data.Splits;
import io.initlab.data.TrainValSplit;

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

    /** The training and validation rows of a run with this seed and fold (-1 without folds). */
    static TrainValSplit of(Study s, int available, long seed, int fold) {
        int n = rows(s, available);
        if (s.folds() > 0) {
            int[][] folds = Splits.kFolds(n, s.folds(), seed);
            return new TrainValSplit(Splits.trainIndicesFor(folds, fold), folds[fold]);
        }
        int valCount = validationCount(s, n);
        return switch (s.validation().split()) {
            case "none" -> Splits.lastRowsAsValidation(n, 0);
            case "last" -> Splits.lastRowsAsValidation(n, valCount);
            case "first" -> Splits.firstRowsAsValidation(n, valCount);
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
