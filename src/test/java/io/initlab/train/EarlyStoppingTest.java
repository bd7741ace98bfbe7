package io.initlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.train.EarlyStopping.Action;
import io.initlab.train.EarlyStopping.Mode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Early stopping on scripted sequences of monitored values, run the way a trainer runs it (epochs numbered
 * from 1). Each expectation follows Keras 3's EarlyStopping.on_epoch_end step by step: wait += 1; an
 * improvement (strictly better by more than min_delta) resets wait and keeps the weights; otherwise stop when
 * wait >= patience and it is not the first epoch.
 */
class EarlyStoppingTest {

    /** What a trainer saw: the epochs it ran, the epochs whose weights it kept, and the policy at the end. */
    record Run(int epochsRun, List<Integer> saved, EarlyStopping policy) {}

    static Run run(EarlyStopping es, double... values) {
        List<Integer> saved = new ArrayList<>();
        int epoch = 0;
        for (double v : values) {
            epoch++;
            Action a = es.onEpochEnd(epoch, v);
            if (a == Action.SAVE_BEST) {
                saved.add(epoch);
            }
            if (a == Action.STOP) {
                break;
            }
        }
        return new Run(epoch, saved, es);
    }

    static EarlyStopping valLoss(int patience) {
        return new EarlyStopping("val_loss", patience, 0, true);
    }

    @Test
    void patienceFiveStopsFiveEpochsAfterTheBestAndRestoresIt() {
        // best 0.8 at epoch 2; epochs 3..7 do not beat it: wait 1..5, stop at 7; the 0.7 of epoch 8 is never seen
        Run r = run(valLoss(5), 1.0, 0.8, 0.9, 0.85, 0.81, 0.82, 0.95, 0.7);
        assertThat(r.epochsRun()).isEqualTo(7);
        assertThat(r.policy().stoppedEpoch()).isEqualTo(7);
        assertThat(r.policy().bestEpoch()).isEqualTo(2);
        assertThat(r.policy().best()).isEqualTo(0.8);
        assertThat(r.saved()).containsExactly(1, 2);
        assertThat(r.policy().restoreAtEnd()).isTrue();
    }

    @Test
    void kerasDocstringExampleRunsFourEpochsWithPatienceThree() {
        // keras.callbacks.EarlyStopping docstring: monitor='loss', patience=3, a loss that only grows
        // (SGD diverging on inputs up to 99) → "Only 4 epochs are run."
        Run r = run(new EarlyStopping("loss", 3, 0, false), 10, 20, 40, 80, 160, 320);
        assertThat(r.epochsRun()).isEqualTo(4);
        assertThat(r.saved()).isEmpty();
        assertThat(r.policy().restoreAtEnd()).isFalse();
    }

    @Test
    void aTieIsNoImprovementSoTheBestEpochIsTheFirstWithTheBestValue() {
        Run r = run(valLoss(2), 1.0, 0.5, 0.5, 0.5, 0.4);
        assertThat(r.epochsRun()).isEqualTo(4);
        assertThat(r.policy().bestEpoch()).isEqualTo(2);
        assertThat(r.saved()).containsExactly(1, 2);
    }

