package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaliforniaHousingTest {
    static final String HEADER = String.join(",", CaliforniaHousing.FEATURES) + "," + CaliforniaHousing.TARGET + "\n";

    @TempDir
    Path dir;

    @Test
    void splitsSmallFileWithKerasOrder() throws IOException {
        // row i has every feature = i and target = 1000 * i
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 10; i++) {
            sb.append((i + ",").repeat(8)).append(1000 * i).append(".000000\n");
        }
        Path f = Files.writeString(dir.resolve("cal_housing.data"), sb);
        DatasetPair p = CaliforniaHousing.load("ch", f);
        int[] order = new NumpyLegacyRandom(113).permutation(10);  // np.random.RandomState(113).shuffle(arange(10))
        assertThat(p.train().count()).isEqualTo(8);
        assertThat(p.test().count()).isEqualTo(2);
        assertThat(p.train().name()).isEqualTo("ch-train");
        assertThat(p.train().features()).isEqualTo(8);
        for (int k = 0; k < 10; k++) {
            Dataset d = k < 8 ? p.train() : p.test();
            int at = k < 8 ? k : k - 8;
            assertThat(d.targets()[at]).isEqualTo(1000f * order[k]);
            assertThat(d.images()[at * 8 + 7]).isEqualTo((float) order[k]);
        }
    }

    @Test
    void missingColumnIsNamed() throws IOException {
        Path f = Files.writeString(dir.resolve("cal_housing.data"), "longitude,latitude\n1,2\n");
        assertThatThrownBy(() -> CaliforniaHousing.load("ch", f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": no column 'median_house_value'; the header has [longitude, latitude]");
        Path missing = dir.resolve("no/cal_housing.data");
        assertThatThrownBy(() -> CaliforniaHousing.load("ch", missing))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(missing + ": no such file; run scripts/fetch-data.sh california-housing");
    }

    /** The fetched StatLib file, when present: Keras' split of it. */
    @Test
    void realFileGivesKerasSplit() {
        Path root = Datasets.defaultDataRoot();
        assumeTrue(Files.isRegularFile(root.resolve("california-housing").resolve(CaliforniaHousing.FILE)),
                "california-housing not fetched under " + root);
        DatasetPair p = Datasets.load("california-housing", root);
        assertThat(p.train().count()).isEqualTo(16512);
        assertThat(p.test().count()).isEqualTo(4128);
        // Keras' x_train[0] is StatLib row 4380 (0-based; line 4382 of the file), x_test[0] the row at
        // position 16512 of the shuffle; values as numpy printed them after the float32 cast
        assertThat(Arrays.copyOf(p.train().images(), 8))
                .containsExactly(-118.27f, 34.09f, 52f, 2327f, 555f, 1048f, 491f, 3.7847f);
        assertThat(p.train().targets()[0]).isEqualTo(252300f);
        assertThat(Arrays.copyOf(p.test().images(), 8))
                .containsExactly(-118.36f, 34.08f, 45f, 2195f, 483f, 1265f, 455f, 3.3864f);
        assertThat(p.test().targets()[0]).isEqualTo(397900f);
        double sum = 0;
        for (float t : p.train().targets()) {
            sum += t;
        }
        assertThat(sum).isEqualTo(3414622761.0);  // numpy: y_train.astype(float64).sum()
    }
}
