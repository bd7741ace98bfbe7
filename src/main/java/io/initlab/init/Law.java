package io.initlab.init;

import io.initlab.backend.Ops;
import io.initlab.kernels.NormalQuantile;
import io.initlab.kernels.Philox;
import io.initlab.model.Parameter;
import java.util.Locale;

/**
 * What an initializer resolves to for one tensor once its fans are known: a sampling law, as a type
 * with named fields. Each law knows how the kernels draw it and, for the two that are matrix
 * constructions rather than element-wise laws (orthogonal, identity), how the host finishes it. To
 * add a law: a record here (with its draw), and its registry entries in {@link Initializers}.
 */
public sealed interface Law {

    /** Draws p's values with the sampler kernels (on the device for a device backend), keyed by (seed, tensor id). */
    void draw(Ops ops, Parameter p, long seed);

    /** Whether {@link #finishOnHost} must run after {@link #draw} (a construction that is not element-wise). */
    default boolean finishesOnHost() {
        return false;
    }

    /** The host part of a construction: replaces the drawn values (only called when {@link #finishesOnHost}). */
    default void finishOnHost(Parameter p) {}

    /** The exact mean of the law (NaN for matrix constructions). */
    double mean();

    /** The exact variance of the law (NaN for matrix constructions). */
    double variance();

    /** W = value. */
    record Constant(double value) implements Law {
        @Override public void draw(Ops ops, Parameter p, long seed) { ops.fill(p.value, p.size(), (float) value); }
        @Override public double mean() { return value; }
        @Override public double variance() { return 0; }
        @Override public String toString() { return "constant(" + fmt(value) + ")"; }
    }

    /** W ~ U[lo, hi). */
    record Uniform(double lo, double hi) implements Law {
        /** U[-limit, limit). */
        public static Uniform symmetric(double limit) { return new Uniform(-limit, limit); }

        @Override
        public void draw(Ops ops, Parameter p, long seed) {
            ops.sampleUniform(p.value, p.size(), p.tensorId, Philox.seedLo(seed), Philox.seedHi(seed), (float) lo,
                    (float) hi);
        }

        @Override public double mean() { return (lo + hi) / 2; }
        @Override public double variance() { return (hi - lo) * (hi - lo) / 12; }
        @Override public String toString() { return "U[" + fmt(lo) + ", " + fmt(hi) + ")"; }
    }

    /** W ~ N(mean, std²). */
    record Normal(double mean, double std) implements Law {
        @Override
        public void draw(Ops ops, Parameter p, long seed) {
            ops.sampleNormal(p.value, p.size(), p.tensorId, Philox.seedLo(seed), Philox.seedHi(seed), (float) mean,
                    (float) std);
        }

        @Override public double variance() { return std * std; }
        @Override public String toString() { return "N(" + fmt(mean) + ", " + fmt(std) + "²)"; }
    }

    /** W ~ N(mean, std²) restricted to mean ± cut·std (std is that of the untruncated law, as in TF/Keras). */
    record TruncatedNormal(double mean, double std, double cut) implements Law {
        @Override
        public void draw(Ops ops, Parameter p, long seed) {
            ops.sampleTruncatedNormal(p.value, p.size(), p.tensorId, Philox.seedLo(seed), Philox.seedHi(seed),
                    (float) mean, (float) std, (float) cut);
        }

        /** σ²(1 - 2cφ(c)/(2Φ(c)-1)). */
        @Override
        public double variance() {
            double phi = Math.exp(-cut * cut / 2) / Math.sqrt(2 * Math.PI);
            double mass = 2 * NormalQuantile.cdf(cut) - 1;
            return std * std * (1 - 2 * cut * phi / mass);
        }

        @Override public String toString() { return "truncN(" + fmt(mean) + ", " + fmt(std) + "², ±" + fmt(cut) + "σ)"; }
    }

    /** W = gain·Q, Q orthonormalised on the host from the N(0, 1) matrix drawn on the device. */
    record Orthogonal(double gain) implements Law {
        @Override
        public void draw(Ops ops, Parameter p, long seed) {
            ops.sampleNormal(p.value, p.size(), p.tensorId, Philox.seedLo(seed), Philox.seedHi(seed), 0f, 1f);
        }

        @Override public boolean finishesOnHost() { return true; }
        @Override public void finishOnHost(Parameter p) { OrthogonalMatrix.orthonormalize(p.value, p.rows, p.cols, gain); }
        @Override public double mean() { return Double.NaN; }
        @Override public double variance() { return Double.NaN; }
        @Override public String toString() { return "orthogonal(gain=" + fmt(gain) + ")"; }
    }

    /** W = gain·I (rectangular: ones on the main diagonal), written on the host. */
    record Identity(double gain) implements Law {
        @Override public void draw(Ops ops, Parameter p, long seed) {} // nothing to draw
        @Override public boolean finishesOnHost() { return true; }
        @Override public void finishOnHost(Parameter p) { OrthogonalMatrix.identity(p.value, p.rows, p.cols, gain); }
        @Override public double mean() { return Double.NaN; }
        @Override public double variance() { return Double.NaN; }
        @Override public String toString() { return "identity(gain=" + fmt(gain) + ")"; }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
