package io.initlab.train;

import io.initlab.Prerequisites;
import io.initlab.data.Dataset;
import io.initlab.data.DatasetPair;
import io.initlab.data.Datasets;
import java.util.Random;

/**
 * Real MNIST (skipped where it has not been fetched, failed on CI: {@link Prerequisites#dataset}), and a
 * small synthetic 10-class problem for the tests that need no real data.
 */
final class TestData {
    private TestData() {}

    static DatasetPair mnist() {
        return Datasets.load("mnist", Prerequisites.dataset("mnist"));
    }

    /**
     * 10 classes of 8×8 "images": each class a fixed random prototype plus noise, so a linear model
     * separates them well and a constant-initialized one cannot.
     */
    static Dataset synthetic(int count, long seed) {
        Random proto = new Random(1);
        float[][] prototypes = new float[10][64];
        for (float[] p : prototypes) {
            for (int i = 0; i < 64; i++) {
                p[i] = proto.nextFloat();
            }
        }
        Random r = new Random(seed);
        float[] images = new float[count * 64];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            int c = r.nextInt(10);
            labels[n] = c;
            for (int i = 0; i < 64; i++) {
                images[n * 64 + i] = Math.min(1f, Math.max(0f, prototypes[c][i] + 0.3f * (float) r.nextGaussian()));
            }
        }
        return new Dataset("synthetic", images, labels, 8, 8, 10);
    }
}
