package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The stratified split against scikit-learn: the examples its documentation prints, and splits
 * that numpy_reference.py (scikit-learn's algorithm on numpy's RandomState) printed once.
 */
class StratifiedSplitTest {
    static final int[] IRIS = IntStream.range(0, 150).map(i -> i / 50).toArray();

    @Test
    void approximateModeMatchesScikitLearnsDocExamples() {
        // sklearn.utils.extmath._approximate_mode docstring
        assertThat(StratifiedSplit.approximateMode(new int[] {4, 2}, 3, new NumpyLegacyRandom(0))).containsExactly(2, 1);
        assertThat(StratifiedSplit.approximateMode(new int[] {5, 2}, 4, new NumpyLegacyRandom(0))).containsExactly(3, 1);
        assertThat(StratifiedSplit.approximateMode(new int[] {2, 2, 2, 1}, 2, new NumpyLegacyRandom(0)))
                .containsExactly(0, 1, 1, 0);
        assertThat(StratifiedSplit.approximateMode(new int[] {2, 2, 2, 1}, 2, new NumpyLegacyRandom(42)))
                .containsExactly(1, 1, 0, 0);
    }

    @Test
    void matchesScikitLearnsStratifiedShuffleSplitDocExample() {
        // StratifiedShuffleSplit(test_size=0.5, random_state=0) on y = [0, 0, 1, 1]: TRAIN [1 2] TEST [3 0]
        TrainValSplit s = StratifiedSplit.trainVal(new int[] {0, 0, 1, 1}, 0.5, 0);
        assertThat(s.train()).containsExactly(1, 2);
        assertThat(s.val()).containsExactly(3, 0);
    }

    @Test
    void irisSplitsMatchScikitLearn() {
        // train_test_split(range(150), stratify=iris.target, test_size=0.2, random_state=seed)
        TrainValSplit s0 = StratifiedSplit.trainVal(IRIS, 0.2, 0);
        assertThat(s0.val()).containsExactly(36, 55, 44, 134, 39, 90, 147, 47, 3, 81, 136, 88, 54, 139, 67, 142, 113, 65,
                50, 46, 19, 121, 103, 129, 21, 86, 99, 100, 0, 9);
        assertThat(Arrays.copyOf(s0.train(), 10)).containsExactly(45, 1, 38, 7, 82, 37, 108, 124, 72, 127);
        TrainValSplit s42 = StratifiedSplit.trainVal(IRIS, 0.2, 42);
        assertThat(s42.val()).containsExactly(38, 127, 57, 93, 42, 56, 22, 20, 147, 84, 107, 141, 104, 51, 7, 49, 14, 69,
                63, 138, 10, 140, 58, 134, 132, 77, 75, 18, 116, 28);
        assertThat(Arrays.copyOf(s42.train(), 10)).containsExactly(8, 106, 76, 9, 89, 146, 94, 133, 135, 117);
    }

    @Test
    void unevenClassesMatchScikitLearn() {
        int[] y = {2, 0, 1, 0, 3, 1, 0, 2, 0, 1, 3, 0, 1, 0, 2, 1, 0};
        TrainValSplit s = StratifiedSplit.trainVal(y, 0.3, 7);
        assertThat(s.train()).containsExactly(13, 12, 1, 4, 16, 7, 0, 9, 6, 8, 15);
        assertThat(s.val()).containsExactly(5, 10, 11, 3, 14, 2);
    }

    @Test
    void partsAreDisjointCoverEverythingAndKeepClassShares() {
        TrainValSplit s = StratifiedSplit.trainVal(IRIS, 0.2, 5);
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.val())).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, 150).toArray());
        int[] perClass = new int[3];
        for (int i : s.val()) {
            perClass[IRIS[i]]++;
        }
        assertThat(perClass).containsExactly(10, 10, 10);
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertThat(StratifiedSplit.trainVal(IRIS, 0.2, 3).val()).containsExactly(StratifiedSplit.trainVal(IRIS, 0.2, 3).val());
        assertThat(StratifiedSplit.trainVal(IRIS, 0.2, 3).val()).isNotEqualTo(StratifiedSplit.trainVal(IRIS, 0.2, 4).val());
    }

    @Test
    void rejectsWhatScikitLearnRejects() {
        assertThatThrownBy(() -> StratifiedSplit.trainVal(new int[] {0, 0, 1, 1, 2}, 0.4, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 2 has only 1 row; a stratified split needs at least 2 per class");
        assertThatThrownBy(() -> StratifiedSplit.trainVal(IRIS, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a stratified split of 150 rows into 148 + 2 needs at least one row per class in each part,"
                        + " and there are 3 classes");
        assertThatThrownBy(() -> StratifiedSplit.trainVal(IRIS, 1.0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation fraction must be between 0 and 1 (exclusive), got 1.0");
        assertThatThrownBy(() -> StratifiedSplit.trainVal(IRIS, 0.2, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
