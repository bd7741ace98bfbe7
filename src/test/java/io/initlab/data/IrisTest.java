package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IrisTest {
    @TempDir
    Path dir;

    Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("iris.json"), json);
    }

    @Test
    void standardizesWithPopulationStdAndNumbersSpeciesInSortedOrder() throws IOException {
        // column 0: 1, 2, 3, 6 -> mean 3, population std sqrt((4+1+0+9)/4) = sqrt(3.5)
        Path f = write("[[1, 10, 0.5, 7, \"virginica\"], [2, 10, 1.5, 8, \"setosa\"],"
                + " [3, 20, 0.5, 9, \"versicolor\"], [6, 20, 1.5, 10, \"setosa\"]]");
        Dataset d = Iris.read("iris", f);
        assertThat(d.count()).isEqualTo(4);
        assertThat(d.features()).isEqualTo(4);
        assertThat(d.classes()).isEqualTo(3);
        assertThat(d.isTabular()).isTrue();
        assertThat(d.labels()).containsExactly(2, 0, 1, 0);
        double s = Math.sqrt(3.5);
        assertThat(d.images()[0]).isEqualTo((float) (-2 / s));
        assertThat(d.images()[4]).isEqualTo((float) (-1 / s));
        assertThat(d.images()[12]).isEqualTo((float) (3 / s));
        assertThat(d.images()[1]).isEqualTo(-1f);  // 10, 10, 20, 20: mean 15, std 5
        assertThat(d.images()[3]).isEqualTo((float) (-1.5 / Math.sqrt(1.25)));
    }

    @Test
    void brokenFilesSayWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> Iris.read("iris", write("[[1, 2, 3, 4, \"setosa\"], [1, 2, 3, \"setosa\"]]")))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("iris.json") + ": row 1 is [1,2,3,\"setosa\"], expected [4 numbers, \"species\"]");
        assertThatThrownBy(() -> Iris.read("iris", write("[[1, 2, 3, 4, \"rose\"], [1, 2, 3, 5, \"setosa\"]]")))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("iris.json") + ": row 0: species \"rose\" is not one of [setosa, versicolor, virginica]");
        assertThatThrownBy(() -> Iris.read("iris", write("[[1, \"2\", 3, 4, \"setosa\"]]")))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("iris.json") + ": row 0: feature 1 is \"2\", not a finite number");
        assertThatThrownBy(() -> Iris.read("iris", write("[[1, 2, 3, 4, \"setosa\"], [1, 2,")))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(dir.resolve("iris.json") + ": not valid JSON: ");
        assertThatThrownBy(() -> Iris.read("iris", write("{}")))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("iris.json") + ": expected a non-empty JSON array of rows [4 numbers, \"species\"]");
        assertThatThrownBy(() -> Iris.read("iris", write("[[1, 2, 3, 4, \"setosa\"], [1, 2, 3, 5, \"setosa\"]]")))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("iris.json") + ": feature 0 has the same value in every row; it cannot be standardized");
        Path missing = dir.resolve("nope/iris.json");
        assertThatThrownBy(() -> Iris.read("iris", missing))
                .isInstanceOf(DataException.class)
                .hasMessage(missing + ": no such file; run scripts/fetch-data.sh iris to download it"
                        + " (or point INITLAB_DATA at the directory that holds iris/)");
    }

    /** The fetched file (scripts/fetch-data.sh iris), when present. */
    @Test
    void realIrisHas150RowsStandardizedLikeStandardScaler() {
        Path root = Datasets.defaultDataRoot();
        assumeTrue(Files.isRegularFile(root.resolve("iris").resolve(Iris.FILE)), "iris not fetched under " + root);
        DatasetPair p = Datasets.load("iris", root);
        Dataset d = p.train();
        assertThat(d.count()).isEqualTo(150);
        assertThat(p.test().count()).isZero();
        assertThat(d.labelHistogram()).containsExactly(50, 50, 50);
        // first row 5.1, 3.5, 1.4, 0.2: StandardScaler().fit_transform(load_iris().data)[0]
        assertThat(d.images()[0]).isCloseTo(-0.90068117f, within(1e-6f));
        assertThat(d.images()[1]).isCloseTo(1.01900435f, within(1e-6f));
        assertThat(d.images()[2]).isCloseTo(-1.34022653f, within(1e-6f));
        assertThat(d.images()[3]).isCloseTo(-1.3154443f, within(1e-6f));
        for (int f = 0; f < 4; f++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < 150; i++) {
                sum += d.images()[i * 4 + f];
                sq += d.images()[i * 4 + f] * d.images()[i * 4 + f];
            }
            assertThat(sum / 150).isCloseTo(0, within(1e-6));
            assertThat(sq / 150).isCloseTo(1, within(1e-5));  // population variance 1
        }
    }
}
