package io.initlab.kernels;

/**
 * Standard normal CDF and quantile in plain double arithmetic (kernel-safe).
 * Quantile: Acklam's rational approximation, |relative error| < 1.15e-9: far below float resolution.
 * CDF: erfc by the Chebyshev fit of Numerical Recipes' erfcc (fractional error < 1.2e-7), used only
 * for truncation bounds, where that error moves the ±2σ cut by ~1e-7σ.
 */
public final class NormalQuantile {
    private NormalQuantile() {}

    /** Φ(x) = erfc(-x/√2)/2. */
    public static double cdf(double x) {
        double z = Math.abs(x) * 0.7071067811865476;
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        double upper = 0.5 * r; // P(Z > |x|)
        return x >= 0 ? 1.0 - upper : upper;
    }

    /** Φ⁻¹(p) for p in (0, 1). */
    public static double inverseCdf(double p) {
        double x;
        if (p < 0.02425) {
            x = lowerTail(p);
        } else if (p > 1.0 - 0.02425) {
            x = -lowerTail(1.0 - p);
        } else {
            double q = p - 0.5;
            double r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                    + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                    / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                    + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1.0);
        }
        return x;
    }

    /** Acklam's lower-tail branch, p < 0.02425. */
    static double lowerTail(double p) {
        double q = Math.sqrt(-2.0 * Math.log(p));
        return (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                + 3.754408661907416e+00) * q + 1.0);
    }
}
