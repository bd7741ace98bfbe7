package io.initlab.data;

import java.util.SplittableRandom;

/**
 * Deterministic, seeded ways to divide {@code 0..n-1} into parts: the same seed gives the same
 * split on every machine and JDK, so runs are reproducible and comparable across init schemes.
 *
 * <p>All randomness comes from {@link SplittableRandom}, whose algorithm (SplitMix64) and
 * {@code nextInt(bound)} are fixed and identical from JDK 8 to 21, unlike {@code new Random()}
 * plus {@code Collections.shuffle}, whose use of the generator is an implementation detail.
 * {@code scripts/fetch-data.sh} reimplements {@link #permutation} bit for bit to split
 * Fashion-MNIST, so its split is {@code permutation(70000, 20240101)}.
 */
public final class Splits {
    private Splits() {}

    /**
     * A uniformly random permutation of {@code 0..n-1}: Fisher-Yates from the identity, swapping
     * position {@code i} with {@code rng.nextInt(i + 1)} for {@code i = n-1} down to 1, with
     * {@code rng = new SplittableRandom(seed)}. Do not change this: pinned data depends on it.
     */
    public static int[] permutation(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, new SplittableRandom(seed));
        return p;
    }

    /** Shuffles {@code a} in place, Fisher-Yates as in {@link #permutation}. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * A random hold-out split of {@code 0..n-1}: {@code val} = the first {@code valCount} entries
     * of {@link #permutation permutation(n, seed)}, {@code train} = the rest, both in that
     * shuffled order.
     */
    public static TrainValSplit trainVal(int n, int valCount, long seed) {
        checkVal(n, valCount);
        int[] p = permutation(n, seed);
        int[] val = new int[valCount];
        int[] train = new int[n - valCount];
        System.arraycopy(p, 0, val, 0, valCount);
        System.arraycopy(p, valCount, train, 0, train.length);
        return new TrainValSplit(train, val);
    }

    /**
     * The unshuffled hold-out split: {@code train = 0..n-valCount-1}, {@code val} = the last
     * {@code valCount} rows (Keras' {@code validation_split}), kept to compare with results that used it.
     */
    public static TrainValSplit lastRowsAsValidation(int n, int valCount) {
        checkVal(n, valCount);
        return new TrainValSplit(range(0, n - valCount), range(n - valCount, n));
    }

    /**
     * The other unshuffled hold-out: {@code val} = the first {@code valCount}, {@code train} = the rest
     * (TensorFlow's MNIST loader: 5,000 validation, then 55,000 training images).
     */
    public static TrainValSplit firstRowsAsValidation(int n, int valCount) {
        checkVal(n, valCount);
        return new TrainValSplit(range(valCount, n), range(0, valCount));
    }

    /** {@code 0, 1, …, n-1}: all rows in file order. */
    public static int[] range(int n) {
        return range(0, n);
    }

    /** {@code from, from+1, …, to-1}. */
    public static int[] range(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return idx;
    }

    private static void checkVal(int n, int valCount) {
        if (valCount < 0 || valCount >= n) {
            throw new IllegalArgumentException("valCount must be in 0.." + (n - 1) + " (training part must not be empty), got "
                    + valCount + " for n=" + n);
        }
    }

    /**
     * {@code k} disjoint folds covering {@code 0..n-1}: {@link #permutation permutation(n, seed)}
     * cut into consecutive pieces, the first {@code n % k} one longer than the others, so sizes
     * differ by at most one. Fold {@code f} is the test part of round {@code f}; see
     * {@link #trainIndicesFor}.
     */
    public static int[][] kFolds(int n, int k, long seed) {
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("k must be in 2.." + n + ", got " + k);
        }
        int[] p = permutation(n, seed);
        int[][] folds = new int[k][];
        int at = 0;
        for (int f = 0; f < k; f++) {
            int size = foldSize(n, k, f);
            folds[f] = new int[size];
            System.arraycopy(p, at, folds[f], 0, size);
            at += size;
        }
        return folds;
    }

    /**
     * The size of fold {@code f} of {@link #kFolds kFolds(n, k, seed)} (whatever the seed): {@code n / k},
     * plus one for the first {@code n % k} folds. Round {@code f} trains on the other {@code n - foldSize} rows.
     */
    public static int foldSize(int n, int k, int f) {
        if (k < 2 || k > n || f < 0 || f >= k) {
            throw new IllegalArgumentException("fold " + f + " of k=" + k + " folds of n=" + n + " rows does not exist");
        }
        return n / k + (f < n % k ? 1 : 0);
    }

    /** The training indices of cross-validation round {@code f}: all folds but {@code f}, in fold order. */
    public static int[] trainIndicesFor(int[][] folds, int f) {
        if (f < 0 || f >= folds.length) {
            throw new IllegalArgumentException("fold " + f + " out of range 0.." + (folds.length - 1));
        }
        int size = 0;
        for (int g = 0; g < folds.length; g++) {
            if (g != f) {
                size += folds[g].length;
            }
        }
        int[] train = new int[size];
        int at = 0;
        for (int g = 0; g < folds.length; g++) {
            if (g != f) {
                System.arraycopy(folds[g], 0, train, at, folds[g].length);
                at += folds[g].length;
            }
        }
        return train;
    }
}
