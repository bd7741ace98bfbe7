package io.initlab.backend;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Every {@link Ops} kernel at the shapes of its {@link Kernel#examples} (the seed MLP 784-256-128-10 at batch
 * 64, the Keras CNN's 3×3 convolution and 2×2 pooling at batch 32), with arrays of the {@link Kernel#sizes}
 * filled by the {@link Kernel#inputs} rules (N(0, 1) floats by default), and the cost of each call. Derived
 * from the annotations alone: a new kernel appears here by declaring its examples. Used by the kernel dump
 * and benchmark tools and by the parity tests.
 */
public final class KernelCatalog {
    private KernelCatalog() {}

    /**
     * One call of a kernel.
     *
     * @param shape the example's label, e.g. "64×784·784×256 dense1"
     * @param args  arrays and boxed scalars, in the Ops method's order
     */
    public record Case(KernelInfo kernel, String shape, Object[] args, double flops, double bytes) {
        /** Calls the kernel on ops with these arguments (the arrays are changed in place). */
        public void runOn(Ops ops) {
            try {
                kernel.method().invoke(ops, args);
            } catch (InvocationTargetException e) {
                Throwable c = e.getCause();
                throw c instanceof RuntimeException r ? r : new IllegalStateException(kernel.name() + ": " + c, c);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every example of every kernel, kernels by name; arrays drawn from seed. */
    public static List<Case> all(long seed) {
        Random random = new Random(seed);
        List<Case> out = new ArrayList<>();
        for (KernelInfo k : KernelInfo.all()) {
            for (Kernel.Example e : k.annotation().examples()) {
                out.add(build(k, e, random));
            }
        }
        return out;
    }

    static Case build(KernelInfo k, Kernel.Example e, Random random) {
        List<Class<?>> types = k.parameterTypes();
        Object[] args = new Object[types.size()];
        for (String a : e.args()) {
            String[] kv = KernelInfo.keyValue(a, "example " + e.label());
            int p = k.parameter(kv[0]);
            if (types.get(p) == int.class) {
                args[p] = Integer.parseInt(kv[1]);
            } else if (types.get(p) == float.class) {
                args[p] = Float.parseFloat(kv[1]);
            } else {
                throw k.bad("example '" + e.label() + "' gives a value to array parameter '" + kv[0] + "'");
            }
        }
        for (int p = 0; p < args.length; p++) {
            if (!k.isArray(p) && args[p] == null) {
                throw k.bad("example '" + e.label() + "' has no value for '" + k.parameterNames().get(p) + "'");
            }
        }
        for (int p = 0; p < args.length; p++) {
            if (k.isArray(p)) {
                args[p] = array(types.get(p), Math.toIntExact(k.size(p, args)));
            }
        }
        for (int p = 0; p < args.length; p++) {
            if (args[p] instanceof float[] f) {
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) random.nextGaussian();
                }
            }
        }
        for (String rule : k.annotation().inputs()) {
            fill(k, rule, args, random);
        }
        return new Case(k, e.label(), args, k.flops(args), k.bytes(args));
    }

    private static Object array(Class<?> type, int length) {
        return type == float[].class ? new float[length] : new int[length];
    }

    /** Applies one {@link Kernel#inputs} rule. */
    private static void fill(KernelInfo k, String rule, Object[] args, Random random) {
        if (rule.endsWith(">=0")) {
            float[] f = (float[]) args[k.parameter(rule.substring(0, rule.length() - 3).trim())];
            for (int i = 0; i < f.length; i++) {
                f[i] = random.nextFloat() * 1e-3f;
            }
        } else if (rule.contains("={")) {
            String[] kv = KernelInfo.keyValue(rule, "inputs");
            String[] values = kv[1].replaceAll("[{}\\s]", "").split(",");
            Object a = args[k.parameter(kv[0])];
            int length = a instanceof float[] f ? f.length : ((int[]) a).length;
            if (values.length != length) {
                throw k.bad("inputs rule '" + rule + "' gives " + values.length + " values for " + length + " elements");
            }
            for (int i = 0; i < values.length; i++) {
                if (a instanceof float[] f) {
                    f[i] = Float.parseFloat(values[i]);
                } else {
                    ((int[]) a)[i] = Integer.parseInt(values[i]);
                }
            }
        } else if (rule.contains("<")) {
            String name = rule.substring(0, rule.indexOf('<')).trim();
            int bound = Math.toIntExact(k.evaluate(rule.substring(rule.indexOf('<') + 1), args));
            int[] a = (int[]) args[k.parameter(name)];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextInt(bound);
            }
        } else {
            throw k.bad("inputs rule '" + rule + "' is none of name<expr, name>=0, name={values}");
        }
    }
}
