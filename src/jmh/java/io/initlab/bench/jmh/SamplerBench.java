package io.initlab.bench.jmh;

import io.initlab.backend.jvm.JvmOps;
import io.initlab.kernels.Philox;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Every RNG sampler filling the seed MLP's first weight matrix (784×256), as samples per second. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SamplerBench {
    static final int N = 784 * 256;
    float[] out;
    int[] words;
    JvmOps ops;

    @Setup(Level.Trial)
    public void setUp() {
        out = new float[N];
        words = new int[N];
        ops = new JvmOps(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ops.close();
    }

    @Benchmark
    public float[] uniform(Samples w) {
        ops.sampleUniform(out, N, 1, 42, 0, -0.1f, 0.1f);
        w.samples += N;
        return out;
    }

    @Benchmark
    public float[] normal(Samples w) {
        ops.sampleNormal(out, N, 1, 42, 0, 0f, 0.05f);
        w.samples += N;
        return out;
    }

    @Benchmark
    public float[] truncatedNormal(Samples w) {
        ops.sampleTruncatedNormal(out, N, 1, 42, 0, 0f, 0.05f, 2f);
        w.samples += N;
        return out;
    }

    /** The raw Philox4x32-10 stream, 4 words per block. */
    @Benchmark
    public int[] philoxBlocks(Samples w) {
        for (int b = 0; b < N / 4; b++) {
            Philox.block(b, words, 0, 1, 0, 42, 0);
        }
        w.samples += N;
        return words;
    }
}
