package io.initlab.data;

import java.util.Objects;

/**
 * A data set held in memory, ready for training: images (channels x rows x cols) or table rows
 * (1 x 1 x features), with int labels (classification) or float targets (regression).
 *
 * <p>Inputs are stored once as floats, row-major, example after example (images: channel-major,
 * NCHW, pixels in [0,1] as {@code byte / 255f}), so that a batch is a plain
 * {@link System#arraycopy} (see {@link Batcher#gatherBatch}). The arrays are shared, not copied,
 * by the accessors: callers must treat them as read-only. {@link #subset} and {@link #slice}
 * copy, so a derived set never aliases its parent.
 *
 * <p>The original constructor still makes what it always made (a one-channel image set with
 * labels); {@link #images(String, float[], int[], int, int, int, int)}, {@link #table} and
 * {@link #regression} make the rest. A table is one "image" of 1 x features: {@link #rows()} is
 * 1, {@link #cols()} the number of features, so code that sizes an input as rows x cols works.
 */
public final class Dataset {
    private final String name;
    private final float[] images;
    private final int[] labels;      // null for a regression set
    private final float[] targets;   // null for a classification set
    private final int count;
    private final int channels;
    private final int rows;
    private final int cols;
    private final int classes;       // 0 for a regression set
    private final boolean tabular;

    /**
     * A one-channel image set (MNIST-like).
     *
     * @param images {@code count * rows * cols} pixel values in [0,1]
     * @param labels {@code count} labels in {@code 0..classes-1}
     */
    public Dataset(String name, float[] images, int[] labels, int rows, int cols, int classes) {
        this(name, images, Objects.requireNonNull(labels, "labels"), null, 1, rows, cols, classes, false);
    }

    private Dataset(String name, float[] images, int[] labels, float[] targets, int channels, int rows, int cols,
            int classes, boolean tabular) {
        this.name = Objects.requireNonNull(name, "name");
        this.images = Objects.requireNonNull(images, "images");
        this.labels = labels;
        this.targets = targets;
        boolean regression = targets != null;
        if (channels <= 0 || rows <= 0 || cols <= 0 || (regression ? classes != 0 : classes <= 0)) {
            throw new IllegalArgumentException(name + ": rows, cols and classes must be positive, got "
                    + rows + ", " + cols + ", " + classes + (channels == 1 ? "" : " (channels " + channels + ")"));
        }
        this.count = regression ? targets.length : labels.length;
        this.channels = channels;
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        this.tabular = tabular;
        if ((long) count * channels * rows * cols != images.length) {
            throw new IllegalArgumentException(name + ": " + images.length + (tabular ? " values do not make " : " pixel values do not make ")
                    + count + (tabular ? " rows of " + cols + " features" : " images of " + shape()));
        }
    }

    /**
     * An image set with {@code channels} planes per image (CIFAR: 3), stored NCHW.
     *
     * @param x {@code count * channels * rows * cols} pixel values
     */
    public static Dataset images(String name, float[] x, int[] labels, int channels, int rows, int cols, int classes) {
        return new Dataset(name, x, Objects.requireNonNull(labels, "labels"), null, channels, rows, cols, classes, false);
    }

    /** A table for classification: {@code count} rows of {@code features} values, shape 1 x 1 x features. */
    public static Dataset table(String name, float[] x, int[] labels, int features, int classes) {
        return new Dataset(name, x, Objects.requireNonNull(labels, "labels"), null, 1, 1, features, classes, true);
    }

    /** A table for regression: {@code count} rows of {@code features} values and one float target each. */
    public static Dataset regression(String name, float[] x, float[] targets, int features) {
        return new Dataset(name, x, null, Objects.requireNonNull(targets, "targets"), 1, 1, features, 0, true);
    }

    public String name() { return name; }

    /** All inputs (pixels or table values), {@code count * features()} floats; shared, do not modify. */
    public float[] images() { return images; }

    /** All labels, {@code count} ints in {@code 0..classes-1}; shared, do not modify. Not for regression sets. */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException(name + ": a regression set has float targets, not labels; use targets()");
        }
        return labels;
    }

    /** All regression targets, {@code count} floats; shared, do not modify. Only for regression sets. */
    public float[] targets() {
        if (targets == null) {
            throw new IllegalStateException(name + ": a classification set has int labels, not float targets; use labels()");
        }
        return targets;
    }

    /** True when the targets are floats ({@link #targets()}), false when they are class labels. */
    public boolean isRegression() { return targets != null; }

    /** True for table rows (features only, no spatial layout), false for images. */
    public boolean isTabular() { return tabular; }

    public int count() { return count; }

    /** Planes per image: 1 for MNIST-like sets and tables, 3 for colour images. */
    public int channels() { return channels; }

    /** Image height; 1 for a table. */
    public int rows() { return rows; }

    /** Image width; the number of features for a table. */
    public int cols() { return cols; }

    /** Number of label classes (10 for MNIST and Fashion-MNIST); 0 for a regression set. */
    public int classes() { return classes; }

    /** Input width of a network: values per example, {@code channels * rows * cols}. */
    public int features() { return channels * rows * cols; }

    /** The label of example {@code i}. */
    public int label(int i) { return labels()[i]; }

    /** Examples {@code indices[0], indices[1], ...}, in that order, copied into a new set. */
    public Dataset subset(int[] indices) {
        return subset(indices, name);
    }

    /** As {@link #subset(int[])}, naming the result (e.g. "mnist-train/val"). */
    public Dataset subset(int[] indices, String newName) {
        int f = features();
        float[] x = new float[Math.multiplyExact(indices.length, f)];
        int[] y = labels == null ? null : new int[indices.length];
        float[] t = targets == null ? null : new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], count);
            System.arraycopy(images, i * f, x, k * f, f);
            if (y != null) {
                y[k] = labels[i];
            } else {
                t[k] = targets[i];
            }
        }
        return new Dataset(newName, x, y, t, channels, rows, cols, classes, tabular);
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), copied into a new set. */
    public Dataset slice(int from, int to) {
        Objects.checkFromToIndex(from, to, count);
        int f = features();
        float[] x = new float[(to - from) * f];
        System.arraycopy(images, from * f, x, 0, x.length);
        int[] y = labels == null ? null : java.util.Arrays.copyOfRange(labels, from, to);
        float[] t = targets == null ? null : java.util.Arrays.copyOfRange(targets, from, to);
        return new Dataset(name, x, y, t, channels, rows, cols, classes, tabular);
    }

    /** How many examples carry each label: the class balance, for sanity checks and reports. */
    public int[] labelHistogram() {
        int[] h = new int[classes];
        for (int y : labels()) {
            h[y]++;
        }
        return h;
    }

    /** "28x28" for one channel (as always), "3x32x32" for several. */
    private String shape() {
        return (channels == 1 ? "" : channels + "x") + rows + "x" + cols;
    }

    @Override
    public String toString() {
        String what = tabular ? count + " rows of " + cols + " features" : count + " images of " + shape();
        return name + " (" + what + ", " + (isRegression() ? "regression" : classes + " classes") + ")";
    }
}
