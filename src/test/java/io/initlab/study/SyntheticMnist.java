package io.initlab.study;

import io.initlab.data.Datasets;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a small learnable stand-in for MNIST as real IDX files (10 classes of 28×28 noisy prototypes),
 * so study tests exercise the whole path, reader included, in seconds.
 */
public final class SyntheticMnist {
    private SyntheticMnist() {}

    public static Path write(Path root, int train, int test) throws IOException {
        Path dir = root.resolve("mnist");
        Files.createDirectories(dir);
        Random proto = new Random(42);
        int[][] prototypes = new int[10][784];
        for (int[] p : prototypes) {
            for (int i = 0; i < 784; i++) {
                p[i] = proto.nextInt(256);
            }
        }
        write(dir, Datasets.TRAIN_IMAGES, Datasets.TRAIN_LABELS, train, prototypes, new Random(1));
        write(dir, Datasets.TEST_IMAGES, Datasets.TEST_LABELS, test, prototypes, new Random(2));
        return root;
    }

    private static void write(Path dir, String images, String labels, int n, int[][] prototypes, Random r) throws IOException {
        try (DataOutputStream img = new DataOutputStream(Files.newOutputStream(dir.resolve(images)));
             DataOutputStream lab = new DataOutputStream(Files.newOutputStream(dir.resolve(labels)))) {
            img.writeInt(0x803);
            img.writeInt(n);
            img.writeInt(28);
            img.writeInt(28);
            lab.writeInt(0x801);
            lab.writeInt(n);
            for (int k = 0; k < n; k++) {
                int c = r.nextInt(10);
                lab.writeByte(c);
                for (int i = 0; i < 784; i++) {
                    int v = prototypes[c][i] + (int) (60 * r.nextGaussian());
                    img.writeByte(Math.max(0, Math.min(255, v)));
                }
            }
        }
    }
}
