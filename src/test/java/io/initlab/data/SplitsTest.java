package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {
    static int[] sorted(int[] a) {
        int[] c = a.clone();
        Arrays.sort(c);
        return c;
    }

    static int[] range(int n) {
        return IntStream.range(0, n).toArray();
    }

    @Test
    void permutationIsAPermutation() {
        for (int n : new int[] {0, 1, 2, 7, 1000}) {
            assertThat(sorted(Splits.permutation(n, 42))).containsExactly(range(n));
        }
    }

    @Test
    void permutationIsDeterministicPerSeedAndDiffersAcrossSeeds() {
        assertThat(Splits.permutation(1000, 7)).containsExactly(Splits.permutation(1000, 7));
        assertThat(Splits.permutation(1000, 7)).isNotEqualTo(Splits.permutation(1000, 8));
        assertThat(Splits.permutation(1000, 7)).isNotEqualTo(range(1000));
    }

    /**
     * Golden values: the Fashion-MNIST split made by scripts/fetch-data.sh is this permutation.
     * If this fails, SplittableRandom or Fisher-Yates changed and every pinned split is off.
     */
    @Test
    void permutationIsPinned() {
        int[] p = Splits.permutation(70000, 20240101L);
        assertThat(Arrays.copyOf(p, 5)).containsExactly(19045, 61391, 37502, 45800, 40591);
    }

    @Test
    void permutationIsRoughlyUniform() {
        // where does element 0 land, over many seeds? every position about equally often
        int n = 4;
        int[] hits = new int[n];
        for (long seed = 0; seed < 4000; seed++) {
            int[] p = Splits.permutation(n, seed);
            for (int i = 0; i < n; i++) {
                if (p[i] == 0) {
                    hits[i]++;
                }
            }
        }
        assertThat(Arrays.stream(hits).boxed()).allSatisfy(h -> assertThat(h).isBetween(880, 1120));
    }

    @Test
    void trainValSizesAndDisjointCover() {
        TrainValSplit s = Splits.trainVal(60000, 5000, 1);
        assertThat(s.train()).hasSize(55000);
        assertThat(s.val()).hasSize(5000);
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.val())).toArray();
        assertThat(sorted(all)).containsExactly(range(60000));
        assertThat(s.val()).isNotEqualTo(range(5000));  // shuffled
        assertThat(Splits.trainVal(60000, 5000, 1).val()).containsExactly(s.val());
        assertThat(Splits.trainVal(10, 0, 1).train()).hasSize(10);
    }

    @Test
    void lastRowsAsValidationHoldsOutTheLastExamples() {
        TrainValSplit s = Splits.lastRowsAsValidation(60000, 5000);
        assertThat(s.train()).containsExactly(range(55000));
        assertThat(s.val()).containsExactly(IntStream.range(55000, 60000).toArray());
    }

    @Test
    void firstRowsAsValidationHoldsOutTheFirstExamples() {
        TrainValSplit s = Splits.firstRowsAsValidation(60000, 5000);
        assertThat(s.val()).containsExactly(range(5000));
        assertThat(s.train()).containsExactly(IntStream.range(5000, 60000).toArray());
        assertThatThrownBy(() -> Splits.firstRowsAsValidation(10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Splits.range(3, 6)).containsExactly(3, 4, 5);
    }

    @Test
    void trainValRejectsBadSizes() {
        assertThatThrownBy(() -> Splits.trainVal(10, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Splits.trainVal(10, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Splits.lastRowsAsValidation(10, 11)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void foldsAreDisjointCoveringAndBalanced() {
        int n = 103;
        int k = 5;
        int[][] folds = Splits.kFolds(n, k, 3);
        assertThat(folds).hasNumberOfRows(k);
        int[] sizes = Arrays.stream(folds).mapToInt(f -> f.length).toArray();
        assertThat(sizes).containsExactly(21, 21, 21, 20, 20);
        for (int f = 0; f < k; f++) {
            assertThat(Splits.foldSize(n, k, f)).as("fold %d", f).isEqualTo(sizes[f]);
        }
        assertThatThrownBy(() -> Splits.foldSize(n, k, k)).isInstanceOf(IllegalArgumentException.class);
        int[] all = Arrays.stream(folds).flatMapToInt(Arrays::stream).toArray();
        assertThat(sorted(all)).containsExactly(range(n));  // disjoint + covering
        assertThat(Splits.kFolds(n, k, 3)).isDeepEqualTo(folds);
    }

    @Test
    void trainIndicesForAFoldAreTheOtherFolds() {
        int[][] folds = Splits.kFolds(50, 4, 9);
        for (int f = 0; f < 4; f++) {
            int[] train = Splits.trainIndicesFor(folds, f);
            assertThat(train).hasSize(50 - folds[f].length);
            assertThat(train).doesNotContain(folds[f]);
            int[] both = IntStream.concat(Arrays.stream(train), Arrays.stream(folds[f])).toArray();
            assertThat(sorted(both)).containsExactly(range(50));
        }
        assertThatThrownBy(() -> Splits.trainIndicesFor(folds, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kFoldsRejectsBadK() {
        assertThatThrownBy(() -> Splits.kFolds(10, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Splits.kFolds(3, 4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Arrays.stream(Splits.kFolds(3, 3, 0)).mapToInt(f -> f.length)).containsOnly(1);
    }
}
