package io.initlab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every optimizer by the name users write, with its settings and their defaults. One line per
 * optimizer; its record does the rest. Unknown names and settings are refused with one line that
 * lists what is known.
 */
public final class OptimizerRegistry {
    private OptimizerRegistry() {}

    /** An optimizer: its settings with defaults (null = required) and how to build its config from them. */
    public record Kind(String name, Map<String, Double> defaults, Function<Map<String, Double>, OptimizerConfig> build) {}

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    private static void add(String name, Map<String, Double> defaults, Function<Map<String, Double>, OptimizerConfig> build) {
        KINDS.put(name, new Kind(name, defaults, build));
    }

    private static Map<String, Double> settings(Object... nameDefault) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameDefault.length; i += 2) {
            m.put((String) nameDefault[i], (Double) nameDefault[i + 1]);
        }
        return m;
    }

    static {
        add("sgd", settings("lr", null, "momentum", 0.0), s -> new Sgd(s.get("lr"), s.get("momentum")));
        add("adam", settings("lr", null, "beta1", Adam.DEFAULT_BETA1, "beta2", Adam.DEFAULT_BETA2, "eps", Adam.DEFAULT_EPS),
                s -> new Adam(s.get("lr"), s.get("beta1"), s.get("beta2"), s.get("eps")));
    }

    public static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }

    public static Kind kind(String name) {
        Kind k = KINDS.get(name.toLowerCase(Locale.ROOT));
        if (k == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: " + String.join(", ", names()));
        }
        return k;
    }

    /** The config of optimizer {@code name} with these settings (the rest at their defaults). */
    public static OptimizerConfig create(String name, Map<String, Double> given) {
        Kind k = kind(name);
        Map<String, Double> s = new LinkedHashMap<>(k.defaults());
        for (Map.Entry<String, Double> e : given.entrySet()) {
            if (!k.defaults().containsKey(e.getKey())) {
                throw new IllegalArgumentException(k.name() + " has no setting '" + e.getKey() + "'; it takes "
                        + String.join(", ", k.defaults().keySet()));
            }
            s.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Double> e : s.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException(k.name() + " needs setting '" + e.getKey() + "'");
            }
        }
        return k.build().apply(s);
    }

    static void requirePositive(String setting, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException((setting.equals("lr") ? "learning rate" : setting) + " must be > 0, not " + v);
        }
    }
}
