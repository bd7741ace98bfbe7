package io.initlab.data;

/**
 * numpy's legacy {@code np.random.RandomState(seed)}, as far as data splits need it: the MT19937
 * generator seeded the legacy way, and the {@code shuffle} / {@code permutation} that Keras'
 * dataset loaders and scikit-learn's splitters call. Reimplemented so that a split made here is
 * the split those libraries make, index for index (tested against numpy's own output).
 *
 * <p>What numpy does (numpy/random: {@code _mt19937.pyx} {@code _legacy_seeding},
 * {@code mt19937.c}, {@code mtrand.pyx} {@code RandomState.shuffle} / {@code _shuffle_raw},
 * {@code distributions.c} {@code random_interval}):
 * <ul>
 *   <li>an integer seed in 0..2^32-1 fills the 624-word state with Knuth's recurrence
 *       {@code s[i] = 1812433253 * (s[i-1] ^ (s[i-1] >> 30)) + i} (the reference
 *       {@code init_genrand}), and the first draw regenerates the whole block;</li>
 *   <li>{@code shuffle} of a 1-d array is Fisher-Yates from the end: for {@code i = n-1} down to
 *       1, swap {@code i} with {@code j = random_interval(i)};</li>
 *   <li>{@code random_interval(max)} draws 32-bit outputs (64-bit ones above 2^32-1, never needed
 *       for a Java array), masks them with the smallest {@code 2^k - 1 >= max} and rejects values
 *       above {@code max}. Not {@code nextInt(bound)}'s modulo: the draws consumed differ.</li>
 * </ul>
 * Not thread-safe; one instance per split.
 */
public final class NumpyLegacyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index;

    /** {@code np.random.RandomState(seed)}; numpy accepts 0..2^32-1 and so does this. */
    public NumpyLegacyRandom(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("numpy's RandomState seed must be in 0..4294967295, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;  // int overflow is the mod 2^32 of the reference
        }
        index = N;
    }

    /** The next raw 32-bit output (numpy's {@code next_uint32}, the reference {@code genrand_int32}). */
    public int nextUint32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }

    /** numpy's {@code random_interval(max)}: uniform in {@code 0..max}, by masking and rejection. */
    public int interval(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, got " + max);
        }
        if (max == 0) {
            return 0;
        }
        int mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        int value;
        do {
            value = nextUint32() & mask;  // mask < 2^31, so value is a non-negative int
        } while (value > max);
        return value;
    }

    /** {@code RandomState.shuffle(a)} of a 1-d array, in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code RandomState.permutation(n)}: {@code arange(n)}, shuffled. */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    /** {@code RandomState.permutation(a)} of an array: a shuffled copy. */
    public int[] permutation(int[] a) {
        int[] p = a.clone();
        shuffle(p);
        return p;
    }
}
