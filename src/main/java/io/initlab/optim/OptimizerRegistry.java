package io.initlab.optim;

import io.initlab.init.Framework;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every optimizer by the name users write, with its settings and their defaults per framework (what
 * {@code keras.optimizers.X()} or {@code torch.optim.X(params, lr)} gives when the code sets nothing). One
 * line per optimizer; its record does the rest. An optimizer whose formula differs between the frameworks
 * has a form (Keras' or PyTorch's), the framework's unless a study names another. Unknown names and
 * settings are refused with one line that lists what is known.
 */
public final class OptimizerRegistry {
    private OptimizerRegistry() {}

    /** How a kind builds its config: from complete settings and the form (KERAS or PYTORCH) of its formula. */
    @FunctionalInterface
    public interface Build {
        OptimizerConfig from(Map<String, Double> settings, Framework form);
    }

    /**
     * An optimizer: its settings with their defaults per framework (null = required), whether its formula has a
     * Keras and a PyTorch form, and how to build its config.
     */
    public record Kind(String name, Map<Framework, Map<String, Double>> defaultsByFramework, boolean hasForms, Build build) {

        /** The settings and their defaults under a framework (NONE: initlab's own, PyTorch's). */
        public Map<String, Double> defaults(Framework framework) {
            return defaultsByFramework.get(framework);
        }
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    /** A kind whose settings default alike under every framework. */
    private static void add(String name, Map<String, Double> defaults, boolean hasForms, Build build) {
        add(name, defaults, defaults, hasForms, build);
    }

    /** A kind with PyTorch's defaults (also initlab's own, framework NONE) and Keras'. */
    private static void add(String name, Map<String, Double> pytorch, Map<String, Double> keras, boolean hasForms, Build build) {
        Map<Framework, Map<String, Double>> d = new EnumMap<>(Framework.class);
        d.put(Framework.NONE, pytorch);
        d.put(Framework.PYTORCH, pytorch);
        d.put(Framework.KERAS, keras);
        if (!pytorch.keySet().equals(keras.keySet())) {
            throw new IllegalStateException(name + ": the frameworks' defaults name different settings");
        }
        KINDS.put(name, new Kind(name, d, hasForms, build));
    }

    private static Map<String, Double> settings(Object... nameDefault) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameDefault.length; i += 2) {
            m.put((String) nameDefault[i], (Double) nameDefault[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    static {
        add("sgd", settings("lr", null, "momentum", 0.0), false, (s, form) -> new Sgd(s.get("lr"), s.get("momentum")));
        add("adam", settings("lr", null, "beta1", Adam.DEFAULT_BETA1, "beta2", Adam.DEFAULT_BETA2, "eps", Adam.DEFAULT_EPS),
                settings("lr", null, "beta1", Adam.DEFAULT_BETA1, "beta2", Adam.DEFAULT_BETA2, "eps", 1e-7), true,
                (s, form) -> new Adam(s.get("lr"), s.get("beta1"), s.get("beta2"), s.get("eps"), form == Framework.KERAS));
        add("rmsprop", settings("lr", null, "rho", 0.99, "eps", 1e-8), settings("lr", null, "rho", 0.9, "eps", 1e-7), true,
                (s, form) -> new RmsProp(s.get("lr"), s.get("rho"), s.get("eps"), form == Framework.KERAS));
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

    /** The config of optimizer {@code name} with these settings, the rest at initlab's own (PyTorch's) defaults. */
    public static OptimizerConfig create(String name, Map<String, Double> given) {
        return create(name, Framework.NONE, null, given);
    }

    /**
     * The config of optimizer {@code name} with these settings, the rest at {@code framework}'s defaults.
     *
     * @param form the form of its formula (KERAS or PYTORCH), or null for the framework's (NONE: PyTorch's)
     */
    public static OptimizerConfig create(String name, Framework framework, Framework form, Map<String, Double> given) {
        Kind k = kind(name);
        Map<String, Double> defaults = k.defaults(framework);
        if (form != null && !k.hasForms()) {
            throw new IllegalArgumentException(k.name() + " is computed alike in Keras and PyTorch: it takes no form");
        }
        if (form == Framework.NONE) {
            throw new IllegalArgumentException("the form of " + k.name() + " is keras or pytorch, not none");
        }
        Map<String, Double> s = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, Double> e : given.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new IllegalArgumentException(k.name() + " has no setting '" + e.getKey() + "'; it takes "
                        + String.join(", ", defaults.keySet()));
            }
            s.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Double> e : s.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException(k.name() + " needs setting '" + e.getKey() + "'");
            }
        }
        Framework f = form != null ? form : framework == Framework.KERAS ? Framework.KERAS : Framework.PYTORCH;
        return k.build().from(s, f);
    }

    static void requirePositive(String setting, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException((setting.equals("lr") ? "learning rate" : setting) + " must be > 0, not " + v);
        }
    }
}
