package io.initlab.backend.tornado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.backend.KernelInfo;
import io.initlab.backend.Ops;
import io.initlab.backend.tornado.TaskRecorder.Call;
import io.initlab.data.DatasetPair;
import io.initlab.init.InitSpec;
import io.initlab.model.Activation;
import io.initlab.model.ModelSpec;
import io.initlab.optim.OptimizerConfig;
import io.initlab.train.TrainConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;

/**
 * The tiled GEMMs ({@link TiledGemm}) on the device against the one-index bodies run on the JVM: bit for bit (each
 * element is the same sum in the same order), in the three layouts, at the MLP's shapes, at sizes that are not
 * multiples of the tiles, and at 1024³; and whole training steps that give the same bits with and without them.
 */
@Tag("tornado")
class TiledGemmTest {

    static TornadoDevice device;

    @BeforeAll
    static void setUp() {
        TornadoSetup.noBailout();
        device = TornadoSetup.device(System.getProperty("initlab.tornado.device"));
    }

    /**
     * Runs the GEMM call on the device, with the naive wrapper (variant null) or a {@link TiledGemm} variant, on its own
     * copies of the arrays; returns what became of C.
     */
    static float[] onDevice(Call naive, TiledGemm.Variant variant) throws Exception {
        Object[] x = naive.args();
        float[] a = ((float[]) x[0]).clone();
        float[] b = ((float[]) x[1]).clone();
        float[] out = ((float[]) x[2]).clone();
        KernelInfo kernel = KernelInfo.all().stream().filter(k -> k.name().equals(naive.kernel())).findFirst().orElseThrow();
        Object[] args = x.clone(); // the scalars: m, n, k (and runs, for the GEMMs over runs)
        args[0] = a;
        args[1] = b;
        args[2] = out;
        Call onCopies = TaskRecorder.call(kernel, args, null);
        Call run = variant == null ? onCopies : TiledGemm.runBy(onCopies, variant);
        String graph = "tiledtest" + GRAPHS.incrementAndGet();
        TaskGraph g = new TaskGraph(graph).transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b, out);
        run.adder().addTo(g, "t");
        g.transferToHost(DataTransferMode.EVERY_EXECUTION, out);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.snapshot())) {
            TaskRecorder.withGrids(plan, graph, Map.of("t", run));
            plan.withDevice(device).execute();
        }
        return out;
    }

    private static final AtomicInteger GRAPHS = new AtomicInteger();

    /** The body, run on the JVM on a copy of C. */
    static float[] onJvm(Call c) {
        Object[] x = c.args();
        float[] out = ((float[]) x[2]).clone();
        Ops body = new Ops() {};
        int m = (Integer) x[3];
        int n = (Integer) x[4];
        int k = (Integer) x[5];
        switch (c.kernel()) {
            case "gemmNN" -> body.gemmNN((float[]) x[0], (float[]) x[1], out, m, n, k);
            case "gemmTN" -> body.gemmTN((float[]) x[0], (float[]) x[1], out, m, n, k);
            default -> body.gemmNT((float[]) x[0], (float[]) x[1], out, m, n, k);
        }
        return out;
    }

    static float[] floats(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    /** The naive call of a layout; C starts as noise, so an element the kernel fails to write shows. */
    static Call gemm(String layout, int m, int n, int k, Random r) {
        TaskRecorder t = new TaskRecorder(false);
        float[] a = floats(r, Math.max(1, m * k)); // k = 0: never read, but a device buffer needs an element
        float[] b = floats(r, Math.max(1, k * n));
        float[] c = floats(r, m * n);
        switch (layout) {
            case "NN" -> t.ops().gemmNN(a, b, c, m, n, k);
            case "TN" -> t.ops().gemmTN(a, b, c, m, n, k);
            default -> t.ops().gemmNT(a, b, c, m, n, k);
        }
        return t.last();
    }

    /** Elements whose bits differ. */
    static int bitDifferences(float[] ref, float[] dev) {
        assertThat(dev).hasSameSizeAs(ref);
        int d = 0;
        for (int i = 0; i < ref.length; i++) {
            if (Float.floatToRawIntBits(ref[i]) != Float.floatToRawIntBits(dev[i])) {
                d++;
            }
        }
        return d;
    }

    static void assertSameBits(Call naive, TiledGemm.Variant variant) throws Exception {
        float[] ref = onJvm(naive);
        float[] dev = onDevice(naive, variant);
        Object[] x = naive.args();
        String what = naive.kernel() + " " + variant + " " + x[3] + "×" + x[4] + "×" + x[5];
        assertThat(bitDifferences(ref, dev)).as(what + ": elements whose bits differ from the body's").isZero();
    }

    /** m, n, k: the MLP's three layers (forward, weight gradient, input gradient shapes) and sizes off the tiles. */
    static final int[][] SHAPES = {{64, 256, 784}, {784, 256, 64}, {64, 784, 256}, {64, 128, 256}, {256, 128, 64},
            {64, 10, 128}, {128, 10, 128}, {1, 1, 1}, {7, 13, 5}, {33, 17, 129}, {65, 63, 17}, {3, 300, 2}, {130, 70, 16},
            {5, 4, 0}};

    @Test
    void tiledKernelsGiveTheBodysBitsInEveryLayout() throws Exception {
        Random r = new Random(13);
        for (int[] s : SHAPES) {
            for (String layout : List.of("NN", "TN", "NT")) {
                Call naive = gemm(layout, s[0], s[1], s[2], r);
                for (TiledGemm.Variant v : TiledGemm.Variant.values()) {
                    assertSameBits(naive, v);
                }
            }
        }
    }

    /** The naive device kernel gives the body's bits too, so tiled = naive on the device (what the engine swaps). */
    @Test
    void naiveKernelGivesTheBodysBits() throws Exception {
        Random r = new Random(17);
        for (int[] s : new int[][] {{64, 256, 784}, {33, 17, 129}}) {
            for (String layout : List.of("NN", "TN", "NT")) {
                Call naive = gemm(layout, s[0], s[1], s[2], r);
                assertThat(bitDifferences(onJvm(naive), onDevice(naive, null))).as(naive.describe()).isZero();
            }
        }
    }

    @Test
    void squareThousandTwentyFour() throws Exception {
        Random r = new Random(19);
        for (String layout : List.of("NN", "TN", "NT")) {
            assertSameBits(gemm(layout, 1024, 1024, 1024, r), TiledGemm.Variant.LOCAL_TILES);
        }
    }

    @Test
    void theEngineChoosesByShapeUnlessToldOtherwise() {
        Random r = new Random(23);
        Call square = gemm("NN", 1024, 1024, 1024, r);
        Call dense1 = gemm("NN", 64, 256, 784, r);
        Call dense1dW = gemm("TN", 784, 256, 64, r);
        Call dense3 = gemm("NN", 64, 10, 128, r);
        Call convForward = gemm("NN", 21632, 32, 9, r);
        assertThat(TiledGemm.variantOf(TiledGemm.fastest(square))).isEqualTo(TiledGemm.Variant.LOCAL_TILES);
        assertThat(TiledGemm.fastest(square).adder().grid()).isNotNull(); // a KernelContext kernel needs its geometry
        Call squareNT = gemm("NT", 1024, 1024, 1024, r);
        assertThat(TiledGemm.variantOf(TiledGemm.fastest(squareNT))).isEqualTo(TiledGemm.Variant.COLUMN_BLOCKS);
        assertThat(TiledGemm.variantOf(TiledGemm.fastest(dense1))).isEqualTo(TiledGemm.Variant.COLUMN_BLOCKS);
        assertThat(TiledGemm.variantOf(TiledGemm.fastest(dense1dW))).isEqualTo(TiledGemm.Variant.COLUMN_BLOCKS);
        assertThat(TiledGemm.fastest(dense1).adder().grid()).isNull();
        assertThat(TiledGemm.fastest(dense3)).isSameAs(dense3); // 10 columns: fewer than PoCL's 16 lanes
        assertThat(TiledGemm.fastest(convForward)).isSameAs(convForward); // depth 9: less than one tile
        assertThat(TiledGemm.variantOf(dense1)).isNull();
        String before = System.getProperty(TiledGemm.PROPERTY);
        System.setProperty(TiledGemm.PROPERTY, "false");
        try {
            assertThat(TiledGemm.fastest(dense1)).isSameAs(dense1);
            assertThat(TiledGemm.fastest(square)).isSameAs(square);
            System.setProperty(TiledGemm.PROPERTY, "tiled");
            assertThat(TiledGemm.variantOf(TiledGemm.fastest(dense3))).isEqualTo(TiledGemm.Variant.LOCAL_TILES);
            System.setProperty(TiledGemm.PROPERTY, "blocks");
            assertThat(TiledGemm.variantOf(TiledGemm.fastest(square))).isEqualTo(TiledGemm.Variant.COLUMN_BLOCKS);
            System.setProperty(TiledGemm.PROPERTY, "fast");
            assertThatThrownBy(() -> TiledGemm.fastest(dense1)).hasMessageContaining("use auto, false, tiled or blocks");
        } finally {
            restore(TiledGemm.PROPERTY, before);
        }
    }

    /**
     * The seed MLP's first 40 Adam steps on the device with the naive GEMMs, the engine's choice (2-D blocks at these
     * shapes), and every GEMM by the local tiles (their launch geometry in a multi-graph plan): the same losses and the
     * same weights, bit for bit (a fresh engine each, not the run cache's: each records its own graphs).
     */
    @Test
    void trainingStepsAreBitIdenticalWithAndWithoutTiles() {
        int steps = 40;
        int batch = 64;
        DatasetPair d = TrainingParityTest.data(steps * batch, 500);
        ModelSpec model = ModelSpec.mlp(28, 28, new int[] {256, 128}, Activation.RELU, 0, 10);
        TrainConfig cfg = new TrainConfig(model, InitSpec.parse("xavier_normal"), null, OptimizerConfig.adam(1e-3), batch,
                1, 42, false, false, 0);
        int[] train = TrainingParityTest.range(steps * batch);
        List<TrainingParityTest.Outcome> outcomes = new ArrayList<>();
        String tiled = System.getProperty(TiledGemm.PROPERTY);
        String reuse = System.getProperty("initlab.tornado.reuse");
        System.setProperty("initlab.tornado.reuse", "false");
        try {
            for (String mode : List.of("false", "auto", "tiled")) {
                System.setProperty(TiledGemm.PROPERTY, mode);
                outcomes.add(TrainingParityTest.runTornado(cfg, d.train(), train, new int[0], d.test()));
            }
        } finally {
            restore(TiledGemm.PROPERTY, tiled);
            restore("initlab.tornado.reuse", reuse);
        }
        TrainingParityTest.Outcome naive = outcomes.get(0);
        for (TrainingParityTest.Outcome fast : outcomes.subList(1, outcomes.size())) {
            assertThat(fast.record().losses).hasSize(steps).isEqualTo(naive.record().losses);
            for (int i = 0; i < naive.parameters().size(); i++) {
                assertThat(bitDifferences(naive.parameters().get(i), fast.parameters().get(i))).as("parameter " + i).isZero();
            }
            assertThat(fast.result().testLoss()).isEqualTo(naive.result().testLoss());
        }
    }

    static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /**
     * The GEMMs over R runs (lockstep training), naive and by the 2-D blocks, against the one-run body applied to each
     * run's blocks on the JVM: bit for bit, with row counts that are not multiples of the 8-row blocks.
     */
    @Test
    void gemmsOverRunsGiveEveryRunTheBitsOfItsOwnProduct() throws Exception {
        Random r = new Random(9);
        Ops body = new Ops() {};
        int runs = 3;
        for (String layout : List.of("NN", "TN", "NT")) {
            for (int[] s : new int[][] {{13, 37, 29}, {128, 256, 64}, {9, 16, 16}, {1, 17, 40}}) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                float[] a = floats(r, runs * m * k);
                float[] b = floats(r, runs * k * n);
                float[] c = floats(r, runs * m * n);
                float[] ref = c.clone();
                for (int run = 0; run < runs; run++) {
                    float[] ar = Arrays.copyOfRange(a, run * m * k, (run + 1) * m * k);
                    float[] br = Arrays.copyOfRange(b, run * k * n, (run + 1) * k * n);
                    float[] out = new float[m * n];
                    switch (layout) {
                        case "NN" -> body.gemmNN(ar, br, out, m, n, k);
                        case "TN" -> body.gemmTN(ar, br, out, m, n, k);
                        default -> body.gemmNT(ar, br, out, m, n, k);
                    }
                    System.arraycopy(out, 0, ref, run * m * n, m * n);
                }
                TaskRecorder t = new TaskRecorder(false);
                switch (layout) {
                    case "NN" -> t.ops().gemmNNRuns(a, b, c, m, n, k, runs);
                    case "TN" -> t.ops().gemmTNRuns(a, b, c, m, n, k, runs);
                    default -> t.ops().gemmNTRuns(a, b, c, m, n, k, runs);
                }
                Call naive = t.last();
                String shape = layout + " " + m + "×" + n + "×" + k + " × " + runs + " runs";
                assertThat(bitDifferences(ref, onDevice(naive, null))).as(shape + " naive").isZero();
                assertThat(bitDifferences(ref, onDevice(naive, TiledGemm.Variant.COLUMN_BLOCKS))).as(shape + " blocks").isZero();
            }
        }
    }
}
