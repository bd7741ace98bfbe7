package io.initlab.init;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An initializer as a user writes it: a name and optional parameters, e.g. {@code he_normal},
 * {@code uniform(-0.5, 0.5)}, {@code uniform(a=-0.5, b=0.5)}, {@code he_uniform(mode=fan_out)}.
 * Positional values fill the initializer's parameters in declared order. Checked against the registry
 * by {@link Initializers#resolve}; this class only parses.
 */
public record InitSpec(String name, Map<String, String> named, java.util.List<String> positional) {

    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\((.*)\\))?\\s*");

    public InitSpec {
        named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
        positional = java.util.List.copyOf(positional);
    }

    public static InitSpec of(String name) {
        return new InitSpec(name, Map.of(), java.util.List.of());
    }

    public static InitSpec of(String name, Map<String, ?> params) {
        Map<String, String> named = new LinkedHashMap<>();
        params.forEach((k, v) -> named.put(k, String.valueOf(v)));
        return new InitSpec(name, named, java.util.List.of());
    }

    /** Parses {@code name} or {@code name(args)}; throws IllegalArgumentException saying what is wrong. */
    public static InitSpec parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read initializer '" + text
                    + "': write name or name(value, key=value, ...), e.g. uniform(a=-0.5, b=0.5)");
        }
        Map<String, String> named = new LinkedHashMap<>();
        java.util.List<String> positional = new java.util.ArrayList<>();
        String args = m.group(2);
        if (args != null && !args.isBlank()) {
            for (String part : args.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("empty argument in initializer '" + text + "'");
                }
                int eq = p.indexOf('=');
                if (eq < 0) {
                    if (!named.isEmpty()) {
                        throw new IllegalArgumentException("positional argument after key=value in '" + text + "'");
                    }
                    positional.add(p);
                } else {
                    String key = p.substring(0, eq).trim();
                    if (named.put(key, p.substring(eq + 1).trim()) != null) {
                        throw new IllegalArgumentException("argument '" + key + "' given twice in '" + text + "'");
                    }
                }
            }
        }
        return new InitSpec(m.group(1), named, positional);
    }

    /** Canonical text, e.g. {@code uniform(a=-0.5, b=0.5)}, used in result files and hashes. */
    @Override
    public String toString() {
        if (named.isEmpty() && positional.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        String sep = "";
        for (String p : positional) {
            sb.append(sep).append(p);
            sep = ", ";
        }
        for (Map.Entry<String, String> e : named.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return sb.append(')').toString();
    }
}
