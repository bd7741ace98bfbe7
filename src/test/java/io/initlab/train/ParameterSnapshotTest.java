package io.initlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.model.ModelSpec;
import io.initlab.model.Network;
import io.initlab.model.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterSnapshotTest {

    static void fill(List<Parameter> ps, float base) {
        for (Parameter p : ps) {
            for (int i = 0; i < p.size(); i++) {
                p.value[i] = base + i;
            }
        }
    }

    @Test
    void restoresTheLastSavedValuesIntoTheSameArrays() {
        Network net = new Network(ModelSpec.parse(1, 3, List.of("dense 4 relu", "dense 2")), 2, 1);
        List<Parameter> ps = net.parameters();
        ParameterSnapshot s = new ParameterSnapshot(ps);
        assertThat(s.hasSaved()).isFalse();
        assertThatThrownBy(s::restore).hasMessageContaining("no parameter values were saved");
        fill(ps, 1);
        s.save();
        fill(ps, 100);
        s.save(); // the later save wins
        float[] first = ps.get(0).value;
        fill(ps, -5);
        s.restore();
        assertThat(ps.get(0).value).isSameAs(first);
        for (Parameter p : ps) {
            for (int i = 0; i < p.size(); i++) {
                assertThat(p.value[i]).isEqualTo(100f + i);
            }
        }
        assertThat(s.values()).hasSize(ps.size());
        assertThat(s.values()[1]).isSameAs(ps.get(1).value);
    }
}
