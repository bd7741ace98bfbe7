package io.initlab.init;

/**
 * What an initializer resolves to for one tensor, once its fans are known: a law the sampler kernels
 * draw from. ORTHOGONAL and IDENTITY are matrix constructions, not element-wise laws.
 */
public record Distribution(Kind kind, double a, double b, double c) {

    public enum Kind { CONSTANT, UNIFORM, NORMAL, TRUNCATED_NORMAL, ORTHOGONAL, IDENTITY }

    public static Distribution constant(double value) { return new Distribution(Kind.CONSTANT, value, 0, 0); }

    /** U[lo, hi). */
    public static Distribution uniform(double lo, double hi) { return new Distribution(Kind.UNIFORM, lo, hi, 0); }

    /** N(mean, std²). */
    public static Distribution normal(double mean, double std) { return new Distribution(Kind.NORMAL, mean, std, 0); }

    /** N(mean, std²) restricted to mean ± cut·std (std is that of the untruncated law, as in TF/Keras). */
    public static Distribution truncatedNormal(double mean, double std, double cut) {
        return new Distribution(Kind.TRUNCATED_NORMAL, mean, std, cut);
    }

    public static Distribution orthogonal(double gain) { return new Distribution(Kind.ORTHOGONAL, gain, 0, 0); }

    public static Distribution identity(double gain) { return new Distribution(Kind.IDENTITY, gain, 0, 0); }

    /** The exact mean of the law (diagnostics and tests). */
    public double mean() {
        return switch (kind) {
            case CONSTANT, NORMAL, TRUNCATED_NORMAL -> a;
            case UNIFORM -> (a + b) / 2;
            case ORTHOGONAL, IDENTITY -> Double.NaN;
        };
    }

    /** The exact variance of the law (truncated: σ²(1 - 2cφ(c)/(2Φ(c)-1))). */
    public double variance() {
        return switch (kind) {
            case CONSTANT -> 0;
            case UNIFORM -> (b - a) * (b - a) / 12;
            case NORMAL -> b * b;
            case TRUNCATED_NORMAL -> {
                double phi = Math.exp(-c * c / 2) / Math.sqrt(2 * Math.PI);
                double mass = 2 * io.initlab.kernels.NormalQuantile.cdf(c) - 1;
                yield b * b * (1 - 2 * c * phi / mass);
            }
            case ORTHOGONAL, IDENTITY -> Double.NaN;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONSTANT -> "constant(" + fmt(a) + ")";
            case UNIFORM -> "U[" + fmt(a) + ", " + fmt(b) + ")";
            case NORMAL -> "N(" + fmt(a) + ", " + fmt(b) + "²)";
            case TRUNCATED_NORMAL -> "truncN(" + fmt(a) + ", " + fmt(b) + "², ±" + fmt(c) + "σ)";
            case ORTHOGONAL -> "orthogonal(gain=" + fmt(a) + ")";
            case IDENTITY -> "identity(gain=" + fmt(a) + ")";
        };
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
