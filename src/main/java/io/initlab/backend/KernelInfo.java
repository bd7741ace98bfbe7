package io.initlab.backend;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * An {@link Ops} method read through its {@link Kernel} annotation: which arguments it writes, how many
 * iterations its parallel loop has, how long the catalog makes its arrays and what a call costs. Everything
 * that records, catalogues or times kernels works from these, so an operation is declared once in Ops.
 * Parsed and checked once, when this class loads (a malformed annotation fails every use, with its method).
 */
public final class KernelInfo {

    private static final Map<Method, KernelInfo> BY_METHOD = new LinkedHashMap<>();
    private static final List<KernelInfo> ALL;

    static {
        List<Method> methods = new ArrayList<>(Arrays.asList(Ops.class.getMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        List<KernelInfo> all = new ArrayList<>();
        for (Method m : methods) {
            KernelInfo k = new KernelInfo(m);
            BY_METHOD.put(m, k);
            all.add(k);
        }
        ALL = List.copyOf(all);
    }

    private final Method method;
    private final Kernel kernel;
    private final String[] names;
    private final Class<?>[] types;
    private final int[] written;
    private final ToLongFunction<Object[]> work;
    private final ToLongFunction<Object[]>[] sizes;
    private final ToLongFunction<Object[]> flops;
    private final ToLongFunction<Object[]> bytes;

    @SuppressWarnings("unchecked")
    private KernelInfo(Method m) {
        this.method = m;
        this.kernel = m.getAnnotation(Kernel.class);
        if (kernel == null) {
            throw new IllegalStateException("Ops." + m.getName() + " has no @Kernel annotation");
        }
        Parameter[] ps = m.getParameters();
        this.names = new String[ps.length];
        this.types = m.getParameterTypes();
        for (int i = 0; i < ps.length; i++) {
            if (!ps[i].isNamePresent()) {
                throw new IllegalStateException("Ops was compiled without -parameters: @Kernel needs parameter names");
            }
            names[i] = ps[i].getName();
        }
        this.written = Arrays.stream(kernel.writes()).mapToInt(w -> arrayIndex(w, "writes")).toArray();
        this.work = expression(kernel.work(), "work");
        this.flops = expression(kernel.flops(), "flops");
        this.bytes = expression(kernel.bytes(), "bytes");
        this.sizes = new ToLongFunction[ps.length];
        for (String s : kernel.sizes()) {
            String[] kv = keyValue(s, "sizes");
            sizes[arrayIndex(kv[0], "sizes")] = expression(kv[1], "sizes");
        }
        for (int i = 0; i < ps.length; i++) {
            if (isArray(i) && sizes[i] == null) {
                throw bad("sizes has no entry for array parameter '" + names[i] + "'");
            }
        }
    }

    /** Every Ops method, by name. */
    public static List<KernelInfo> all() {
        return ALL;
    }

    /** The kernel of an Ops method. */
    public static KernelInfo of(Method opsMethod) {
        KernelInfo k = BY_METHOD.get(opsMethod);
        if (k == null) {
            throw new IllegalArgumentException(opsMethod + " is not a method of Ops");
        }
        return k;
    }

    public String name() {
        return method.getName();
    }

    public Method method() {
        return method;
    }

    public Kernel annotation() {
        return kernel;
    }

    /** Parameter names, in order. */
    public List<String> parameterNames() {
        return List.of(names);
    }

    public List<Class<?>> parameterTypes() {
        return List.of(types);
    }

    public boolean isArray(int param) {
        return types[param] == float[].class || types[param] == int[].class;
    }

    /** The arrays among a call's arguments that the kernel writes. */
    public Object[] writes(Object[] args) {
        Object[] out = new Object[written.length];
        for (int i = 0; i < written.length; i++) {
            out[i] = args[written[i]];
        }
        return out;
    }

    /** Iterations of the parallel loop for a call with these arguments. */
    public long work(Object[] args) {
        return work.applyAsLong(args);
    }

    /** The catalog's length for array parameter {@code param}, given the scalar arguments. */
    public long size(int param, Object[] args) {
        return sizes[param].applyAsLong(args);
    }

    public long flops(Object[] args) {
        return flops.applyAsLong(args);
    }

    public long bytes(Object[] args) {
        return bytes.applyAsLong(args);
    }

    /** An expression of the int parameters (the grammar of {@link Kernel#work}) for a call with these arguments. */
    public long evaluate(String expression, Object[] args) {
        return expression(expression, "expression").applyAsLong(args);
    }

    /** Index of the parameter called name. */
    public int parameter(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw bad("no parameter '" + name + "'");
    }

    IllegalStateException bad(String what) {
        return new IllegalStateException("@Kernel of Ops." + name() + ": " + what);
    }

    static String[] keyValue(String s, String field) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
            throw new IllegalStateException(field + " entry '" + s + "' is not param=value");
        }
        return new String[] {s.substring(0, eq).trim(), s.substring(eq + 1).trim()};
    }

