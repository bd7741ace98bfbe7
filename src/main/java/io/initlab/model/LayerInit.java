package io.initlab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a layer line says about its own initialization: {@code init=NAME(ARGS)} for its weights,
 * {@code bias=NAME(ARGS)} for its bias, or {@code init=axis} to mark it as one the study's initializer
 * axis applies to. Kept as the text the user wrote: the init room reads it (the model room does not
 * know initializers, so the two do not depend on each other).
 *
 * @param weights the layer's own weight initializer, or null
 * @param bias    the layer's own bias initializer, or null
 * @param axis    marked: the study's initializer axis applies to this layer
 */
public record LayerInit(String weights, String bias, boolean axis) {

    public static final LayerInit NONE = new LayerInit(null, null, false);

    /** The marker word: {@code init=axis}. */
    public static final String AXIS = "axis";

    private static final Pattern TOKEN =
            Pattern.compile("(?<![^\\s])(init|bias)=([A-Za-z_][A-Za-z0-9_]*(?:\\([^()]*\\))?)(?=\\s|$)");

    public LayerInit {
        if (axis && weights != null) {
            throw new IllegalArgumentException("a layer is either on the initializer axis (init=axis) or names its own init=, not both");
        }
    }

    /** The line without its init=/bias= tokens, and what they said. */
    public record Split(String rest, LayerInit init) {}

    /** Takes the init= and bias= tokens out of a layer line (each at most once). */
    public static Split split(String line) {
        Matcher m = TOKEN.matcher(line);
        String weights = null;
        String bias = null;
        boolean axis = false;
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String key = m.group(1);
            String value = m.group(2);
            if (key.equals("init")) {
                if (weights != null || axis) {
                    throw new IllegalArgumentException("init= given twice in layer '" + line.trim() + "'");
                }
                if (value.equals(AXIS)) {
                    axis = true;
                } else {
                    weights = value;
                }
            } else {
                if (bias != null) {
                    throw new IllegalArgumentException("bias= given twice in layer '" + line.trim() + "'");
                }
                bias = value;
            }
            rest.append(line, last, m.start());
            last = m.end();
        }
        rest.append(line.substring(last));
        String r = rest.toString();
        if (r.contains("init=") || r.contains("bias=")) {
            throw new IllegalArgumentException("cannot read the initializer in layer '" + line.trim()
                    + "'; write init=NAME or init=NAME(ARGS), e.g. init=he_normal or init=uniform(-0.05, 0.05)");
        }
        return new Split(r, new LayerInit(weights, bias, axis));
    }

    public boolean isNone() {
        return weights == null && bias == null && !axis;
    }

    /** The tokens as written back into a layer line ("" when none). */
    @Override
    public String toString() {
        List<String> t = new ArrayList<>();
        if (axis) {
            t.add("init=" + AXIS);
        }
        if (weights != null) {
            t.add("init=" + weights);
        }
        if (bias != null) {
            t.add("bias=" + bias);
        }
        return t.isEmpty() ? "" : " " + String.join(" ", t);
    }
}
