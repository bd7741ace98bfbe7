package io.initlab.data;

import java.util.Objects;

/**
 * A labelled image data set held in memory, ready for training.
 *
 * <p>Pixels are stored once as floats in [0,1] ({@code byte / 255f}), row-major, image after image,
 * so that a batch is a plain {@link System#arraycopy} (see {@link Batcher#gatherBatch}). The arrays
 * are shared, not copied, by the accessors: callers must treat them as read-only. {@link #subset}
 * and {@link #slice} copy, so a derived set never aliases its parent.
 */
public final class Dataset {
    private final String name;
    private final float[] images;
    private final int[] labels;
    private final int count;
    private final int rows;
    private final int cols;
    private final int classes;

    /**
     * @param images {@code count * rows * cols} pixel values in [0,1]
     * @param labels {@code count} labels in {@code 0..classes-1}
     */
    public Dataset(String name, float[] images, int[] labels, int rows, int cols, int classes) {
        this.name = Objects.requireNonNull(name, "name");
        this.images = Objects.requireNonNull(images, "images");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (rows <= 0 || cols <= 0 || classes <= 0) {
            throw new IllegalArgumentException(name + ": rows, cols and classes must be positive, got "
                    + rows + ", " + cols + ", " + classes);
        }
        this.count = labels.length;
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        if ((long) count * rows * cols != images.length) {
            throw new IllegalArgumentException(name + ": " + images.length + " pixel values do not make "
                    + count + " images of " + rows + "x" + cols);
        }
    }

    public String name() { return name; }

    /** All pixels, {@code count * features()} floats in [0,1]; shared, do not modify. */
    public float[] images() { return images; }

    /** All labels, {@code count} ints in {@code 0..classes-1}; shared, do not modify. */
    public int[] labels() { return labels; }

    public int count() { return count; }

    public int rows() { return rows; }

    public int cols() { return cols; }

    /** Number of label classes (10 for MNIST and Fashion-MNIST). */
    public int classes() { return classes; }

    /** Input width of a network: pixels per image, {@code rows * cols}. */
    public int features() { return rows * cols; }

    /** The label of example {@code i}. */
    public int label(int i) { return labels[i]; }

    /** Examples {@code indices[0], indices[1], ...}, in that order, copied into a new set. */
    public Dataset subset(int[] indices) {
        return subset(indices, name);
    }

    /** As {@link #subset(int[])}, naming the result (e.g. "mnist-train/val"). */
    public Dataset subset(int[] indices, String newName) {
        int f = features();
        float[] x = new float[Math.multiplyExact(indices.length, f)];
        int[] y = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], count);
            System.arraycopy(images, i * f, x, k * f, f);
            y[k] = labels[i];
        }
        return new Dataset(newName, x, y, rows, cols, classes);
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), copied into a new set. */
    public Dataset slice(int from, int to) {
        Objects.checkFromToIndex(from, to, count);
        int f = features();
        float[] x = new float[(to - from) * f];
        System.arraycopy(images, from * f, x, 0, x.length);
        int[] y = new int[to - from];
        System.arraycopy(labels, from, y, 0, y.length);
        return new Dataset(name, x, y, rows, cols, classes);
    }

    /** How many examples carry each label: the class balance, for sanity checks and reports. */
    public int[] labelHistogram() {
        int[] h = new int[classes];
        for (int y : labels) {
            h[y]++;
        }
        return h;
    }

    @Override
    public String toString() {
        return name + " (" + count + " images of " + rows + "x" + cols + ", " + classes + " classes)";
    }
}
