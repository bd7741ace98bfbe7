package io.initlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CIFAR-10 and CIFAR-100 in their official binary format
 * (https://www.cs.toronto.edu/~kriz/cifar.html): fixed-size records of label byte(s) followed by
 * a 32x32 colour image as 1,024 red, 1,024 green and 1,024 blue bytes, each plane row-major.
 * <ul>
 *   <li>CIFAR-10 ({@code cifar-10-binary.tar.gz} unpacks to {@code cifar-10-batches-bin/}):
 *       {@code data_batch_1.bin} .. {@code data_batch_5.bin} (training, 10,000 records each, in
 *       that order, as Keras concatenates them) and {@code test_batch.bin}; 1 label byte (0..9).</li>
 *   <li>CIFAR-100 ({@code cifar-100-binary.tar.gz} unpacks to {@code cifar-100-binary/}):
 *       {@code train.bin} (50,000) and {@code test.bin} (10,000); a coarse label byte (0..19), then
 *       a fine one (0..99). Keras' default {@code label_mode="fine"} uses the fine one.</li>
 * </ul>
 * The planes are already channel-major, so pixels are stored as they come (NCHW, {@code byte/255f}).
 * Every record is checked: a file that is not a whole number of records, or a label out of range,
 * is a one-line {@link DataException}.
 */
public final class CifarBinary {
    public static final int CHANNELS = 3;
    public static final int SIDE = 32;
    public static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;

    /** Which labels a file holds and which of them become the data set's labels. */
    public enum Labels {
        CIFAR10(1, 0, 10), CIFAR100_FINE(2, 1, 100), CIFAR100_COARSE(2, 0, 20);

        final int labelBytes;
        final int used;
        final int classes;

        Labels(int labelBytes, int used, int classes) {
            this.labelBytes = labelBytes;
            this.used = used;
            this.classes = classes;
        }

        int recordBytes() {
            return labelBytes + IMAGE_BYTES;
        }
    }

    public static final String CIFAR10_DIR = "cifar-10-batches-bin";
    public static final String CIFAR100_DIR = "cifar-100-binary";

    private CifarBinary() {}

    /** CIFAR-10 from {@code dir/cifar-10-batches-bin/}: five training batches, one test batch. */
    public static DatasetPair loadCifar10(String name, Path dir) {
        Path d = dir.resolve(CIFAR10_DIR);
        List<Path> train = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            train.add(d.resolve("data_batch_" + b + ".bin"));
        }
        return new DatasetPair(read(name + "-train", train, Labels.CIFAR10),
                read(name + "-test", List.of(d.resolve("test_batch.bin")), Labels.CIFAR10));
    }

    /** CIFAR-100 from {@code dir/cifar-100-binary/}, fine (100) or coarse (20) labels. */
    public static DatasetPair loadCifar100(String name, Path dir, Labels labels) {
        if (labels == Labels.CIFAR10) {
            throw new IllegalArgumentException("CIFAR-100 has fine or coarse labels, not " + labels);
        }
        Path d = dir.resolve(CIFAR100_DIR);
        return new DatasetPair(read(name + "-train", List.of(d.resolve("train.bin")), labels),
                read(name + "-test", List.of(d.resolve("test.bin")), labels));
    }

    /** The records of {@code files}, in order, as one data set. */
    public static Dataset read(String name, List<Path> files, Labels labels) {
        String dataset = labels == Labels.CIFAR10 ? "cifar10" : "cifar100";
        List<byte[]> contents = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            byte[] b = DataFiles.readAllBytes(f, DataFiles.fetchHint(dataset));
            int rec = labels.recordBytes();
            if (b.length == 0 || b.length % rec != 0) {
                throw new DataException(f + ": " + (b.length == 0 ? "empty" : "truncated") + ": " + b.length
                        + " bytes is not a whole number of " + rec + "-byte records (" + labels.labelBytes
                        + " label byte" + (labels.labelBytes == 1 ? "" : "s") + " + " + IMAGE_BYTES + " pixels)");
            }
            contents.add(b);
            total += b.length / rec;
        }
        if (total * IMAGE_BYTES > Integer.MAX_VALUE - 16) {
            throw new DataException(files.get(0) + ": too many images (" + total + ") for one data set");
        }
        int count = (int) total;
        float[] x = new float[count * IMAGE_BYTES];
        int[] y = new int[count];
        int k = 0;
        for (int fi = 0; fi < files.size(); fi++) {
            byte[] b = contents.get(fi);
            int rec = labels.recordBytes();
            for (int r = 0; r < b.length / rec; r++, k++) {
                int at = r * rec;
                for (int l = 0; l < labels.labelBytes; l++) {
                    int v = b[at + l] & 0xff;
                    int max = labels == Labels.CIFAR10 ? 10 : (l == 0 ? 20 : 100);
                    if (v >= max) {
                        throw new DataException(files.get(fi) + ": record " + r + ": " + labelName(labels, l) + " " + v
                                + " is not in 0.." + (max - 1));
                    }
                }
                y[k] = b[at + labels.used] & 0xff;
                int px = k * IMAGE_BYTES;
                for (int p = 0; p < IMAGE_BYTES; p++) {
                    x[px + p] = (b[at + labels.labelBytes + p] & 0xff) / 255f;
                }
            }
        }
        return Dataset.images(name, x, y, CHANNELS, SIDE, SIDE, labels.classes);
    }

    private static String labelName(Labels labels, int byteIndex) {
        if (labels == Labels.CIFAR10) {
            return "label";
        }
        return byteIndex == 0 ? "coarse label" : "fine label";
    }
}
