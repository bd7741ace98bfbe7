package peers;

/**
 * The CNN workloads both Java peers train, by name, and how a run of one is timed. One place, so that
 * initlab's and PyTorch's drivers cannot drift apart.
 *
 * A run trains {@code images} training images once (one epoch, shuffled) from freshly initialized
 * weights. End to end = all steps, the first (JIT and library warm-up) included; steady = the steps of the
 * second half only. Then it prints the test accuracy (a broken peer shows there).
 */
public final class Workloads {
    private Workloads() {}

    /**
     * The 5-fold study's CNN (experiments/keras-cnn-5fold.yaml): MNIST, conv 32 3×3 ReLU → maxpool 2 →
     * dense 100 ReLU → dense 10; SGD lr 0.01 momentum 0.9, batch 32; the first {@code images} training images.
     */
    public static final String FIVE_FOLD = "cnn-5fold";
    /**
     * Part 8's DL-A1 CIFAR CNN (experiments/dl-a1-cnn-cifar10.yaml): conv 32 3×3 ReLU → maxpool 2 → conv 64
     * 3×3 ReLU → maxpool 2 → dense 128 ReLU → dropout 0.5 → dense 10; Adam lr 1e-3, batch 64; on
     * {@link Synthetic} 3×32×32 images (seed {@link #CIFAR_TRAIN_SEED}; test: {@link #CIFAR_TEST_IMAGES}
     * of seed {@link #CIFAR_TEST_SEED}).
     */
    public static final String CIFAR = "cnn-cifar";
    public static final long CIFAR_TRAIN_SEED = 7;
    public static final long CIFAR_TEST_SEED = 8;
    public static final int CIFAR_TEST_IMAGES = 1000;

    public static int batch(String workload) {
        return switch (workload) {
            case FIVE_FOLD -> 32;
            case CIFAR -> 64;
            default -> throw new IllegalArgumentException("unknown workload '" + workload + "' (use " + FIVE_FOLD
                    + " or " + CIFAR + ")");
        };
    }

    /** Steps of one epoch over n images, the last one short. */
    public static int steps(int n, int batch) {
        return (n + batch - 1) / batch;
    }

    /** The step after which the steady-state clock starts: half the epoch. */
    public static int steadyFrom(int steps) {
        return steps / 2;
    }

    /** The line scripts/peers.sh reads. */
    public static String resultLine(int images, int steps, int steadyFrom, int batch, double allSeconds,
                                    double steadySeconds, double testAccuracy) {
        int steadySamples = images - steadyFrom * batch;
        return String.format(java.util.Locale.ROOT,
                "RESULT samples_per_s=%.1f steady_samples_per_s=%.1f train_s=%.3f test_accuracy=%.4f steps=%d",
                images / allSeconds, steadySamples / steadySeconds, allSeconds, testAccuracy, steps);
    }
}
