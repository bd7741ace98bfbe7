package peers;

import io.initlab.backend.jvm.JvmBackend;
import io.initlab.bench.TrainBench;
import io.initlab.data.Dataset;
import io.initlab.data.DatasetPair;
import io.initlab.data.Datasets;
import io.initlab.data.Splits;
import io.initlab.init.InitSpec;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;
import io.initlab.train.RunResult;
import io.initlab.train.TrainConfig;
import io.initlab.train.TrainListener;
import io.initlab.train.Trainer;

/**
 * initlab's side of a {@link Workloads} CNN: the library's own Trainer (what `initlab train` and a study
 * run) on the JVM backend with one thread, timed as Workloads says.
 *
 *   InitlabCnn WORKLOAD IMAGES        (MNIST from INITLAB_DATA for cnn-5fold)
 */
public final class InitlabCnn {
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: InitlabCnn cnn-5fold|cnn-cifar IMAGES");
        }
        String workload = args[0];
        int images = Integer.parseInt(args[1]);
        int batch = Workloads.batch(workload);
        // the model, optimizer and batch `initlab bench train --cnn` measures: one definition for both
        TrainBench.Cnn cnn = TrainBench.CNNS.stream()
                .filter(c -> c.name().equals(workload.equals(Workloads.FIVE_FOLD) ? "5-fold cnn 1x28x28" : "dl-a1 cifar 3x32x32"))
                .findFirst().orElseThrow();
        if (cnn.batch() != batch) {
            throw new IllegalStateException(workload + ": batch " + batch + " in Workloads, " + cnn.batch() + " in TrainBench");
        }
        Dataset train;
        Dataset test;
        if (workload.equals(Workloads.FIVE_FOLD)) {
            DatasetPair mnist = Datasets.load("mnist");
            train = mnist.train();
            test = mnist.test();
        } else {
            train = dataset("synthetic train", Synthetic.images(images, 3, 32, 32, Workloads.CIFAR_TRAIN_SEED));
            test = dataset("synthetic test", Synthetic.images(Workloads.CIFAR_TEST_IMAGES, 3, 32, 32, Workloads.CIFAR_TEST_SEED));
        }
        if (images < batch || images > train.count()) {
            throw new IllegalArgumentException("IMAGES must be in [" + batch + ", " + train.count() + "], not " + images);
        }
        ModelSpec model = cnn.model();
        OptimizerConfig optimizer = cnn.optimizer();
        TrainConfig cfg = new TrainConfig(model, InitSpec.of("xavier_normal"), null, optimizer, batch, 1, 42, false,
                false, 0);
        int steps = Workloads.steps(images, batch);
        int steadyFrom = Workloads.steadyFrom(steps);
        long[] clock = new long[2];
        try (JvmBackend backend = new JvmBackend(1)) {
            System.out.println("initlab: " + backend.description() + ", JDK " + Runtime.version() + ", " + workload
                    + ", " + images + " images, batch " + batch);
            RunResult r = new Trainer(backend.engine(), cfg).run(train, Splits.range(images), new int[0], test,
                    new TrainListener() {
                        @Override
                        public void onBatch(int epoch, int step, double loss) {
                            if (step == steadyFrom) {
                                clock[0] = System.nanoTime();
                            } else if (step == steps) {
                                clock[1] = System.nanoTime();
                            }
                        }
                    });
            System.out.println(Workloads.resultLine(images, steps, steadyFrom, batch, r.trainSeconds(),
                    (clock[1] - clock[0]) / 1e9, r.testAccuracy()));
        }
    }

    private static Dataset dataset(String name, Synthetic.Images s) {
        return Dataset.images(name, s.x(), s.labels(), s.channels(), s.h(), s.w(), Synthetic.CLASSES);
    }
}