    @Test
    void nanIsNeverAnImprovement() {
        // epoch 1 NaN: weights kept (none were), best epoch 1, wait 1, no stop on the first epoch;
        // epoch 2 improves (wait 0); epoch 3 NaN: wait 1 >= 1 → stop
        Run r = run(valLoss(1), Double.NaN, 1.0, Double.NaN, 0.5);
        assertThat(r.epochsRun()).isEqualTo(3);
        assertThat(r.saved()).containsExactly(1, 2);
        assertThat(r.policy().bestEpoch()).isEqualTo(2);

        // only NaN: wait reaches 5 at epoch 5; the first epoch's weights are restored
        Run nan = run(valLoss(5), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        assertThat(nan.epochsRun()).isEqualTo(5);
        assertThat(nan.saved()).containsExactly(1);
        assertThat(nan.policy().bestEpoch()).isEqualTo(1);
        assertThat(nan.policy().best()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(nan.policy().restoreAtEnd()).isTrue();
    }

    @Test
    void patienceZeroStopsAtTheFirstEpochThatDoesNotImprove() {
        Run r = run(valLoss(0), 1.0, 0.9, 0.95, 0.5);
        assertThat(r.epochsRun()).isEqualTo(3);
        assertThat(r.policy().bestEpoch()).isEqualTo(2);
        // but never after the first epoch, even when it is no improvement
        Run nan = run(valLoss(0), Double.NaN, Double.NaN, 1.0);
        assertThat(nan.epochsRun()).isEqualTo(2);
    }

    @Test
    void aRunThatKeepsImprovingIsNotStoppedAndStillRestoresItsBest() {
        Run r = run(valLoss(5), 1.0, 0.9, 0.8, 0.7, 0.6, 0.5);
        assertThat(r.epochsRun()).isEqualTo(6);
        assertThat(r.policy().stopped()).isFalse();
        assertThat(r.policy().stoppedEpoch()).isEqualTo(-1);
        assertThat(r.policy().bestEpoch()).isEqualTo(6);
        assertThat(r.saved()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(r.policy().restoreAtEnd()).as("Keras 3 restores at the end of training, stopped or not").isTrue();
        // with patience 5 the run also survives five bad epochs after a late improvement
        Run late = run(valLoss(5), 1.0, 2, 2, 2, 2, 0.9, 2, 2, 2, 2, 2, 2);
        assertThat(late.epochsRun()).isEqualTo(11);
        assertThat(late.policy().bestEpoch()).isEqualTo(6);
    }

    @Test
    void aValidationMetricIsMaximized() {
        EarlyStopping es = new EarlyStopping("val_accuracy", 2, 0, true);
        assertThat(es.mode()).isEqualTo(Mode.MAX);
        Run r = run(es, 0.5, 0.6, 0.6, 0.55, 0.9);
        assertThat(r.epochsRun()).isEqualTo(4);
        assertThat(r.policy().bestEpoch()).isEqualTo(2);
        assertThat(r.policy().best()).isEqualTo(0.6);
    }

    @Test
    void minDeltaMustBeBeatenInTheModesDirection() {
        // 0.95 is better than 1.0 but not by 0.1 (Keras: less(current + |min_delta|, best))
        Run r = run(new EarlyStopping("val_loss", 1, -0.1, true), 1.0, 0.95, 0.5);
        assertThat(r.epochsRun()).isEqualTo(2);
        assertThat(r.policy().bestEpoch()).isEqualTo(1);
        Run up = run(new EarlyStopping("val_accuracy", 1, 0.1, false), 0.5, 0.55, 0.7);
        assertThat(up.epochsRun()).isEqualTo(2);
        Run enough = run(new EarlyStopping("val_accuracy", 1, 0.1, false), 0.5, 0.65, 0.7);
        assertThat(enough.epochsRun()).isEqualTo(3);
        assertThat(enough.policy().bestEpoch()).isEqualTo(2);
    }

    @Test
    void withoutRestoreNoWeightsAreKept() {
        Run r = run(new EarlyStopping("val_loss", 1, 0, false), 1.0, 0.5, 0.7);
        assertThat(r.saved()).isEmpty();
        assertThat(r.policy().restoreAtEnd()).isFalse();
        assertThat(r.policy().bestEpoch()).isEqualTo(2);
    }

    @Test
    void modesAndErrors() {
        assertThat(Mode.forMonitor("val_loss")).isEqualTo(Mode.MIN);
        assertThat(Mode.forMonitor("VAL_MAE")).isEqualTo(Mode.MIN);
        assertThat(Mode.forMonitor("loss")).isEqualTo(Mode.MIN);
        assertThat(Mode.forMonitor("val_accuracy")).isEqualTo(Mode.MAX);
        assertThatThrownBy(() -> Mode.forMonitor("val_f1")).hasMessageContaining("cannot tell whether 'val_f1'");
        assertThatThrownBy(() -> valLoss(-1)).hasMessageContaining("patience must be >= 0");
        assertThatThrownBy(() -> new EarlyStopping(" ", Mode.MIN, 1, 0, true)).hasMessageContaining("needs a monitor");
        assertThatThrownBy(() -> new EarlyStopping("val_loss", 1, Double.NaN, true)).hasMessageContaining("min_delta");
        EarlyStopping es = valLoss(0);
        es.onEpochEnd(1, 1.0);
        assertThat(es.onEpochEnd(2, 2.0)).isEqualTo(Action.STOP);
        assertThatThrownBy(() -> es.onEpochEnd(3, 0.5)).hasMessageContaining("already stopped the run at epoch 2");
    }
}
