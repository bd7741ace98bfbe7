package io.initlab.kernels;

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11), the counter-based
 * generator of Random123, cuRAND and JAX. Output block = f(counter[4], key[2]) with no state, so element
 * i of a tensor depends only on (seed, tensor id, i): every backend and thread count draws the same bits.
 */
public final class Philox {
    private Philox() {}

    static final int M0 = 0xD2511F53;
    static final int M1 = 0xCD9E8D57;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;

    /** The low word of a run's 64-bit seed, as the kernels take it (their seedLo). Host side. */
    public static int seedLo(long seed) {
        return (int) seed;
    }

    /** The high word of a run's 64-bit seed, as the kernels take it (their seedHi). Host side. */
    public static int seedHi(long seed) {
        return (int) (seed >> 32);
    }

    /** High 32 bits of the unsigned 64-bit product (no {@code >>>}: see package doc). */
    static int mulHi(int a, int b) {
        long p = (a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL);
        return (int) (p >> 32);
    }

    /**
     * Word {@code word} (0..3) of Philox4x32-10(counter, key). Computes all ten rounds; callers that need
     * all four words use {@link #block}.
     */
    public static int word(int c0, int c1, int c2, int c3, int k0, int k1, int word) {
        int x0 = c0, x1 = c1, x2 = c2, x3 = c3, y0 = k0, y1 = k1;
        for (int r = 0; r < 10; r++) {
            int hi0 = mulHi(M0, x0);
            int lo0 = M0 * x0;
            int hi1 = mulHi(M1, x2);
            int lo1 = M1 * x2;
            int n0 = hi1 ^ x1 ^ y0;
            int n2 = hi0 ^ x3 ^ y1;
            x0 = n0;
            x1 = lo1;
            x2 = n2;
            x3 = lo0;
            y0 += W0;
            y1 += W1;
        }
        int out = x0;
        if (word == 1) {
            out = x1;
        } else if (word == 2) {
            out = x2;
        } else if (word == 3) {
            out = x3;
        }
        return out;
    }

    /**
     * One index: the four words of block {@code idx} (counter = idx, c1, c2, c3) into out[4 idx ..].
     * The raw stream, for known-answer and backend-parity tests; samplers use {@link #word} directly.
     */
    public static void block(int idx, int[] out, int c1, int c2, int c3, int k0, int k1) {
        out[4 * idx] = word(idx, c1, c2, c3, k0, k1, 0);
        out[4 * idx + 1] = word(idx, c1, c2, c3, k0, k1, 1);
        out[4 * idx + 2] = word(idx, c1, c2, c3, k0, k1, 2);
        out[4 * idx + 3] = word(idx, c1, c2, c3, k0, k1, 3);
    }

    /** Uniform in the open interval (0, 1) from all 32 bits: (u + 0.5) / 2^32, as a double. */
    public static double open01(int bits) {
        return ((bits & 0xFFFFFFFFL) + 0.5) * 2.3283064365386963e-10;
    }
}
