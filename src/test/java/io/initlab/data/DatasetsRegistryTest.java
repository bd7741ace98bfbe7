package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sets added for parts 7 and 8, loaded by name from a data root as fetch-data.sh lays it out. */
class DatasetsRegistryTest {
    @TempDir
    Path root;

    @Test
    void irisIsAllTrainingRowsWithAnEmptyTestPart() throws IOException {
        Files.createDirectories(root.resolve("iris"));
        Files.writeString(root.resolve("iris/iris.json"), "[[1, 2, 3, 4, \"setosa\"], [2, 3, 4, 5, \"virginica\"]]");
        DatasetPair p = Datasets.load("iris", root);
        assertThat(p.train().name()).isEqualTo("iris-train");
        assertThat(p.train().labels()).containsExactly(0, 2);
        assertThat(p.test().name()).isEqualTo("iris-test");
        assertThat(p.test().count()).isZero();
        assertThat(p.test().features()).isEqualTo(4);
    }

    @Test
    void californiaHousingIsARegressionPair() throws IOException {
        Files.createDirectories(root.resolve("california-housing"));
        StringBuilder sb = new StringBuilder(CaliforniaHousingTest.HEADER);
        for (int i = 0; i < 5; i++) {
            sb.append("1,2,3,4,5,6,7,8,").append(i).append('\n');
        }
        Files.writeString(root.resolve("california-housing/cal_housing.data"), sb);
        DatasetPair p = Datasets.load("california-housing", root);
        assertThat(p.train().isRegression()).isTrue();
        assertThat(p.train().count()).isEqualTo(4);  // int(5 * 0.8)
        assertThat(p.test().count()).isEqualTo(1);
        assertThat(p.test().name()).isEqualTo("california-housing-test");
    }

    @Test
    void cifar10JpegIsTwoImageFolders() throws IOException {
        for (String split : new String[] {"train", "test"}) {
            for (String cls : new String[] {"cat", "airplane"}) {
                Path d = Files.createDirectories(root.resolve("cifar10-jpeg").resolve(split).resolve(cls));
                ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", d.resolve("0000.png").toFile());
            }
        }
        DatasetPair p = Datasets.load("cifar10-jpeg", root);
        assertThat(p.train().labels()).containsExactly(0, 1);
        assertThat(p.train().channels()).isEqualTo(3);
        assertThat(p.test().name()).isEqualTo("cifar10-jpeg-test");
    }

    @Test
    void missingNewSetsPointAtTheFetchScript() {
        assertThatThrownBy(() -> Datasets.load("iris", root))
                .isInstanceOf(DataException.class)
                .hasMessage(root.resolve("iris/iris.json") + ": no such file; run scripts/fetch-data.sh iris to download it"
                        + " (or point INITLAB_DATA at the directory that holds iris/)");
        assertThatThrownBy(() -> Datasets.load("cifar10-jpeg", root))
                .isInstanceOf(DataException.class)
                .hasMessage(root.resolve("cifar10-jpeg") + ": no such folder; run scripts/fetch-data.sh cifar10-jpeg to download"
                        + " it (or point INITLAB_DATA at the directory that holds cifar10-jpeg/)");
    }
}
