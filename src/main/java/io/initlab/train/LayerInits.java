package io.initlab.train;

import io.initlab.init.InitSettings;
import io.initlab.init.InitSpec;
import io.initlab.init.Law;
import io.initlab.model.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The initializer of every layer of a run as one line, e.g. {@code conv1=he_normal;dense1=he_normal;
 * dense2=glorot_uniform}: what runs.csv's {@code layer_inits} column and the report show. A bias is named
 * only where it does not start at zero ({@code dense1=pytorch_default bias=pytorch_default}).
 */
public final class LayerInits {
    private LayerInits() {}

    public static String text(InitSettings init, List<Parameter> params) {
        boolean marked = InitSettings.anyMarked(params);
        Map<String, StringBuilder> layers = new LinkedHashMap<>();
        for (Parameter p : params) {
            InitSpec weights = init.weightsOf(p, marked);
            StringBuilder entry = layers.computeIfAbsent(p.layer(), k -> new StringBuilder(k).append('=').append(weights));
            if (p.bias && !startsAtZero(init, p, marked)) {
                InitSpec bias = init.biasOf(p, marked);
                entry.append(" bias=").append(bias == null ? weights : bias); // null: the weights' initializer's own bias
            }
        }
        return String.join(";", layers.values());
    }

    private static boolean startsAtZero(InitSettings init, Parameter bias, boolean marked) {
        return init.lawOf(bias, marked) instanceof Law.Constant c && c.value() == 0;
    }
}
