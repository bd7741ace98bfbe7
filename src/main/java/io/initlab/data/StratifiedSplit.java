package io.initlab.data;

import java.util.Arrays;

/**
 * A stratified random hold-out split: each class keeps (about) its share in both parts, as Keras
 * and scikit-learn users get with {@code train_test_split(X, y, test_size=f, stratify=y,
 * random_state=seed)}. Seeded and deterministic.
 *
 * <p>Same semantics as scikit-learn's {@code StratifiedShuffleSplit} (which that call uses), draw
 * for draw on numpy's legacy {@code RandomState(seed)} ({@link NumpyLegacyRandom}), so the indices
 * are the ones scikit-learn returns for the same labels and seed:
 * <ol>
 *   <li>{@code nVal = ceil(f * n)} (or the given count), {@code nTrain = n - nVal};</li>
 *   <li>per class (classes in ascending label order), its training count is the "approximate mode"
 *       of the hypergeometric: the floor of {@code count / n * nTrain}, the leftover handed out
 *       by descending fractional part, ties broken at random ({@code rng.choice} without
 *       replacement = the head of {@code rng.permutation}); then the same for {@code nVal} from
 *       what is left of each class;</li>
 *   <li>per class, its row indices (ascending) in the order of {@code rng.permutation(count)}:
 *       the first part goes to training, the next to validation;</li>
 *   <li>both parts are shuffled once more ({@code rng.permutation}).</li>
 * </ol>
 * How it differs from scikit-learn: labels must be ints (scikit-learn also takes strings and
 * multi-column labels), seeds must be in 0..2^32-1 (numpy's range; scikit-learn also accepts
 * {@code None}, i.e. an unseeded global generator) and the fraction must lie strictly between 0
 * and 1 (scikit-learn also allows train_size). Like scikit-learn it refuses a class with fewer
 * than 2 rows and parts smaller than the number of classes. Follows scikit-learn >= 0.24, where
 * the proportional share is {@code count / n * draws} (older releases computed
 * {@code draws * count / n}, which can round differently).
 */
public final class StratifiedSplit {
    private StratifiedSplit() {}

    /**
     * Splits rows {@code 0..labels.length-1}: {@code val} gets {@code ceil(valFraction * n)} rows.
     *
     * @param labels the class of each row
     */
    public static TrainValSplit trainVal(int[] labels, double valFraction, long seed) {
        if (!(valFraction > 0 && valFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be between 0 and 1 (exclusive), got " + valFraction);
        }
        return trainVal(labels, (int) Math.ceil(valFraction * labels.length), seed);
    }

    /** As {@link #trainVal(int[], double, long)} with {@code valCount} validation rows. */
    public static TrainValSplit trainVal(int[] labels, int valCount, long seed) {
        int n = labels.length;
        if (valCount <= 0 || valCount >= n) {
            throw new IllegalArgumentException("validation count must be in 1.." + (n - 1) + " for " + n + " rows, got " + valCount);
        }
        int trainCount = n - valCount;
        int[] classes = Arrays.stream(labels).distinct().sorted().toArray();
        int[][] members = membersOf(labels, classes);
        int[] counts = new int[classes.length];
        for (int c = 0; c < classes.length; c++) {
            counts[c] = members[c].length;
            if (counts[c] < 2) {
                throw new IllegalArgumentException("class " + classes[c] + " has only " + counts[c]
                        + " row; a stratified split needs at least 2 per class");
            }
        }
        if (trainCount < classes.length || valCount < classes.length) {
            throw new IllegalArgumentException("a stratified split of " + n + " rows into " + trainCount + " + " + valCount
                    + " needs at least one row per class in each part, and there are " + classes.length + " classes");
        }
        NumpyLegacyRandom rng = new NumpyLegacyRandom(seed);
        int[] trainPer = approximateMode(counts, trainCount, rng);
        int[] left = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            left[c] = counts[c] - trainPer[c];
        }
        int[] valPer = approximateMode(left, valCount, rng);
        int[] train = new int[trainCount];
        int[] val = new int[valCount];
        int t = 0;
        int v = 0;
        for (int c = 0; c < classes.length; c++) {
            int[] perm = rng.permutation(counts[c]);
            for (int k = 0; k < trainPer[c]; k++) {
                train[t++] = members[c][perm[k]];
            }
            for (int k = trainPer[c]; k < trainPer[c] + valPer[c]; k++) {
                val[v++] = members[c][perm[k]];
            }
        }
        return new TrainValSplit(rng.permutation(train), rng.permutation(val));
    }

    /** The row indices of each class, ascending. */
    private static int[][] membersOf(int[] labels, int[] classes) {
        int[][] members = new int[classes.length][];
        for (int c = 0; c < classes.length; c++) {
            int label = classes[c];
            members[c] = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
        }
        return members;
    }

    /**
     * scikit-learn's {@code _approximate_mode(class_counts, n_draws, rng)}: how many of
     * {@code draws} rows each class gets, summing to {@code draws}.
     */
    static int[] approximateMode(int[] counts, int draws, NumpyLegacyRandom rng) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        double[] continuous = new double[counts.length];
        int[] result = new int[counts.length];
        double flooredSum = 0;
        for (int c = 0; c < counts.length; c++) {
            continuous[c] = (double) counts[c] / total * draws;  // numpy: class_counts / class_counts.sum() * n_draws
            result[c] = (int) Math.floor(continuous[c]);
            flooredSum += result[c];
        }
        int needToAdd = (int) (draws - flooredSum);
        if (needToAdd <= 0) {
            return result;
        }
        double[] remainder = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            remainder[c] = continuous[c] - Math.floor(continuous[c]);
        }
        double[] values = Arrays.stream(remainder).distinct().sorted().toArray();
        for (int k = values.length - 1; k >= 0 && needToAdd > 0; k--) {
            double value = values[k];
            int[] tied = java.util.stream.IntStream.range(0, counts.length).filter(c -> remainder[c] == value).toArray();
            int addNow = Math.min(tied.length, needToAdd);
            int[] pick = rng.permutation(tied.length);  // rng.choice(tied, addNow, replace=False)
            for (int i = 0; i < addNow; i++) {
                result[tied[pick[i]]]++;
            }
            needToAdd -= addNow;
        }
        return result;
    }
}
