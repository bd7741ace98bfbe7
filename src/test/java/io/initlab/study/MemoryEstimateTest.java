package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.backend.jvm.JvmOps;
import io.initlab.data.Dataset;
import io.initlab.data.DatasetPair;
import io.initlab.data.Datasets;
import io.initlab.init.InitSpec;
import io.initlab.model.Activation;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;
import io.initlab.train.TrainConfig;
import io.initlab.train.Trainer;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimate against what a built trainer really holds, and the one-line refusals it leads to. */
class MemoryEstimateTest {

    /**
     * Bytes of every primitive array reachable from a trainer through its own objects (network, layers,
     * parameters, optimizer, batch buffers): each array once, 4 bytes per element. The engine and the
     * recorded phases are not followed: they belong to the backend, not to the model.
     */
    static long heldBytes(Object root) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        return held(root, seen);
    }

    private static long held(Object o, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return 0;
        }
        Class<?> c = o.getClass();
        if (c.isArray()) {
            if (c.getComponentType().isPrimitive()) {
                assertThat(c.getComponentType()).as("element type").isIn(float.class, int.class);
                return 4L * Array.getLength(o);
            }
            long sum = 0;
            for (int i = 0; i < Array.getLength(o); i++) {
                sum += held(Array.get(o, i), seen);
            }
            return sum;
        }
        if (o instanceof Collection<?> col) {
            return col.stream().mapToLong(e -> held(e, seen)).sum();
        }
        String pkg = c.getPackageName();
        if (!java.util.Set.of("io.initlab.model", "io.initlab.train", "io.initlab.loss", "io.initlab.optim").contains(pkg)) {
            return 0; // engine, ops, phases, initializer specs
        }
        long sum = 0;
        if (c.isEnum()) {
            return 0;
        }
        for (Class<?> k = c; k != null && k.getPackageName().equals(pkg); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    sum += held(f.get(o), seen);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return sum;
    }

    static Dataset images(int count, int channels, int side) {
        Random r = new Random(3);
        float[] x = new float[count * channels * side * side];
        int[] y = new int[count];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int i = 0; i < count; i++) {
            y[i] = i % 4;
        }
        return Dataset.images("random", x, y, channels, side, side, 4);
    }

    /** Builds a trainer, takes a step (conv and pool input gradients are allocated on the first backward), counts. */
    static void estimateMatchesTheBuiltTrainer(ModelSpec model, int batch, int probeRows) {
        TrainConfig cfg = new TrainConfig(model, InitSpec.of("he_normal"), null, OptimizerConfig.adam(1e-3), batch, 1, 1,
                false, false, probeRows);
        Dataset d = images(batch, model.channels(), model.height());
        long held;
        try (JvmOps ops = new JvmOps(1)) {
            Trainer t = new Trainer(ops, cfg);
            t.initialize();
            t.stepOn(d, io.initlab.data.Splits.range(batch), 0, 1);
            held = heldBytes(t);
        }
        long estimate = MemoryEstimate.of(model, cfg.maxRows()).runBytes();
        // exact but for a few small arrays (optimizer hyper-parameters, the step counter)
        assertThat(estimate).as(model.describe()).isBetween(held - 64, held);
    }

    @Test
    void matchesWhatAnMlpHolds() {
        estimateMatchesTheBuiltTrainer(ModelSpec.mlp(8, 8, new int[] {32, 16}, Activation.RELU, 0.3, 4), 16, 0);
        // a batch and a probe larger than the evaluation chunk set the rows
        estimateMatchesTheBuiltTrainer(ModelSpec.mlp(8, 8, new int[] {5}, Activation.TANH, 0, 4), 1500, 0);
        estimateMatchesTheBuiltTrainer(ModelSpec.mlp(8, 8, new int[] {5}, Activation.TANH, 0, 4), 16, 2500);
    }

    @Test
    void matchesWhatACnnHolds() {
        estimateMatchesTheBuiltTrainer(ModelSpec.parse(8, 8, List.of("conv 3 3x3 relu", "conv 4 3x3 tanh same", "maxpool 2",
                "flatten", "dense 6 relu", "dropout 0.5", "dense 4")), 8, 0);
        estimateMatchesTheBuiltTrainer(ModelSpec.parse(8, 8, List.of("maxpool 2", "conv 2 2x2 relu", "dense 4")), 8, 0);
    }

    @Test
    void matchesWhatAThreeChannelCnnHolds() {
        // CIFAR's shape (3 planes): the first convolution's columns and the input batch count every plane
        estimateMatchesTheBuiltTrainer(ModelSpec.parse(3, 8, 8, List.of("conv 4 3x3 relu same", "maxpool 2",
                "conv 2 3x3 tanh", "flatten", "dense 4")), 8, 0);
        estimateMatchesTheBuiltTrainer(ModelSpec.mlp(3, 8, 8, new int[] {6}, Activation.RELU, 0, 4), 8, 0);
        // the same model on one plane of 28 x 28 (what studies used to be estimated at) needs less than on 3 x 32 x 32
        List<String> cnn = List.of("conv 32 3x3 relu", "maxpool 2", "flatten", "dense 10");
        assertThat(MemoryEstimate.of(ModelSpec.parse(3, 32, 32, cnn), 64).runBytes())
                .isGreaterThan(MemoryEstimate.of(ModelSpec.parse(1, 28, 28, cnn), 64).runBytes() * 13 / 10);
    }

    @Test
    void datasetBytesOfOtherSetsCountTheirKnownRowsWhenPresent(@TempDir Path tmp) throws Exception {
        assertThat(MemoryEstimate.datasetBytes(tmp, "cifar10-jpeg")).isZero(); // not fetched: loading says so later
        java.nio.file.Files.createDirectories(tmp.resolve("cifar10-jpeg"));
        assertThat(MemoryEstimate.datasetBytes(tmp, "cifar10-jpeg")).isEqualTo(4L * 60_000 * (3 * 32 * 32 + 1));
    }

    @Test
    void datasetBytesAreWhatLoadingHolds(@TempDir Path tmp) throws Exception {
        Path root = SyntheticMnist.write(tmp, 300, 50);
        DatasetPair p = Datasets.load("mnist", root);
        long loaded = 4L * (p.train().images().length + p.train().labels().length + p.test().images().length
                + p.test().labels().length);
        // the IDX headers (16 + 8 bytes per part) count as pixels: 4 × 48 bytes too many
        assertThat(MemoryEstimate.datasetBytes(root, "mnist")).isEqualTo(loaded + 4 * 48);
        assertThat(MemoryEstimate.datasetBytes(tmp.resolve("nowhere"), "mnist")).isZero();
    }

    @Test
    void refusesWhatCannotFitWithOneLineSayingWhy() {
        MemoryEstimate huge = MemoryEstimate.of(ModelSpec.mlp(28, 28, new int[] {200000, 200000}, Activation.RELU, 0, 10), 1000);
        // by hand: 40,159.4 M parameters × 16 bytes = 598.4 GiB; buffers of 1000 rows, 1,601.6 M floats = 6.0 GiB
        String why = huge.problem(2, 230L << 20, 8L << 30, 64L << 30);
        assertThat(why).doesNotContain("\n").contains("needs about 1.2 TB (2 parallel runs of 604.4 GB + data 230.0 MB)",
                "this JVM may use only 8.0 GB", "fewer --jobs", "this machine has 64.0 GB");
        MemoryEstimate mid = MemoryEstimate.of(ModelSpec.mlp(28, 28, new int[] {20000}, Activation.RELU, 0, 10), 1000);
        assertThat(mid.problem(1, 0, 256L << 20, 64L << 30)).contains("a run of", "INITLAB_JAVA_OPTS=-Xmx").doesNotContain("jobs");
        assertThat(mid.problem(1, 0, 1L << 30, 64L << 30)).isNull(); // about 580 MB
        // wider than any heap and beyond int: saturates instead of wrapping round to a small size
        MemoryEstimate absurd = MemoryEstimate.of(ModelSpec.mlp(28, 28, new int[] {2000000000, 2000000000}, Activation.RELU, 0, 10), 1000);
        assertThat(absurd.runBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(absurd.problem(1, 0, Long.MAX_VALUE / 2, 64L << 30)).contains("needs about");
        // fits the heap but one array would pass Java's length limit (new float[in * out] would overflow int)
        MemoryEstimate wide = MemoryEstimate.of(ModelSpec.mlp(28, 28, new int[] {50000, 50000}, Activation.RELU, 0, 10), 1000);
        assertThat(wide.problem(1, 0, Long.MAX_VALUE, Long.MAX_VALUE)).contains("2500000000 elements", "more than a Java array");
    }

    @Test
    void aStudyThatCannotFitIsRefusedAtItsModelLine() {
        Study s = StudyLoader.parse(Path.of("big.yaml"), "initializers: [zeros]\nbatch: 32\nmodel:\n  hidden: [2000000000]\n");
        assertThatThrownBy(() -> StudyLoader.requireMemory(s, 1, 0)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("big.yaml:3: key 'model': this study needs about")
                .hasMessageContaining("but this JVM may use only");
        StudyLoader.requireMemory(StudyLoader.parse(Path.of("small.yaml"), "initializers: [zeros]\n"), 2, 220L << 20);
    }
}
