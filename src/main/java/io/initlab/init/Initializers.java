package io.initlab.init;

import io.initlab.model.Fans;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry: every initializer initlab knows, with its parameters, defaults and formula. Each entry
 * turns (fans, parameters) into a {@link Law}; the sampler kernels do the drawing.
 * fan = fan_in, fan_out, or their mean, as chosen by {@code mode}.
 */
public final class Initializers {
    private Initializers() {}

    /** Keras' truncated GlorotNormal/HeNormal divide std by this: the std of N(0,1) truncated to ±2. */
    public static final double KERAS_TRUNCATION_STD = 0.87962566103423978;

    /** One parameter: its name, default (null = required) and whether it is a number or a fan mode. */
    public record Param(String name, String defaultValue, boolean numeric, String meaning) {}

    /** One initializer of the registry. */
    public record Entry(String name, List<Param> params, String formula, String bias, Resolver resolver) {}

    /** Resolved parameters: numbers by name plus the fan chosen by {@code mode}. */
    public record Args(Map<String, Double> numbers, Fans fans, String mode) {
        public double get(String name) { return numbers.get(name); }

        /** The fan chosen by mode: fan_in (default), fan_out or fan_avg. */
        public double fan() {
            return switch (mode) {
                case "fan_out" -> fans.fanOut();
                case "fan_avg" -> (fans.fanIn() + fans.fanOut()) / 2.0;
                default -> fans.fanIn();
            };
        }
    }

    @FunctionalInterface
    public interface Resolver { Law resolve(Args args); }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    /** Other names users know an entry by (Keras' names for initlab's): alias → entry name. */
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    private static Param num(String name, String def, String meaning) { return new Param(name, def, true, meaning); }

    private static final Param GAIN1 = num("gain", "1", "scale factor");
    private static final Param GAIN2 = num("gain", "1.4142135623730951", "scale factor (√2 for ReLU)");
    private static final Param MODE = new Param("mode", "fan_in", false, "fan_in | fan_out | fan_avg");

    private static void add(String name, List<Param> params, String formula, Resolver r) {
        add(name, params, formula, "zeros", r);
    }

    private static void add(String name, List<Param> params, String formula, String bias, Resolver r) {
        ENTRIES.put(name, new Entry(name, params, formula, bias, r));
    }

