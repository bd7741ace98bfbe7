package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.data.TrainValSplit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The progress bar's train counts agree with the rows the runs train on, for every kind of split. */
class RunSplitTest {

    static Study study(String settings) {
        return StudyLoader.parse(Path.of("split.yaml"), "initializers: [zeros]\n" + settings);
    }

    @Test
    void kFoldTrainCountsFollowTheFoldSizesWhenKDoesNotDivideN() {
        Study s = study("limit: 103\nfolds: 5\n");
        // 103 = 5 * 20 + 3: folds 0..2 hold 21 rows, folds 3..4 hold 20
        int[] expected = {82, 82, 82, 83, 83};
        for (int f = 0; f < 5; f++) {
            TrainValSplit split = RunSplit.of(s, 60000, 7, f);
            assertThat(split.train()).as("fold %d", f).hasSize(expected[f]);
            assertThat(split.val()).hasSize(103 - expected[f]);
            assertThat(RunSplit.trainCount(s, 60000, f)).as("fold %d", f).isEqualTo(expected[f]);
        }
    }

    @Test
    void holdOutTrainCountsMatchTheRows() {
        for (String validation : new String[] {"", "validation: {split: random, fraction: 0.3}\n",
                "validation: {split: first, count: 7}\n", "validation: {split: last, fraction: 0.25}\n"}) {
            Study s = study("limit: 101\n" + validation);
            TrainValSplit split = RunSplit.of(s, 60000, 3, -1);
            assertThat(RunSplit.trainCount(s, 60000, -1)).as(validation).isEqualTo(split.train().length);
            assertThat(split.train().length + split.val().length).isEqualTo(101);
        }
        assertThat(RunSplit.trainCount(study("validation: {split: first, count: 7}\n"), 50, -1)).isEqualTo(43);
    }

    @Test
    void aValidationSetAsLargeAsTheDataIsRejected() {
        Study s = study("limit: 100\nvalidation: {split: last, count: 100}\n");
        assertThatThrownBy(() -> RunSplit.trainCount(s, 60000, -1)).hasMessageContaining("nothing left to train on");
        assertThatThrownBy(() -> RunSplit.of(s, 60000, 1, -1)).hasMessageContaining("nothing left to train on");
    }

    @Test
    void aStratifiedSplitKeepsEachClassInProportion() {
        Study s = study("limit: 150\nvalidation: {split: stratified, fraction: 0.2}\n");
        int[] labels = new int[200];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3; // 50 of each class in the first 150 rows
        }
        TrainValSplit split = RunSplit.of(s, 200, labels, 7, -1);
        assertThat(split.val()).hasSize(30);
        assertThat(RunSplit.trainCount(s, 200, -1)).isEqualTo(split.train().length).isEqualTo(120);
        int[] perClass = new int[3];
        for (int i : split.val()) {
            assertThat(i).isLessThan(150);
            perClass[labels[i]]++;
        }
        assertThat(perClass).containsExactly(10, 10, 10);
        assertThat(RunSplit.of(s, 200, labels, 7, -1).val()).containsExactly(split.val()); // seeded
        assertThat(RunSplit.of(s, 200, labels, 8, -1).val()).isNotEqualTo(split.val());
        assertThatThrownBy(() -> RunSplit.of(s, 200, null, 7, -1)).hasMessageContaining("needs class labels");
    }
}
