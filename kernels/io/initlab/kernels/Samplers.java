package io.initlab.kernels;

/**
 * Random initial values, one tensor element per index. Element i of tensor {@code tensorId} under
 * seed (seedLo, seedHi) uses Philox counter (i, 0, tensorId, 0), so its value does not depend on how
 * the tensor is split over threads or devices. Normals use the inverse CDF rather than Box–Muller so
 * that one element needs one draw and truncation needs no rejection loop.
 */
public final class Samplers {
    private Samplers() {}

    static double uniformAt(int i, int tensorId, int seedLo, int seedHi) {
        return Philox.open01(Philox.word(i, 0, tensorId, 0, seedLo, seedHi, 0));
    }

    /** out[offset + i] = lo + (hi - lo) u, u ~ U(0, 1). */
    public static void uniform(int i, float[] out, int offset, int tensorId, int seedLo, int seedHi,
                               float lo, float hi) {
        double u = uniformAt(i, tensorId, seedLo, seedHi);
        out[offset + i] = (float) (lo + (hi - lo) * u);
    }

    /** out[offset + i] = mean + std z, z ~ N(0, 1). */
    public static void normal(int i, float[] out, int offset, int tensorId, int seedLo, int seedHi,
                              float mean, float std) {
        double u = uniformAt(i, tensorId, seedLo, seedHi);
        out[offset + i] = (float) (mean + std * NormalQuantile.inverseCdf(u));
    }

    /**
     * out[offset + i] = mean + std z, z ~ N(0, 1) truncated to [-cut, cut]: u is mapped into
     * [Φ(-cut), Φ(cut)] and inverted, which is exact for the truncated law (no rejection).
     */
    public static void truncatedNormal(int i, float[] out, int offset, int tensorId, int seedLo, int seedHi,
                                       float mean, float std, float cut) {
        double u = uniformAt(i, tensorId, seedLo, seedHi);
        double lo = NormalQuantile.cdf(-cut);
        double p = lo + (1.0 - 2.0 * lo) * u;
        out[offset + i] = (float) (mean + std * NormalQuantile.inverseCdf(p));
    }

    /** out[offset + i] = value (zeros, ones, constant). */
    public static void constant(int i, float[] out, int offset, float value) {
        out[offset + i] = value;
    }
}
