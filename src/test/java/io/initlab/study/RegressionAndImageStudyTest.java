package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.data.CaliforniaHousing;
import io.initlab.results.RunRecord;
import io.initlab.results.RunsTable;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole studies with part 8's settings, on generated files: a regression study (normalize first, MSE, early
 * stopping, validation on the test set) and a CNN on 3-channel images in class folders.
 */
class RegressionAndImageStudyTest {
    @TempDir
    Path tmp;

    static StudyRunner.Outcome run(Path yaml, Path out, Path data) {
        return StudyRunner.run(StudyLoader.load(yaml), new StudyRunner.Options(out, 2, 1, "jvm", null, data, false, true,
                new PrintStream(PrintStream.nullOutputStream())));
    }

    /** A California-Housing-shaped file: the real header, a noisy linear target on features of very different scales. */
    static void writeHousing(Path dir, int rows) throws IOException {
        Files.createDirectories(dir);
        Random rnd = new Random(3);
        StringBuilder sb = new StringBuilder(String.join(",", CaliforniaHousing.FEATURES)).append(',')
                .append(CaliforniaHousing.TARGET).append('\n');
        for (int i = 0; i < rows; i++) {
            double[] f = new double[CaliforniaHousing.FEATURES.size()];
            for (int j = 0; j < f.length; j++) {
                f[j] = (j + 1) * 100 * rnd.nextGaussian() + 1000 * j;
            }
            double y = 2 + 0.003 * f[0] - 0.001 * (f[3] - 3000) + 0.5 * rnd.nextGaussian(); // in 100,000s, noise 0.5
            for (double v : f) sb.append(String.format(Locale.ROOT, "%.4f,", v));
            sb.append(String.format(Locale.ROOT, "%.1f%n", y));
        }
        Files.writeString(dir.resolve(CaliforniaHousing.FILE), sb);
    }

    @Test
    void aRegressionStudyWithEarlyStoppingValidatesOnTheTestSetAndReportsMae() throws IOException {
        Path data = tmp.resolve("data");
        writeHousing(data.resolve("california-housing"), 500);
        Path yaml = tmp.resolve("tiny-regression.yaml");
        Files.writeString(yaml, """
                name: tiny-regression
                dataset: california-housing
                model:
                  layers: ['normalize', 'dense 16 relu', 'dense 1']
                optimizer: adam
                lr: 0.01
                batch: 32
                epochs: 40
                validation: {split: test}
                early_stopping: {monitor: val_loss, patience: 2, restore_best: true}
                seeds: [1, 2]
                probe_rows: 32
                initializers: [he_normal]
                """);
        Study s = StudyLoader.load(yaml);
        assertThat(s.loss().name()).isEqualTo("mse"); // the data set's default
        Path out = tmp.resolve("out");
        StudyRunner.Outcome o = run(yaml, out, data);
        assertThat(o.ran()).isEqualTo(2);
        assertThat(o.failed()).isZero();
        List<RunRecord> runs = RunsTable.read(out.resolve("runs.csv")).runs();
        assertThat(runs).hasSize(2).allSatisfy(r -> {
            assertThat(r.loss()).isEqualTo("mse");
            assertThat(r.epochsRun()).isBetween(1, 40);
            assertThat(r.bestEpoch()).isBetween(1, r.epochsRun());
            if (r.epochsRun() < 40) { // stopped: patience epochs without improvement after the best
                assertThat(r.epochsRun() - r.bestEpoch()).isEqualTo(2);
            }
            // the test set validates and the best weights are restored: the test MAE is the best epoch's validation MAE
            assertThat(r.testAccuracy()).isEqualTo(r.at(r.bestEpoch(), RunsTable.VAL_ACCURACY));
            assertThat(r.testAccuracy()).isGreaterThan(0.2).isLessThan(0.8); // about the noise's MAE (0.4), not an accuracy
            assertThat(r.at(40, RunsTable.BEST_VAL_ACCURACY)).isEqualTo(r.bestValAccuracy());
            assertThat(r.bestValAccuracy()).isLessThanOrEqualTo(r.at(1, RunsTable.VAL_ACCURACY));
            assertThat(r.atLastEpoch(RunsTable.VAL_ACCURACY)).isEqualTo(r.at(r.epochsRun(), RunsTable.VAL_ACCURACY));
        });
        assertThat(runs).anySatisfy(r -> assertThat(r.epochsRun()).isLessThan(40));
        assertThat(RunsTable.names().subList(RunsTable.names().size() - 5, RunsTable.names().size()))
                .containsExactly("loss", "epochs_run", "best_epoch", "best_val_accuracy", "test_loss");
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary).anySatisfy(l -> assertThat(l).startsWith("he_normal,val_accuracy,2,"))
                .anySatisfy(l -> assertThat(l).startsWith("he_normal,best_val_accuracy,2,"));
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Validation data: the TEST set").contains("mean absolute error").contains("Early stopping");
    }

    /** Two classes of 8×8 RGB images told apart by colour: only a model that reads all three channels can. */
    static void writeImages(Path split, int perClass, long seed) throws IOException {
        Random rnd = new Random(seed);
        for (String cls : List.of("blue", "red")) {
            Path dir = Files.createDirectories(split.resolve(cls));
            for (int i = 0; i < perClass; i++) {
                BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int noise = rnd.nextInt(100);
                        int strong = 155 + rnd.nextInt(100);
                        int r = cls.equals("red") ? strong : noise;
                        int b = cls.equals("blue") ? strong : noise;
                        img.setRGB(x, y, (r << 16) | (rnd.nextInt(100) << 8) | b);
                    }
                }
                ImageIO.write(img, "png", dir.resolve(String.format(Locale.ROOT, "%03d.png", i)).toFile());
            }
        }
    }

    @Test
    void aCnnStudyTrainsOnThreeChannelImages() throws IOException {
        Path data = tmp.resolve("data");
        writeImages(data.resolve("cifar10-jpeg/train"), 40, 1);
        writeImages(data.resolve("cifar10-jpeg/test"), 20, 2);
        Path yaml = tmp.resolve("tiny-cnn.yaml");
        Files.writeString(yaml, """
                name: tiny-cnn
                dataset: cifar10-jpeg
                model:
                  layers: ['conv 4 3x3 relu', 'maxpool 2', 'flatten', 'dense 2']
                optimizer: adam
                lr: 0.01
                batch: 16
                epochs: 3
                validation: {split: random, fraction: 0.25}
                seeds: [1]
                probe_rows: 16
                initializers: [he_normal]
                """);
        Path out = tmp.resolve("out");
        StudyRunner.Outcome o = run(yaml, out, data);
        assertThat(o.failed()).isZero();
        RunRecord r = RunsTable.read(out.resolve("runs.csv")).runs().get(0);
        assertThat(r.model()).startsWith("192 | conv 4 3x3 relu"); // 3 × 8 × 8 inputs
        assertThat(r.testAccuracy()).isGreaterThan(0.9);
        assertThat(r.loss()).isEqualTo("softmax_cross_entropy");
        assertThat(r.epochsRun()).isEqualTo(3);
        assertThat(r.bestEpoch()).isZero();
    }
}
