package io.initlab.bench.jmh;

import io.initlab.backend.jvm.JvmOps;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * GEMM on the JVM backend in every layout, at the seed MLP's shapes (batch 64: forward A·B, weight
 * gradient Aᵀ·B, input gradient A·Bᵀ) and at squares. Shape "m×n×k" of C = op(A)·op(B); FLOP = 2mnk.
 * One thread: {@code -p threads=1}; one shape: {@code -p shape=NT:64x784x256}. OpenBLAS at the same shapes:
 * docs/performance.md, GEMM.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBench {
    @Param({"NN:64x256x784", "TN:784x256x64", "NT:64x784x256", "NN:64x128x256", "TN:256x128x64", "NT:64x256x128",
            "NN:64x10x128", "TN:128x10x64", "NT:64x128x10",
            "NN:256x256x256", "NN:512x512x512", "NN:1024x1024x1024", "NN:2048x2048x2048",
            "TN:256x256x256", "TN:512x512x512", "TN:1024x1024x1024", "TN:2048x2048x2048",
            "NT:256x256x256", "NT:512x512x512", "NT:1024x1024x1024", "NT:2048x2048x2048"})
    public String shape;

    /** Worker threads of the backend (the pool splits C's rows and the packing of B's strips). */
    @Param({"1", "2"})
    public int threads;

    String layout;
    int m, n, k;
    float[] a, b, c;
    JvmOps ops;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = shape.split(":");
        layout = p[0];
        String[] d = p[1].split("x");
        m = Integer.parseInt(d[0]);
        n = Integer.parseInt(d[1]);
        k = Integer.parseInt(d[2]);
        Random r = new Random(1);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
        ops = new JvmOps(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ops.close();
    }

    @Benchmark
    public float[] gemm(Flop w) {
        switch (layout) {
            case "NN" -> ops.gemmNN(a, b, c, m, n, k);
            case "TN" -> ops.gemmTN(a, b, c, m, n, k);
            default -> ops.gemmNT(a, b, c, m, n, k);
        }
        w.flop += 2.0 * m * n * k;
        return c;
    }
}
