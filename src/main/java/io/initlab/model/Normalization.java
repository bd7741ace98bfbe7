package io.initlab.model;

import io.initlab.backend.Ops;
import io.initlab.data.Dataset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Feature standardization as a layer, Keras' {@code Normalization} (axis -1 on a table): y = (x - mean) / std
 * per input value, std = max(sqrt(variance), 1e-7) as Keras computes it. Mean and variance come from
 * {@link #adapt} on the training rows only, not from training: the layer has no {@link Parameter}, so
 * initializers and optimizers never see it. Before adapt it is the identity (mean 0, variance 1), as an
 * un-adapted Keras layer is. On a device backend the host must push {@link #mean()} and {@link #std()}
 * after adapting (they are set once per run, before the first phase).
 */
public final class Normalization implements Layer {
    /** Keras' {@code backend.epsilon()}: the floor of the standard deviation, so a constant feature stays finite. */
    public static final float EPSILON = 1e-7f;

    private final String name;
    private final int features;
    private final float[] mean;
    private final float[] variance;
    private final float[] std;
    private final float[] y;
    private final float[] dx;

    public Normalization(String name, int features, int maxRows) {
        if (features <= 0) {
            throw new IllegalArgumentException("normalize needs a positive number of features, not " + features);
        }
        this.name = name;
        this.features = features;
        this.mean = new float[features];
        this.variance = new float[features];
        this.std = new float[features];
        Arrays.fill(variance, 1f);
        Arrays.fill(std, 1f);
        this.y = new float[maxRows * features];
        this.dx = new float[maxRows * features];
    }

    /**
     * Fits mean and population variance (divisor n, as numpy's and Keras' {@code var}) of every feature over
     * {@code data}'s rows {@code trainRows}, in double, two passes; nothing else of {@code data} is read.
     */
    public void adapt(Dataset data, int[] trainRows) {
        if (data.features() != features) {
            throw new IllegalArgumentException(name + " normalizes " + features + " features but " + data.name()
                    + " has " + data.features());
        }
        if (trainRows.length == 0) {
            throw new IllegalArgumentException(name + ": adapt needs at least one training row");
        }
        float[] x = data.images();
        double[] m = new double[features];
        for (int r : trainRows) {
            int base = Objects.checkIndex(r, data.count()) * features;
            for (int f = 0; f < features; f++) {
                m[f] += x[base + f];
            }
        }
        for (int f = 0; f < features; f++) {
            m[f] /= trainRows.length;
        }
        double[] v = new double[features];
        for (int r : trainRows) {
            int base = r * features;
            for (int f = 0; f < features; f++) {
                double d = x[base + f] - m[f];
                v[f] += d * d;
            }
        }
        for (int f = 0; f < features; f++) {
            v[f] /= trainRows.length;
        }
        setStatistics(m, v);
    }

    /** Sets mean and variance directly (Keras' {@code Normalization(mean=…, variance=…)}); adapt calls it. */
    public void setStatistics(double[] newMean, double[] newVariance) {
        if (newMean.length != features || newVariance.length != features) {
            throw new IllegalArgumentException(name + " needs " + features + " means and variances, not "
                    + newMean.length + " and " + newVariance.length);
        }
        for (int f = 0; f < features; f++) {
            if (!(newVariance[f] >= 0) || !Double.isFinite(newMean[f]) || Double.isInfinite(newVariance[f])) {
                throw new IllegalArgumentException(name + ": feature " + f + " has mean " + newMean[f] + " and variance "
                        + newVariance[f] + "; both must be finite and the variance >= 0");
            }
            mean[f] = (float) newMean[f];
            variance[f] = (float) newVariance[f];
            // Keras: maximum(sqrt(variance), epsilon) in float32; a float's sqrt rounded from double is sqrtf
            std[f] = Math.max((float) Math.sqrt(variance[f]), EPSILON);
        }
    }

    /** Per-feature means (the array the kernel reads: push it to a device after adapting). */
    public float[] mean() {
        return mean;
    }

    /** Per-feature population variances, as fitted (host only; the kernel reads {@link #std()}). */
    public float[] variance() {
        return variance;
    }

    /** Per-feature max(sqrt(variance), ε): the divisor the kernel reads (push it to a device after adapting). */
    public float[] std() {
        return std;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputFeatures() {
        return features;
    }

    @Override
    public int outputFeatures() {
        return features;
    }

    @Override
    public float[] forward(Ops ops, float[] x, int rows, boolean training) {
        ops.standardize(x, mean, std, y, rows, features);
        return y;
    }

    /** dL/dx = dL/dy / std: needed when standardization is not the first layer. */
    @Override
    public float[] backward(Ops ops, float[] x, float[] dOut, int rows, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        ops.standardizeBackward(dOut, std, dx, rows, features);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public float[] output() {
        return y;
    }
}
