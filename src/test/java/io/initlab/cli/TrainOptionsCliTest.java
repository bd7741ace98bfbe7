package io.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.initlab.data.Datasets;
import io.initlab.study.SyntheticMnist;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code initlab train} as one cell of a study: every known data set (colour images, tables, regression), the loss,
 * early stopping and validation on the test set.
 */
class TrainOptionsCliTest {
    @TempDir
    static Path tmp;
    static Path mnist;
    static Path colour;

    @BeforeAll
    static void data() throws Exception {
        mnist = SyntheticMnist.write(tmp.resolve("mnist-data"), 600, 200);
        // a tiny image folder in cifar10-jpeg's layout: two classes of 32 x 32 colour images, red-ish and blue-ish
        colour = tmp.resolve("colour-data");
        Random r = new Random(5);
        for (String split : new String[] {"train", "test"}) {
            for (String cls : new String[] {"blue", "red"}) {
                Path dir = Files.createDirectories(colour.resolve("cifar10-jpeg").resolve(split).resolve(cls));
                for (int i = 0; i < (split.equals("train") ? 24 : 8); i++) {
                    BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 32; y++) {
                        for (int x = 0; x < 32; x++) {
                            int hi = 150 + r.nextInt(100);
                            int lo = r.nextInt(100);
                            img.setRGB(x, y, cls.equals("red") ? (hi << 16) | (lo << 8) | lo : (lo << 16) | (lo << 8) | hi);
                        }
                    }
                    ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
                }
            }
        }
    }

    @Test
    void helpListsEveryDataSetAndTheNewOptions() {
        CliTest.Result r = CliTest.run("train", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains(Datasets.NAMES.toArray(String[]::new)).contains("--loss", "--early-stopping=PATIENCE",
                "--validation=N|test", "validate on the test set");
    }

    @Test
    void colourImagesTrainAConvNetOnThreeChannels() {
        CliTest.Result r = CliTest.run("train", "--dataset", "cifar10-jpeg", "--data", colour.toString(), "--epochs", "3",
                "--batch", "8", "--layers", "conv 4 3x3 relu; maxpool 2; flatten; dense 2", "--lr", "0.01", "--threads", "1",
                "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("48 train / 0 val / 16 test, 3072 | conv 4 3x3 relu"); // 3 x 32 x 32 inputs
        assertThat(r.lastLine()).startsWith("test_accuracy=").endsWith("status=ok");
    }

    @Test
    void validationOnTheTestSetWithEarlyStoppingSaysSo() {
        CliTest.Result r = CliTest.run("train", "--data", mnist.toString(), "--epochs", "4", "--batch", "50",
                "--hidden", "16", "--validation", "test", "--early-stopping", "0", "--threads", "1", "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("validation on the test set (200 rows, none held out)", "early stopping picks its epoch")
                .containsPattern("early stopping: [1-4] of 4 epochs trained");
        assertThat(r.err()).contains("600 train / validation on the test set / 200 test",
                "early stopping on val_loss, patience 0, best weights restored");
        assertThat(r.out()).contains("epoch 1: train_loss=").contains("val_accuracy=");
    }

    @Test
    void aRegressionSetSaysMaeAndMseNotAccuracy() {
        Path root = Datasets.defaultDataRoot();
        assumeTrue(Files.isDirectory(root.resolve("california-housing")), "california-housing not fetched under " + root);
        CliTest.Result r = CliTest.run("train", "--dataset", "california-housing", "--limit", "2000", "--epochs", "2",
                "--batch", "32", "--layers", "normalize; dense 16 relu; dense 1", "--validation", "400",
                "--early-stopping", "3", "--threads", "1", "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("loss mse");
        assertThat(r.out()).contains("epoch 1: train_mse=", "train_mae=", "val_mse=", "val_mae=").doesNotContain("accuracy");
        assertThat(r.lastLine()).matches("test_mae=\\d+\\.\\d{4} test_mse=\\S+ samples_per_s=\\d+ train_s=\\S+ status=ok");
    }

    @Test
    void aTableWithoutATestSetTrains() {
        Path root = Datasets.defaultDataRoot();
        assumeTrue(Files.isDirectory(root.resolve("iris")), "iris not fetched under " + root);
        CliTest.Result r = CliTest.run("train", "--dataset", "iris", "--hidden", "8", "--epochs", "3", "--batch", "16",
                "--validation", "30", "--threads", "1", "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("iris 120 train / 30 val / 0 test", "4 | dense 8 relu | dense 3");
        assertThat(r.lastLine()).startsWith("test_accuracy=NaN").endsWith("status=ok");
        CliTest.Result noTest = CliTest.run("train", "--dataset", "iris", "--validation", "test", "--no-progress");
        assertThat(noTest.code()).isEqualTo(2);
        assertThat(noTest.err().strip()).isEqualTo("initlab: --validation test: iris has no test set; hold out rows: --validation N");
    }

    @Test
    void mistakesAreOneLine() {
        String[][] cases = {
                {"--loss", "mse"}, // mnist has classes
                {"--early-stopping", "2"}, // no validation data
                {"--early-stopping", "-1", "--validation", "100"},
                {"--dataset", "svhn"},
                {"--validation", "some"},
                {"--loss", "hinge"},
        };
        String[] expected = {"does not fit mnist, whose targets are classes", "needs validation data",
                "patience must be >= 0", "unknown data set 'svhn'; known: mnist, fashion-mnist", "not 'some'",
                "unknown loss 'hinge'"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("train", "--data", mnist.toString(),
                    "--no-progress"), java.util.stream.Stream.of(cases[i])).toArray(String[]::new);
            CliTest.Result r = CliTest.run(args);
            assertThat(r.code()).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(r.err().strip()).as(String.join(" ", cases[i])).startsWith("initlab: ").contains(expected[i])
                    .doesNotContain("\n");
        }
    }
}
