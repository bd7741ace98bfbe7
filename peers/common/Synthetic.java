package peers;

import java.util.Random;

/**
 * Synthetic images that every Java peer generates bit for bit alike (java.util.Random), for workloads whose
 * data set is not here for every peer (CIFAR-10 is a JPEG copy that only initlab reads). They are learnable,
 * so a broken peer shows in its accuracy: class c brightens the horizontal band of rows [c·h/10, (c+1)·h/10)
 * in every channel on top of uniform noise in [0, 0.5).
 */
public final class Synthetic {
    private Synthetic() {}

    public static final int CLASSES = 10;

    /** n images of channels×h×w (NCHW, row after row) and their labels (i mod 10). */
    public record Images(float[] x, int[] labels, int channels, int h, int w) {
        public int count() {
            return labels.length;
        }
    }

    public static Images images(int n, int channels, int h, int w, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * channels * h * w];
        int[] labels = new int[n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            int label = i % CLASSES;
            labels[i] = label;
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < h; y++) {
                    float band = y >= label * h / CLASSES && y < (label + 1) * h / CLASSES ? 0.5f : 0f;
                    for (int col = 0; col < w; col++) {
                        x[at++] = 0.5f * r.nextFloat() + band;
                    }
                }
            }
        }
        return new Images(x, labels, channels, h, w);
    }
}
