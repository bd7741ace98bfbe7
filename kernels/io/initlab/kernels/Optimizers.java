package io.initlab.kernels;

/**
 * Parameter updates, one parameter per index, with PyTorch's conventions; where Keras computes differently
 * (RMSprop's ε inside the root), the difference is a hyper-parameter, never a branch.
 */
public final class Optimizers {
    private Optimizers() {}

    /**
     * Moments smaller than this are flushed to zero: denormal floats cost ~100 cycles per operation on
     * x86 and, left alone, slow the second epoch of Adam down by ~1.5×. Float.MIN_NORMAL.
     */
    public static final float FLUSH = 1.17549435e-38f;

    /** Layout of the {@code hp} array of {@link #sgd}: hp[SGD_LR], hp[SGD_MOMENTUM]. */
    public static final int SGD_LR = 0;
    public static final int SGD_MOMENTUM = 1;

    /**
     * SGD with momentum μ (PyTorch): v = μ v + g; w -= lr v. μ = 0 is plain SGD. Hyper-parameters come in
     * an array so that a device-resident task graph can take new values each step without recompiling.
     */
    public static void sgd(int i, float[] w, float[] g, float[] v, float[] hp) {
        float lr = hp[SGD_LR];
        float vi = hp[SGD_MOMENTUM] * v[i] + g[i];
        if (Math.abs(vi) < FLUSH) {
            vi = 0f;
        }
        v[i] = vi;
        w[i] = w[i] - lr * vi;
    }

    public static final int ADAM_BETA1 = 0;
    public static final int ADAM_BETA2 = 1;
    public static final int ADAM_EPS = 2;
    public static final int ADAM_STEP = 3;
    public static final int ADAM_BC2_SQRT = 4;

    /**
     * Adam (Kingma & Ba, PyTorch's form): m = β1 m + (1-β1) g; v = β2 v + (1-β2) g²;
     * w -= stepSize · m / (√v / bc2Sqrt + ε) with stepSize = lr / (1 - β1^t), bc2Sqrt = √(1 - β2^t)
     * computed once per step by the caller into {@code hp} (layout: the ADAM_* indices).
     */
    public static void adam(int i, float[] w, float[] g, float[] m, float[] v, float[] hp) {
        float beta1 = hp[ADAM_BETA1];
        float beta2 = hp[ADAM_BETA2];
        float eps = hp[ADAM_EPS];
        float stepSize = hp[ADAM_STEP];
        float bc2Sqrt = hp[ADAM_BC2_SQRT];
        float gi = g[i];
        float mi = beta1 * m[i] + (1f - beta1) * gi;
        float vi = beta2 * v[i] + (1f - beta2) * gi * gi;
        if (Math.abs(mi) < FLUSH) {
            mi = 0f;
        }
        if (vi < FLUSH) {
            vi = 0f;
        }
        m[i] = mi;
        v[i] = vi;
        w[i] = w[i] - stepSize * mi / ((float) Math.sqrt(vi) / bc2Sqrt + eps);
    }

    public static final int RMSPROP_LR = 0;
    public static final int RMSPROP_RHO = 1;
    public static final int RMSPROP_EPS_INSIDE = 2;
    public static final int RMSPROP_EPS_OUTSIDE = 3;

    /**
     * RMSprop without momentum: v = ρ v + (1-ρ) g²; w -= lr · g / (√(v + εin) + εout). PyTorch puts ε outside
     * the root (εin = 0, its α is ρ), Keras inside (εout = 0); the caller fills {@code hp} (the RMSPROP_*
     * indices) with the one its framework uses and 0 for the other, so one body serves both.
     */
    public static void rmsprop(int i, float[] w, float[] g, float[] v, float[] hp) {
        float lr = hp[RMSPROP_LR];
        float rho = hp[RMSPROP_RHO];
        float gi = g[i];
        float vi = rho * v[i] + (1f - rho) * gi * gi;
        if (vi < FLUSH) {
            vi = 0f;
        }
        v[i] = vi;
        w[i] = w[i] - lr * gi / ((float) Math.sqrt(vi + hp[RMSPROP_EPS_INSIDE]) + hp[RMSPROP_EPS_OUTSIDE]);
    }
}
