package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.initlab.Prerequisites;
import java.nio.file.Path;
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

    @Test
    void fashionMnistHasOurSplit() {
        DatasetPair p = Datasets.load("fashion-mnist", Prerequisites.dataset("fashion-mnist"));
        assertThat(p.train().count()).isEqualTo(60000);
        assertThat(p.test().count()).isEqualTo(10000);
        assertThat(p.train().features()).isEqualTo(784);
        int[] all = new int[10];
        for (Dataset d : new Dataset[] {p.train(), p.test()}) {
            int[] h = d.labelHistogram();
            for (int c = 0; c < 10; c++) {
                all[c] += h[c];
                assertThat(h[c]).isCloseTo(d.count() / 10, within(d.count() / 20));
            }
        }
        assertThat(all).containsOnly(7000);
        assertThat(mean(p.train().images())).isCloseTo(0.286, within(5e-3));
    }

    /**
     * The conversion put image {@code perm[k]} of the class-ordered list (7,000 per class) at
     * position {@code k}, with perm = Splits.permutation(70000, 20240101): so every label is
     * {@code perm[k] / 7000}. This ties the node code in fetch-data.sh to {@link Splits}.
     */
    @Test
    void fashionMnistSplitIsSplitsPermutation() {
        DatasetPair p = Datasets.load("fashion-mnist", Prerequisites.dataset("fashion-mnist"));
        int[] perm = Splits.permutation(70000, 20240101L);
        int firstWrong = -1;
        for (int k = 0; k < 70000 && firstWrong < 0; k++) {
            int label = k < 60000 ? p.train().labels()[k] : p.test().labels()[k - 60000];
            if (label != perm[k] / 7000) {
                firstWrong = k;
            }
        }
        assertThat(firstWrong).as("first position whose label disagrees with the permutation").isEqualTo(-1);
    }

    static double mean(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return s / x.length;
    }
}