    static {
        add("zeros", List.of(), "W = 0", a -> new Law.Constant(0));
        add("ones", List.of(), "W = 1", a -> new Law.Constant(1));
        add("constant", List.of(num("value", null, "the constant")), "W = value",
                a -> new Law.Constant(a.get("value")));
        add("uniform", List.of(num("a", "0", "lower bound"), num("b", "1", "upper bound")), "W ~ U[a, b)",
                a -> new Law.Uniform(a.get("a"), a.get("b")));
        add("normal", List.of(num("mean", "0", "mean"), num("std", "1", "standard deviation")),
                "W ~ N(mean, std²)", a -> new Law.Normal(a.get("mean"), a.get("std")));
        add("truncated_normal", List.of(num("mean", "0", "mean"), num("std", "1", "std before truncation"),
                        num("cut", "2", "truncate at mean ± cut·std")),
                "W ~ N(mean, std²) truncated to mean ± cut·std (TensorFlow's truncated_normal: cut = 2)",
                a -> new Law.TruncatedNormal(a.get("mean"), a.get("std"), a.get("cut")));
        add("general_rule", List.of(), "W ~ U[-1/√fan_in, 1/√fan_in)  (the 'general rule' of the Udacity course)",
                a -> sym(1 / Math.sqrt(a.fans().fanIn())));
        add("xavier_uniform", List.of(GAIN1), "W ~ U[-l, l), l = gain·√(6/(fan_in+fan_out))  (Glorot & Bengio 2010)",
                a -> sym(a.get("gain") * Math.sqrt(6.0 / (a.fans().fanIn() + a.fans().fanOut()))));
        add("xavier_normal", List.of(GAIN1), "W ~ N(0, σ²), σ = gain·√(2/(fan_in+fan_out))",
                a -> new Law.Normal(0, a.get("gain") * Math.sqrt(2.0 / (a.fans().fanIn() + a.fans().fanOut()))));
        add("he_uniform", List.of(GAIN2, MODE), "W ~ U[-l, l), l = gain·√(3/fan)  (He et al. 2015; gain √2 for ReLU)",
                a -> sym(a.get("gain") * Math.sqrt(3.0 / a.fan())));
        add("he_normal", List.of(GAIN2, MODE), "W ~ N(0, σ²), σ = gain/√fan  (gain √2 for ReLU)",
                a -> new Law.Normal(0, a.get("gain") / Math.sqrt(a.fan())));
        add("lecun_uniform", List.of(), "W ~ U[-l, l), l = √(3/fan_in)  (LeCun et al. 1998)",
                a -> sym(Math.sqrt(3.0 / a.fans().fanIn())));
        add("lecun_normal", List.of(), "W ~ N(0, σ²), σ = 1/√fan_in  (not truncated)",
                a -> new Law.Normal(0, 1 / Math.sqrt(a.fans().fanIn())));
        add("orthogonal", List.of(GAIN1), "W = gain·Q, Q from the QR decomposition of a N(0,1) matrix (Saxe et al. 2014)",
                a -> new Law.Orthogonal(a.get("gain")));
        add("identity", List.of(GAIN1), "W = gain·I (rectangular: ones on the main diagonal)",
                a -> new Law.Identity(a.get("gain")));
        add("pytorch_default", List.of(),
                "W ~ U[-1/√fan_in, 1/√fan_in) (nn.Linear/Conv: kaiming_uniform a=√5), bias ~ U[-1/√fan_in, 1/√fan_in)",
                "U[-1/√fan_in, 1/√fan_in)", a -> sym(1 / Math.sqrt(a.fans().fanIn())));
        add("keras_default", List.of(), "W ~ glorot_uniform: U[-l, l), l = √(6/(fan_in+fan_out)); bias 0",
                a -> sym(Math.sqrt(6.0 / (a.fans().fanIn() + a.fans().fanOut()))));
        add("keras_glorot_normal", List.of(),
                "W ~ N(0, σ²) truncated to ±2σ, σ = √(2/(fan_in+fan_out)) / 0.8796 (Keras GlorotNormal)",
                a -> new Law.TruncatedNormal(0,
                        Math.sqrt(2.0 / (a.fans().fanIn() + a.fans().fanOut())) / KERAS_TRUNCATION_STD, 2));
        add("keras_he_normal", List.of(),
                "W ~ N(0, σ²) truncated to ±2σ, σ = √(2/fan_in) / 0.8796 (Keras HeNormal)",
                a -> new Law.TruncatedNormal(0, Math.sqrt(2.0 / a.fans().fanIn()) / KERAS_TRUNCATION_STD, 2));
        add("keras_lecun_normal", List.of(),
                "W ~ N(0, σ²) truncated to ±2σ, σ = √(1/fan_in) / 0.8796 (Keras LecunNormal)",
                a -> new Law.TruncatedNormal(0, Math.sqrt(1.0 / a.fans().fanIn()) / KERAS_TRUNCATION_STD, 2));
    }

    static {
        ALIASES.put("glorot_uniform", "xavier_uniform");
    }

    private static Law sym(double limit) { return Law.Uniform.symmetric(limit); }

    public static List<Entry> all() { return List.copyOf(ENTRIES.values()); }

    public static List<String> names() { return List.copyOf(ENTRIES.keySet()); }

    /** Alias → the entry it names. */
    public static Map<String, String> aliases() { return Collections.unmodifiableMap(ALIASES); }

