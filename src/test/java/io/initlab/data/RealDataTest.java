package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.initlab.Prerequisites;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Checks the fetched data itself, from {@link Datasets#defaultDataRoot()} (INITLAB_DATA or ./data of the
 * project). Where scripts/fetch-data.sh has not run: skipped on a developer's machine, failed on CI
 * ({@link Prerequisites#dataset}).
 */
class RealDataTest {

    @Test
    void mnistHasTheOfficialShapeAndLabels() {
        DatasetPair p = Datasets.load("mnist", Prerequisites.dataset("mnist"));
        assertThat(p.train().count()).isEqualTo(60000);
        assertThat(p.test().count()).isEqualTo(10000);
        assertThat(p.train().rows()).isEqualTo(28);
        assertThat(p.train().cols()).isEqualTo(28);
        assertThat(p.train().classes()).isEqualTo(10);
        assertThat(p.train().labels()[0]).isEqualTo(5);  // the famous first "5"
        assertThat(p.test().labels()[0]).isEqualTo(7);
        // the well-known class counts of the official files
        assertThat(p.train().labelHistogram()).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        assertThat(p.test().labelHistogram()).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
        assertThat(mean(p.train().images())).isCloseTo(0.1307, within(1e-3));  // the usual normalisation constant
    }

    /** The official Zalando split (Debian's dataset-fashion-mnist): 6,000 / 1,000 images per class, known first labels. */
    @Test
    void fashionMnistIsTheOfficialSplit() {
        DatasetPair p = Datasets.load("fashion-mnist", Prerequisites.dataset("fashion-mnist"));
        assertThat(p.train().count()).isEqualTo(60000);
        assertThat(p.test().count()).isEqualTo(10000);
        assertThat(p.train().features()).isEqualTo(784);
        assertThat(p.train().labelHistogram()).containsOnly(6000);
        assertThat(p.test().labelHistogram()).containsOnly(1000);
        assertThat(Arrays.copyOf(p.train().labels(), 10)).containsExactly(9, 0, 0, 3, 0, 2, 7, 2, 5, 5);
        assertThat(Arrays.copyOf(p.test().labels(), 10)).containsExactly(9, 2, 1, 1, 6, 1, 4, 6, 5, 7);
        // pixel sums of the first images (bytes), computed once from the official files with numpy
        assertThat(byteSum(p.train().images(), 784)).isEqualTo(76247);
        assertThat(byteSum(p.test().images(), 784)).isEqualTo(33456);
        assertThat(mean(p.train().images())).isCloseTo(0.286, within(5e-3));
    }

    static long byteSum(float[] x, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.round(x[i] * 255);
        }
        return s;
    }

    static double mean(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return s / x.length;
    }
}
