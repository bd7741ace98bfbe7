package io.initlab.backend.jvm;

import io.initlab.kernels.Optimizers;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the element-wise kernels that matter for speed (bias + ReLU, ReLU backward,
 * column sums, Adam, SGD, masks). Each performs exactly the operations of its one-index body in
 * {@code io.initlab.kernels}, in the same order and without contractions, so results are bit-identical
 * to the body (tested); kinds without a vector form (tanh, sigmoid) stay on the bodies.
 */
final class VectorKernels {
    private VectorKernels() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /** z = x + b[col]; y = relu(z) (or z itself when relu is false), over rows × cols. */
    static void biasRelu(float[] x, float[] bias, float[] z, float[] y, int rows, int cols, boolean relu) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int c = 0; c < cols; c += L) {
                VectorMask<Float> m = S.indexInRange(c, cols);
                FloatVector v = FloatVector.fromArray(S, x, o + c, m).add(FloatVector.fromArray(S, bias, c, m));
                v.intoArray(z, o + c, m);
                (relu ? v.blend(0f, v.compare(VectorOperators.LT, 0f)) : v).intoArray(y, o + c, m);
            }
        }
    }

    /** dz = dy · (z > 0 ? 1 : 0) (ReLU), or dz = dy (identity). */
    static void reluBackward(float[] z, float[] dy, float[] dz, int n, boolean relu) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector g = FloatVector.fromArray(S, dy, i, m);
            if (relu) { // dy · f'(z) with f' = 1 or 0, as the body: keeps its signed zeros and NaNs
                VectorMask<Float> positive = FloatVector.fromArray(S, z, i, m).compare(VectorOperators.GT, 0f);
                g = g.mul(FloatVector.zero(S).blend(1f, positive));
            }
            g.intoArray(dz, i, m);
        }
    }

    /** out[c] = Σ_r x[r, c], rows summed in order as in the body. */
    static void columnSum(float[] x, float[] out, int rows, int cols) {
        for (int c = 0; c < cols; c += L) {
            VectorMask<Float> m = S.indexInRange(c, cols);
            FloatVector acc = FloatVector.zero(S);
            for (int r = 0; r < rows; r++) {
                acc = acc.add(FloatVector.fromArray(S, x, r * cols + c, m));
            }
            acc.intoArray(out, c, m);
        }
    }

    /** Adam exactly as {@link Optimizers#adam}, 16 parameters at a time. */
    static void adam(float[] w, float[] g, float[] mo, float[] vo, int n, float[] hp) {
        float beta1 = hp[Optimizers.ADAM_BETA1];
        float beta2 = hp[Optimizers.ADAM_BETA2];
        float eps = hp[Optimizers.ADAM_EPS];
        float stepSize = hp[Optimizers.ADAM_STEP];
        float bc2Sqrt = hp[Optimizers.ADAM_BC2_SQRT];
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        int i = 0;
        for (int end = n - n % L; i < end; i += L) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            FloatVector mi = FloatVector.fromArray(S, mo, i).mul(beta1).add(gi.mul(oneMinusBeta1));
            FloatVector vi = FloatVector.fromArray(S, vo, i).mul(beta2).add(gi.mul(oneMinusBeta2).mul(gi));
            mi = FloatVector.zero(S).blend(mi, mi.abs().compare(VectorOperators.GE, Optimizers.FLUSH));
            vi = FloatVector.zero(S).blend(vi, vi.compare(VectorOperators.GE, Optimizers.FLUSH));
            mi.intoArray(mo, i);
            vi.intoArray(vo, i);
            FloatVector denom = vi.sqrt().div(bc2Sqrt).add(eps);
            FloatVector.fromArray(S, w, i).sub(mi.mul(stepSize).div(denom)).intoArray(w, i);
        }
        for (; i < n; i++) {
            Optimizers.adam(i, w, g, mo, vo, hp);
        }
    }

    /** SGD with momentum exactly as {@link Optimizers#sgd}. */
    static void sgd(float[] w, float[] g, float[] v, int n, float[] hp) {
        float lr = hp[Optimizers.SGD_LR];
        float momentum = hp[Optimizers.SGD_MOMENTUM];
        int i = 0;
        for (int end = n - n % L; i < end; i += L) {
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(momentum).add(FloatVector.fromArray(S, g, i));
            vi = FloatVector.zero(S).blend(vi, vi.abs().compare(VectorOperators.GE, Optimizers.FLUSH));
            vi.intoArray(v, i);
            FloatVector.fromArray(S, w, i).sub(vi.mul(lr)).intoArray(w, i);
        }
        for (; i < n; i++) {
            Optimizers.sgd(i, w, g, v, hp);
        }
    }

    /** y = x · m. */
    static void multiply(float[] x, float[] m, float[] y, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> k = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, i, k).mul(FloatVector.fromArray(S, m, i, k)).intoArray(y, i, k);
        }
    }
}