    public static Entry entry(String name) {
        Entry e = ENTRIES.get(ALIASES.getOrDefault(name, name));
        if (e == null) {
            throw new IllegalArgumentException("unknown initializer '" + name + "'; known: " + String.join(", ", names()));
        }
        return e;
    }

    /** Checks a spec's name and parameters without fans (for validating configs before anything runs). */
    public static void validate(InitSpec spec) {
        args(spec, new Fans(1, 1));
    }

    /** The law that {@code spec} gives a tensor with these fans. */
    public static Law resolve(InitSpec spec, Fans fans) {
        Entry e = entry(spec.name());
        return e.resolver().resolve(args(spec, fans));
    }

    /** The bias law an initializer implies when the user gives none: zeros, except pytorch_default. */
    public static Law defaultBias(InitSpec weightSpec, Fans fans) {
        if (weightSpec.name().equals("pytorch_default")) {
            return sym(1 / Math.sqrt(fans.fanIn()));
        }
        return new Law.Constant(0);
    }

    private static Args args(InitSpec spec, Fans fans) {
        Entry e = entry(spec.name());
        if (spec.positional().size() > e.params().size()) {
            throw new IllegalArgumentException(spec.name() + " takes " + e.params().size() + " argument(s) "
                    + paramList(e) + " but got " + spec.positional().size());
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < spec.positional().size(); i++) {
            given.put(e.params().get(i).name(), spec.positional().get(i));
        }
        for (Map.Entry<String, String> kv : spec.named().entrySet()) {
            if (e.params().stream().noneMatch(p -> p.name().equals(kv.getKey()))) {
                throw new IllegalArgumentException(spec.name() + " has no parameter '" + kv.getKey() + "'; it takes "
                        + paramList(e));
            }
            if (given.put(kv.getKey(), kv.getValue()) != null) {
                throw new IllegalArgumentException(spec.name() + ": '" + kv.getKey() + "' given twice");
            }
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        String mode = "fan_in";
        for (Param p : e.params()) {
            String v = given.getOrDefault(p.name(), p.defaultValue());
            if (v == null) {
                throw new IllegalArgumentException(spec.name() + " needs parameter '" + p.name() + "' (" + p.meaning() + ")");
            }
            if (p.numeric()) {
                numbers.put(p.name(), number(spec, p, v));
            } else {
                if (!List.of("fan_in", "fan_out", "fan_avg").contains(v)) {
                    throw new IllegalArgumentException(spec.name() + ": mode must be fan_in, fan_out or fan_avg, not '" + v + "'");
                }
                mode = v;
            }
        }
        checkRanges(spec, numbers);
        return new Args(Collections.unmodifiableMap(numbers), fans, mode);
    }

    private static double number(InitSpec spec, Param p, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(spec.name() + ": parameter '" + p.name() + "' must be a finite number, not '" + v + "'");
        }
    }

    private static void checkRanges(InitSpec spec, Map<String, Double> n) {
        if (n.containsKey("std") && n.get("std") < 0) {
            throw new IllegalArgumentException(spec.name() + ": std must be >= 0, not " + n.get("std"));
        }
        if (n.containsKey("cut") && n.get("cut") <= 0) {
            throw new IllegalArgumentException(spec.name() + ": cut must be > 0, not " + n.get("cut"));
        }
        if (n.containsKey("a") && n.containsKey("b") && !(n.get("a") < n.get("b"))) {
            throw new IllegalArgumentException(spec.name() + ": needs a < b, got a=" + n.get("a") + " b=" + n.get("b"));
        }
    }

    /** e.g. "(gain=1.414, mode=fan_in)". */
    public static String paramList(Entry e) {
        List<String> parts = new ArrayList<>();
        for (Param p : e.params()) {
            parts.add(p.defaultValue() == null ? p.name() : p.name() + "=" + p.defaultValue());
        }
        return "(" + String.join(", ", parts) + ")";
    }
}
