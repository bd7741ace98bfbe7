package peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.util.Locale;
import java.util.Random;

/**
 * The PyTorch peer: libtorch through DJL's training API (model, trainer, gradient collector, optimizer), as a
 * DJL user writes it, on one thread (-Dai.djl.pytorch.num_threads=1, OMP_NUM_THREADS=1).
 *
 *   DjlPeer mlp MNIST_DIR [EPOCHS]          the seed MLP's reference run (784-256-128-10, Adam 1e-3, batch 64)
 *   DjlPeer cnn-5fold MNIST_DIR IMAGES      the Workloads CNNs (see peers/common/Workloads.java)
 *   DjlPeer cnn-cifar - IMAGES
 *
 * Weights Xavier-normal (σ = √(2/(fan_in+fan_out))), biases zero, a fresh shuffle each epoch; prints the
 * test accuracy and a last line "RESULT key=value ..." as the other peers do.
 */
public final class DjlPeer {
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: DjlPeer mlp MNIST_DIR [EPOCHS] | cnn-5fold MNIST_DIR IMAGES | cnn-cifar - IMAGES");
        }
        Engine engine = Engine.getEngine("PyTorch");
        System.out.println("djl: " + engine.getEngineName() + " " + engine.getVersion() + ", DJL " + Engine.getDjlVersion()
                + ", torch threads " + ai.djl.pytorch.jni.JniUtils.getNumThreads() + " (interop "
                + ai.djl.pytorch.jni.JniUtils.getNumInteropThreads() + ")");
        String workload = args[0];
        if (workload.equals("mlp")) {
            Mnist.Split train = Mnist.read(args[1], "train");
            Mnist.Split test = Mnist.read(args[1], "t10k");
            int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
            mlp(train, test, epochs);
            return;
        }
        int images = Integer.parseInt(args[2]);
        int batch = Workloads.batch(workload);
        SequentialBlock net = new SequentialBlock();
        Optimizer optimizer;
        Data train;
        Data test;
        if (workload.equals(Workloads.FIVE_FOLD)) {
            Mnist.Split tr = Mnist.read(args[1], "train");
            Mnist.Split te = Mnist.read(args[1], "t10k");
            train = new Data(tr.x(), tr.labels(), new long[] {1, 28, 28});
            test = new Data(te.x(), te.labels(), new long[] {1, 28, 28});
            net.add(conv(32)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(100).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(10).build());
            optimizer = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build();
        } else {
            Synthetic.Images tr = Synthetic.images(images, 3, 32, 32, Workloads.CIFAR_TRAIN_SEED);
            Synthetic.Images te = Synthetic.images(Workloads.CIFAR_TEST_IMAGES, 3, 32, 32, Workloads.CIFAR_TEST_SEED);
            train = new Data(tr.x(), tr.labels(), new long[] {3, 32, 32});
            test = new Data(te.x(), te.labels(), new long[] {3, 32, 32});
            net.add(conv(32)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(conv(64)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                    .add(Dropout.builder().optRate(0.5f).build())
                    .add(Linear.builder().setUnits(10).build());
            optimizer = adam();
        }
        if (images < batch || images > train.count()) {
            throw new IllegalArgumentException("IMAGES must be in [" + batch + ", " + train.count() + "], not " + images);
        }
        int steps = Workloads.steps(images, batch);
        int steadyFrom = Workloads.steadyFrom(steps);
        try (Model model = Model.newInstance(workload, Device.cpu(), "PyTorch")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(config(optimizer))) {
                trainer.initialize(train.batchShape(batch));
                int[] order = permutation(images, new Random(42));
                long start = System.nanoTime();
                long steadyStart = 0;
                for (int s = 0; s < steps; s++) {
                    step(trainer, train, order, s * batch, Math.min(batch, images - s * batch));
                    if (s + 1 == steadyFrom) {
                        steadyStart = System.nanoTime();
                    }
                }
                long end = System.nanoTime();
                double accuracy = accuracy(trainer, test);
                System.out.println(Workloads.resultLine(images, steps, steadyFrom, batch, (end - start) / 1e9,
                        (end - steadyStart) / 1e9, accuracy));
            }
        }
    }

    /** The seed MLP; steady state = the last epoch. */
    private static void mlp(Mnist.Split train, Mnist.Split test, int epochs) {
        int batch = 64;
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(256).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
        Data tr = new Data(train.x(), train.labels(), new long[] {784});
        Data te = new Data(test.x(), test.labels(), new long[] {784});
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(config(adam()))) {
                trainer.initialize(tr.batchShape(batch));
                Random shuffles = new Random(42);
                double all = 0;
                double last = 0;
                for (int e = 1; e <= epochs; e++) {
                    int[] order = permutation(tr.count(), shuffles);
                    long start = System.nanoTime();
                    double lossSum = 0;
                    for (int s = 0; s < tr.count(); s += batch) {
                        int rows = Math.min(batch, tr.count() - s);
                        lossSum += step(trainer, tr, order, s, rows) * rows;
                    }
                    last = (System.nanoTime() - start) / 1e9;
                    all += last;
                    System.out.printf(Locale.ROOT, "epoch %d: train_loss=%.4f (%.3f s)%n", e, lossSum / tr.count(), last);
                }
                double accuracy = accuracy(trainer, te);
                System.out.printf(Locale.ROOT, "RESULT samples_per_s=%.1f steady_samples_per_s=%.1f train_s=%.3f test_accuracy=%.4f%n",
                        (double) epochs * tr.count() / all, epochs > 1 ? tr.count() / last : Double.NaN, all, accuracy);
            }
        }
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters).build();
    }

    /** PyTorch's Adam defaults (β 0.9, 0.999, ε 1e-8), lr 1e-3. */
    private static Optimizer adam() {
        return Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
    }

    private static DefaultTrainingConfig config(Optimizer optimizer) {
        // magnitude 1 with the average of the fans: σ = √(1 / ((fan_in + fan_out) / 2)), Glorot's normal
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer)
                .optDevices(new Device[] {Device.cpu()})
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.AVG, 1), Parameter.Type.WEIGHT);
    }

    /** One training step on rows order[from .. from+rows); returns the batch's mean loss. */
    private static float step(Trainer trainer, Data data, int[] order, int from, int rows) {
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDArray x = batch.create(data.gather(order, from, rows), data.batchShape(rows));
            NDArray y = batch.create(data.labels(order, from, rows));
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList out = trainer.forward(new NDList(x));
                NDArray l = trainer.getLoss().evaluate(new NDList(y), out);
                collector.backward(l);
                loss = l.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    private static double accuracy(Trainer trainer, Data test) {
        int correct = 0;
        int[] all = permutation(test.count(), null);
        for (int s = 0; s < test.count(); s += 1000) {
            int rows = Math.min(1000, test.count() - s);
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDArray x = batch.create(test.gather(all, s, rows), test.batchShape(rows));
                long[] predicted = trainer.evaluate(new NDList(x)).singletonOrThrow().argMax(1).toLongArray();
                for (int i = 0; i < rows; i++) {
                    correct += predicted[i] == test.y[s + i] ? 1 : 0;
                }
            }
        }
        return (double) correct / test.count();
    }

    /** 0..n-1, shuffled by r (Fisher-Yates) unless r is null. */
    private static int[] permutation(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; r != null && i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Images as rows of floats and their labels; gathers a batch's rows. */
    private record Data(float[] x, int[] y, long[] imageShape) {
        int features() {
            int f = 1;
            for (long d : imageShape) {
                f *= (int) d;
            }
            return f;
        }

        int count() {
            return y.length;
        }

        Shape batchShape(int rows) {
            long[] s = new long[imageShape.length + 1];
            s[0] = rows;
            System.arraycopy(imageShape, 0, s, 1, imageShape.length);
            return new Shape(s);
        }

        float[] gather(int[] order, int from, int rows) {
            int f = features();
            float[] b = new float[rows * f];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, order[from + r] * f, b, r * f, f);
            }
            return b;
        }

        float[] labels(int[] order, int from, int rows) {
            float[] b = new float[rows];
            for (int r = 0; r < rows; r++) {
                b[r] = y[order[from + r]];
            }
            return b;
        }
    }
}
