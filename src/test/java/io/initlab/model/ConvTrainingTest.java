package io.initlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.initlab.backend.jvm.JvmOps;
import io.initlab.init.InitSpec;
import io.initlab.init.Initialization;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A small CNN learns a translation-heavy synthetic task (a short bar, horizontal, vertical or diagonal,
 * or a 2×2 square, anywhere on a noisy 8×8 image) with SGD momentum 0.9 at lr 0.01, and a training step
 * of a CNN allocates nothing once warm.
 */
class ConvTrainingTest {
    static final int SIDE = 8;
    static final int CLASSES = 4;
    static final int BATCH = 32;
    /** Pixel offsets (dy, dx) of each class's stroke. */
    static final int[][][] STROKES = {
            {{0, 0}, {0, 1}, {0, 2}}, {{0, 0}, {1, 0}, {2, 0}}, {{0, 0}, {1, 1}, {2, 2}}, {{0, 0}, {0, 1}, {1, 0}, {1, 1}}};

    record Images(float[] x, int[] y) {}

    static Images images(int count, long seed) {
        Random r = new Random(seed);
        float[] x = new float[count * SIDE * SIDE];
        int[] y = new int[count];
        for (int n = 0; n < count; n++) {
            int c = r.nextInt(CLASSES);
            y[n] = c;
            int oy = r.nextInt(SIDE - 2);
            int ox = r.nextInt(SIDE - 2);
            for (int i = 0; i < SIDE * SIDE; i++) {
                x[n * SIDE * SIDE + i] = 0.25f * (float) r.nextGaussian();
            }
            for (int[] d : STROKES[c]) {
                x[n * SIDE * SIDE + (oy + d[0]) * SIDE + ox + d[1]] += 1f;
            }
        }
        return new Images(x, y);
    }

    static final ModelSpec MODEL = ModelSpec.parse(SIDE, SIDE, List.of("conv 8 3x3 relu same", "maxpool 2", "flatten",
            "dense 32 relu", "dense 4"));

    /** One SGD step on rows [from, from + BATCH) of data; x and y are preallocated batch buffers. */
    static void step(JvmOps ops, Network net, Parameter[] ps, Images data, int from, float[] x, int[] y, float[][] velocity,
                     float[] hp) {
        int f = SIDE * SIDE;
        System.arraycopy(data.x(), from * f, x, 0, BATCH * f);
        System.arraycopy(data.y(), from, (int[]) net.loss().targets(), 0, BATCH);
        float[] logits = net.forward(ops, x, BATCH, true);
        net.loss().forward(ops, logits, BATCH);
        net.backward(ops, x, BATCH);
        for (int i = 0; i < ps.length; i++) {
            ops.sgd(ps[i].value, ps[i].grad, velocity[i], ps[i].size(), hp);
        }
    }

    static float[][] velocities(Network net) {
        List<Parameter> ps = net.parameters();
        float[][] v = new float[ps.size()][];
        for (int i = 0; i < ps.size(); i++) {
            v[i] = new float[ps.get(i).size()];
        }
        return v;
    }

    static double accuracy(JvmOps ops, Network net, Images data) {
        int rows = data.y().length;
        System.arraycopy(data.y(), 0, (int[]) net.loss().targets(), 0, rows);
        float[] logits = net.forward(ops, data.x(), rows, false);
        net.loss().score(ops, logits, rows);
        return net.loss().scoreSum(rows) / rows;
    }

    @Test
    void aSmallCnnLearnsShapesAnywhereInTheImage() {
        Images train = images(2000, 1);
        Images test = images(500, 2);
        try (JvmOps ops = new JvmOps(1)) {
            Network net = new Network(MODEL, 500, 3);
            Initialization.apply(ops, net.parameters(), InitSpec.parse("he_uniform"), null, 4);
            double before = accuracy(ops, net, test);
            float[][] v = velocities(net);
            Parameter[] ps = net.parameters().toArray(new Parameter[0]);
            float[] hp = {0.01f, 0.9f};
            float[] x = new float[BATCH * SIDE * SIDE];
            int[] y = new int[BATCH];
            for (int epoch = 0; epoch < 10; epoch++) {
                for (int from = 0; from + BATCH <= 2000; from += BATCH) {
                    step(ops, net, ps, train, from, x, y, v, hp);
                }
            }
            double after = accuracy(ops, net, test);
            assertThat(before).isLessThan(0.5);
            assertThat(after).as("test accuracy after 10 epochs (chance 0.25, before %.3f)", before).isGreaterThan(0.75);
        }
    }

    @Test
    void aCnnTrainingStepAllocatesNothing() {
        Images train = images(320, 5);
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        ModelSpec deeper = ModelSpec.parse(SIDE, SIDE, List.of("conv 4 3x3 relu same", "conv 6 2x2 tanh", "maxpool 2",
                "dropout 0.2", "flatten", "dense 4"));
        try (JvmOps ops = new JvmOps(1)) {
            Network net = new Network(deeper, BATCH, 6);
            Initialization.apply(ops, net.parameters(), InitSpec.parse("he_normal"), null, 7);
            float[][] v = velocities(net);
            Parameter[] ps = net.parameters().toArray(new Parameter[0]);
            float[] hp = {0.01f, 0.9f};
            float[] x = new float[BATCH * SIDE * SIDE];
            int[] y = new int[BATCH];
            for (int s = 0; s < 3000; s++) { // warm up: let the JIT compile and escape-analyse
                net.stepCounter()[0] = s;
                step(ops, net, ps, train, (s % 10) * BATCH, x, y, v, hp);
            }
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int s = 0; s < 500; s++) {
                net.stepCounter()[0] = 3000 + s;
                step(ops, net, ps, train, (s % 10) * BATCH, x, y, v, hp);
            }
            long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertThat(allocated).as("bytes allocated by 500 CNN steps").isLessThan(4096);
        }
    }
}
