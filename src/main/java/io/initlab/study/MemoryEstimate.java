package io.initlab.study;

import io.initlab.data.Datasets;
import io.initlab.model.LayerSpec;
import io.initlab.model.ModelSpec;
import io.initlab.model.Shape;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The heap one training run needs, from the model's shapes alone, so that a model too large for the JVM
 * (say {@code hidden: [200000, 200000]}) is refused before the first run instead of every run dying with
 * {@code OutOfMemoryError}. It counts what a built network, its optimizer and the trainer allocate for
 * {@code maxRows} rows (the largest of the batch, the evaluation chunk and the probe batch):
 * <ul>
 *   <li>each parameter four times: value, gradient and two optimizer moments (Adam's; SGD keeps one,
 *       so for SGD this is an upper bound);</li>
 *   <li>per dense layer: pre-activation, output and their gradient, and the input gradient;</li>
 *   <li>per convolution: the im2col columns, the GEMM result, pre-activation and output, and, when it is
 *       not the first layer, the column and input gradients; per pooling: output, argmax and, when not
 *       first, the input gradient; per dropout: mask, output and input gradient;</li>
 *   <li>the loss (probabilities, logit gradients, row losses, correctness flags) and the input batch.</li>
 * </ul>
 * A layer kind it does not know is counted like a dense layer of its output width. Every element is
 * four bytes (float or int); object headers and the data set are not included (see {@link #datasetBytes}).
 *
 * @param parameters   trainable values
 * @param bufferFloats activation, gradient and batch buffers, in elements
 * @param largestArray the longest single array, which Java caps at about 2^31 elements
 */
public record MemoryEstimate(long parameters, long bufferFloats, long largestArray) {
    /** Java's practical array length limit (a few header words below Integer.MAX_VALUE). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final long BYTES = 4;

    public static MemoryEstimate of(ModelSpec spec, int maxRows) {
        List<Shape> shapes = spec.shapes();
        // doubles: exact to 2^53 and never wrapping round to a small number for absurd sizes
        double rows = maxRows;
        Tally t = new Tally();
        for (int i = 0; i < spec.layers().size(); i++) {
            double in = shapes.get(i).features();
            double out = shapes.get(i + 1).features();
            boolean first = i == 0; // a first layer never computes its input's gradient
            switch (spec.layers().get(i)) {
                case LayerSpec.DenseSpec d -> {
                    t.parameters(in * out, out);
                    t.buffers(rows * out, rows * out, rows * out, rows * in);
                }
                case LayerSpec.ConvSpec c -> {
                    double taps = (double) shapes.get(i).channels() * c.kernelHeight() * c.kernelWidth();
                    double cols = rows * (out / c.filters()) * taps;
                    t.parameters(taps * c.filters(), c.filters());
                    t.buffers(cols, rows * out, rows * out, rows * out);
                    if (!first) {
                        t.buffers(cols, rows * in);
                    }
                }
                case LayerSpec.MaxPoolSpec p -> {
                    t.buffers(rows * out, rows * out);
                    if (!first) {
                        t.buffers(rows * in);
                    }
                }
                case LayerSpec.DropoutSpec d -> t.buffers(rows * out, rows * out, rows * out);
                case LayerSpec.FlattenSpec f -> { }
                default -> t.buffers(rows * out, rows * out, rows * out, rows * in);
            }
        }
        double classes = spec.classes();
        t.buffers(rows * classes, rows * classes, rows, rows);  // probabilities, logit gradients, row losses, flags
        t.buffers(rows * spec.inputFeatures(), rows);           // the trainer's batch and its labels
        return new MemoryEstimate((long) t.parameters, (long) t.buffers, (long) t.largest); // casts saturate
    }

    /** Running sums while walking the layers. */
    private static final class Tally {
        double parameters;
        double buffers;
        double largest;

        void parameters(double... lengths) {
            for (double n : lengths) {
                parameters += n;
                largest = Math.max(largest, n);
            }
        }

        void buffers(double... lengths) {
            for (double n : lengths) {
                buffers += n;
                largest = Math.max(largest, n);
            }
        }
    }

    /** Bytes of one run: four copies of every parameter plus the buffers. */
    public long runBytes() {
        return (long) (BYTES * (4.0 * parameters + bufferFloats)); // saturates at Long.MAX_VALUE
    }

    /**
     * Bytes the data set takes once loaded, every value a 4-byte float or int; 0 when its files are not there yet
     * (loading fails later with its own message). An IDX set (MNIST, Fashion-MNIST) counts each byte of its files
     * (the headers add a few bytes too many); the others count their known rows of {@link Datasets#shape} values
     * and one label or target each (CIFAR: 60,000 × 3,073, about 700 MB).
     */
    public static long datasetBytes(Path dataRoot, String dataset) {
        if (dataset.equals("mnist") || dataset.equals("fashion-mnist")) {
            long bytes = 0;
            for (String f : List.of(Datasets.TRAIN_IMAGES, Datasets.TRAIN_LABELS, Datasets.TEST_IMAGES, Datasets.TEST_LABELS)) {
                try {
                    bytes += BYTES * Files.size(dataRoot.resolve(dataset).resolve(f));
                } catch (IOException e) {
                    // missing files: loading them fails later with its own message
                }
            }
            return bytes;
        }
        if (!Datasets.NAMES.contains(dataset) || !Files.isDirectory(dataRoot.resolve(dataset))) {
            return 0;
        }
        Datasets.InputShape in = Datasets.shape(dataset);
        return BYTES * in.rows() * (in.features() + 1L);
    }

    /** {@link #problem(int, long, long, long)} for this JVM's heap limit and this machine's memory. */
    public String problem(int parallelRuns, long datasetBytes) {
        long machine = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return problem(parallelRuns, datasetBytes, Runtime.getRuntime().maxMemory(), machine);
    }

    /**
     * Why {@code parallelRuns} runs sharing one data set of {@code datasetBytes} cannot run in a heap of
     * {@code maxHeap} bytes on a machine of {@code machineBytes}, as one line that says how to fix it;
     * null when they fit.
     */
    public String problem(int parallelRuns, long datasetBytes, long maxHeap, long machineBytes) {
        long need = (long) ((double) runBytes() * parallelRuns + datasetBytes);
        if (need > maxHeap) {
            // a heap a quarter larger than the estimate leaves room for everything it does not count
            long heapGiB = Math.max(1, (long) Math.ceil(1.25 * need / (1L << 30)));
            String raise = 1.25 * need < machineBytes ? ", or a larger heap, e.g. INITLAB_JAVA_OPTS=-Xmx" + heapGiB + "g"
                    : " (this machine has " + size(machineBytes) + " of memory)";
            return "needs about " + size(need) + " (" + (parallelRuns > 1 ? parallelRuns + " parallel runs of " : "a run of ")
                    + size(runBytes()) + (datasetBytes > 0 ? " + data " + size(datasetBytes) : "")
                    + ") but this JVM may use only " + size(maxHeap) + ": use a smaller model or batch"
                    + (parallelRuns > 1 ? ", fewer --jobs" : "") + raise;
        }
        if (largestArray > MAX_ARRAY) {
            return "one buffer of this model needs " + largestArray + " elements, more than a Java array can hold ("
                    + MAX_ARRAY + "); use fewer units, filters or a smaller batch";
        }
        return null;
    }

    /** 1.5 GB, 220 MB, 12 kB (powers of 1024, as -Xmx counts). */
    static String size(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
