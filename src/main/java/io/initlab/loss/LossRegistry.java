package io.initlab.loss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every loss by the name users write; one line per loss. */
public final class LossRegistry {
    private LossRegistry() {}

    private static final Map<String, LossConfig> LOSSES = new LinkedHashMap<>();

    static {
        add(new SoftmaxCrossEntropyLoss());
        add(new MeanSquaredErrorLoss());
    }

    private static void add(LossConfig loss) {
        LOSSES.put(loss.name(), loss);
    }

    public static List<String> names() {
        return List.copyOf(LOSSES.keySet());
    }

    public static LossConfig byName(String name) {
        LossConfig l = LOSSES.get(name.trim().toLowerCase(Locale.ROOT));
        if (l == null) {
            throw new IllegalArgumentException("unknown loss '" + name + "'; known: " + String.join(", ", names()));
        }
        return l;
    }
}
