package io.initlab.init;

import io.initlab.model.LayerInit;
import io.initlab.model.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's initialization: the study's initializer (the grid's axis) and its bias initializer, and the
 * framework whose defaults fill what nobody named. Which initializer a parameter gets, in order:
 * <ol>
 *   <li>its layer's own {@code init=} / {@code bias=};</li>
 *   <li>the axis, for layers marked {@code init=axis}, or for every layer that names none when no layer
 *       is marked;</li>
 *   <li>the framework's default ({@link Framework}).</li>
 * </ol>
 * A bias nobody names gets the axis' bias (on the axis), else the framework's, else the default of its
 * weight initializer (zeros; pytorch_default brings its own).
 *
 * @param axis     the study's initializer
 * @param axisBias its bias initializer, or null
 */
public record InitSettings(InitSpec axis, InitSpec axisBias, Framework framework) {

    /** The study's initializer on every layer, no framework (initlab's rule before per-layer initializers). */
    public static InitSettings everywhere(InitSpec weights, InitSpec bias) {
        return new InitSettings(weights, bias, Framework.NONE);
    }

    /** The law of each parameter. */
    public Law lawOf(Parameter p, boolean anyMarked) {
        InitSpec w = weightsFor(p.declared, anyMarked);
        if (!p.bias) {
            return Initializers.resolve(w, p.fans);
        }
        InitSpec b = biasFor(p.declared, anyMarked);
        return b == null ? Initializers.defaultBias(w, p.fans) : Initializers.resolve(b, p.fans);
    }

    /** Whether any parameter's layer is marked init=axis (then the axis applies to those only). */
    public static boolean anyMarked(List<Parameter> params) {
        return params.stream().anyMatch(p -> p.declared.axis());
    }

    /**
     * Checks every layer's own initializers and that each parameter gets one; throws
     * IllegalArgumentException naming the layer otherwise.
     */
    public void check(List<Parameter> params) {
        boolean marked = anyMarked(params);
        for (Parameter p : params) {
            try {
                weightsFor(p.declared, marked);
                if (p.bias) {
                    biasFor(p.declared, marked);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p.name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Per layer, the initializers its parameters get, e.g. {dense1: "he_normal, bias zeros", …}. */
    public Map<String, String> describe(List<Parameter> params) {
        boolean marked = anyMarked(params);
        Map<String, List<String>> parts = new LinkedHashMap<>();
        for (Parameter p : params) {
            InitSpec w = weightsOf(p, marked);
            String text;
            if (p.bias) {
                InitSpec b = biasOf(p, marked);
                text = "bias " + (b == null ? "default of " + w : b.toString());
            } else {
                text = w.toString();
            }
            parts.computeIfAbsent(p.layer(), k -> new ArrayList<>()).add(text);
        }
        Map<String, String> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, String.join(", ", v)));
        return out;
    }

    /** The weight initializer of p's layer (for a bias: of the layer's weights). */
    public InitSpec weightsOf(Parameter p, boolean anyMarked) {
        return weightsFor(p.declared, anyMarked);
    }

    /** The bias initializer of p's layer, or null for the default of its weight initializer. */
    public InitSpec biasOf(Parameter p, boolean anyMarked) {
        return biasFor(p.declared, anyMarked);
    }

    private InitSpec weightsFor(LayerInit d, boolean marked) {
        if (d.weights() != null) {
            return checked(InitSpec.parse(d.weights()));
        }
        if (!marked || d.axis()) {
            return axis;
        }
        if (framework.weights() == null) {
            throw new IllegalArgumentException("names no initializer and is not on the initializer axis (init=axis): "
                    + "give its layer init=NAME, or set framework: keras | pytorch for such layers");
        }
        return framework.weights();
    }

    private InitSpec biasFor(LayerInit d, boolean marked) {
        if (d.bias() != null) {
            return checked(InitSpec.parse(d.bias()));
        }
        boolean onAxis = d.weights() == null && (!marked || d.axis());
        if (onAxis && axisBias != null) {
            return axisBias;
        }
        return framework.bias();
    }

    private static InitSpec checked(InitSpec s) {
        Initializers.validate(s);
        return s;
    }
}