    private int arrayIndex(String name, String field) {
        int i = parameter(name.trim());
        if (!isArray(i)) {
            throw bad(field + " names '" + name + "', which is not an array parameter");
        }
        return i;
    }

    private ToLongFunction<Object[]> expression(String text, String field) {
        try {
            return new ExpressionParser(text).parse();
        } catch (IllegalArgumentException e) {
            throw bad(field + " '" + text + "': " + e.getMessage());
        }
    }

    /** + - * / over int parameters and integer literals, with parentheses; evaluated in long. */
    private final class ExpressionParser {
        private final String s;
        private int at;

        ExpressionParser(String s) {
            this.s = s;
        }

        ToLongFunction<Object[]> parse() {
            ToLongFunction<Object[]> e = sum();
            skipSpaces();
            if (at != s.length()) {
                throw new IllegalArgumentException("unexpected '" + s.charAt(at) + "' at " + at);
            }
            return e;
        }

        private ToLongFunction<Object[]> sum() {
            ToLongFunction<Object[]> left = product();
            while (peek('+') || peek('-')) {
                char op = s.charAt(at++);
                ToLongFunction<Object[]> l = left;
                ToLongFunction<Object[]> r = product();
                left = op == '+' ? a -> l.applyAsLong(a) + r.applyAsLong(a) : a -> l.applyAsLong(a) - r.applyAsLong(a);
            }
            return left;
        }

        private ToLongFunction<Object[]> product() {
            ToLongFunction<Object[]> left = atom();
            while (peek('*') || peek('/')) {
                char op = s.charAt(at++);
                ToLongFunction<Object[]> l = left;
                ToLongFunction<Object[]> r = atom();
                left = op == '*' ? a -> l.applyAsLong(a) * r.applyAsLong(a) : a -> l.applyAsLong(a) / r.applyAsLong(a);
            }
            return left;
        }

        private ToLongFunction<Object[]> atom() {
            skipSpaces();
            if (at >= s.length()) {
                throw new IllegalArgumentException("ends early");
            }
            char c = s.charAt(at);
            if (c == '(') {
                at++;
                ToLongFunction<Object[]> e = sum();
                if (!peek(')')) {
                    throw new IllegalArgumentException("missing ')'");
                }
                at++;
                return e;
            }
            int start = at;
            if (Character.isDigit(c)) {
                while (at < s.length() && Character.isDigit(s.charAt(at))) {
                    at++;
                }
                long v = Long.parseLong(s.substring(start, at));
                return a -> v;
            }
            while (at < s.length() && Character.isJavaIdentifierPart(s.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + at);
            }
            String name = s.substring(start, at);
            int p = parameter(name);
            if (types[p] != int.class) {
                throw new IllegalArgumentException("'" + name + "' is not an int parameter");
            }
            return a -> (Integer) a[p];
        }

        private boolean peek(char c) {
            skipSpaces();
            return at < s.length() && s.charAt(at) == c;
        }

        private void skipSpaces() {
            while (at < s.length() && s.charAt(at) == ' ') {
                at++;
            }
        }
    }
}
