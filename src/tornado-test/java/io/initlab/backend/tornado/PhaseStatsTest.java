package io.initlab.backend.tornado;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The per-phase line {@code -Dinitlab.tornado.stats=true} prints (no device needed, but the class is TornadoVM's). */
@Tag("tornado")
class PhaseStatsTest {

    @Test
    void aPhaseRunOnceHasNoReplayFigures() {
        String line = new TornadoEngine.PhaseStats("init", 6, 1, 5530.64, Double.NaN, Double.NaN).toString();
        assertThat(line).isEqualTo("init: 6 tasks, 1 run, first 5530.6 ms (compiles)");
    }

    @Test
    void aReplayedPhaseShowsItsMeanAndMinimum() {
        String line = new TornadoEngine.PhaseStats("train-128", 26, 22, 15205.9, 149.7912, 88.5721).toString();
        assertThat(line).isEqualTo("train-128: 26 tasks, 22 runs, first 15205.9 ms (compiles), then 149.791 ms/execute "
                + "(min 88.572)");
    }
}
