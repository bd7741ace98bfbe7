package io.initlab.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Status text both ways; nothing unknown is read as a trained run. */
class RunStatusTest {
    @Test
    void everyStatusReadsBackFromItsText() {
        for (RunStatus s : RunStatus.values()) {
            assertThat(RunStatus.parse(s.text())).isEqualTo(s);
        }
        assertThat(RunStatus.NOT_RUN.text()).isEqualTo("not_run");
        assertThat(RunStatus.parse(" Not Run ")).isEqualTo(RunStatus.NOT_RUN);
        assertThat(RunStatus.parse("error")).isEqualTo(RunStatus.FAILED);
        assertThat(RunStatus.parse("")).isEqualTo(RunStatus.OK); // a cell left empty, as older hand-made tables do
    }

    @Test
    void unknownTextIsRefusedNotReadAsOk() {
        assertThatThrownBy(() -> RunStatus.parse("skipped")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown run status 'skipped'; known: ok, diverged, failed, not_run");
    }

    @Test
    void onlyOkAndDivergedRunsTrained() {
        assertThat(RunStatus.OK.trained()).isTrue();
        assertThat(RunStatus.DIVERGED.trained()).isTrue();
        assertThat(RunStatus.FAILED.trained()).isFalse();
        assertThat(RunStatus.NOT_RUN.trained()).isFalse();
    }
}
