package io.initlab.train;

import io.initlab.init.InitSettings;
import io.initlab.init.Law;
import io.initlab.model.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The initializer of every layer of a run as one line, e.g. {@code conv1=he_normal;dense1=he_normal;
 * dense2=glorot_uniform}: what runs.csv's {@code layer_inits} column and the report show. A bias is named
 * only where it does not start at zero ({@code dense1=pytorch_default bias=pytorch_default}).
 */
public final class LayerInits {
    private LayerInits() {}

    static final String BIAS = ", bias ";
    static final String DEFAULT_OF = "default of ";

    public static String text(InitSettings init, List<Parameter> params) {
        Map<String, String> described = init.describe(params);
        boolean marked = InitSettings.anyMarked(params);
        List<String> layers = new ArrayList<>();
        described.forEach((layer, text) -> {
            int b = text.lastIndexOf(BIAS); // the weights' text may hold ", " itself: uniform(-0.5, 0.5)
            String weights = b < 0 ? text : text.substring(0, b);
            String entry = layer + "=" + weights;
            if (b >= 0 && !startsAtZero(init, biasOf(params, layer), marked)) {
                String bias = text.substring(b + BIAS.length());
                entry += " bias=" + (bias.startsWith(DEFAULT_OF) ? bias.substring(DEFAULT_OF.length()) : bias);
            }
            layers.add(entry);
        });
        return String.join(";", layers);
    }

    private static Parameter biasOf(List<Parameter> params, String layer) {
        return params.stream().filter(p -> p.bias && p.name.startsWith(layer + ".")).findFirst().orElseThrow();
    }

    private static boolean startsAtZero(InitSettings init, Parameter bias, boolean marked) {
        return init.lawOf(bias, marked) instanceof Law.Constant c && c.value() == 0;
    }
}
