package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * numpy's legacy RandomState, against values numpy 2.4 printed once
 * (src/test/resources/io/initlab/data/numpy_reference.py) and the C++ standard's check value.
 */
class NumpyLegacyRandomTest {
    @Test
    void rawOutputsMatchNumpy() {
        // np.random.RandomState(113).randint(0, 2**32 - 1, size=5, dtype=np.uint32): the raw words
        NumpyLegacyRandom r = new NumpyLegacyRandom(113);
        long[] got = new long[5];
        for (int i = 0; i < 5; i++) {
            got[i] = Integer.toUnsignedLong(r.nextUint32());
        }
        assertThat(got).containsExactly(3659249829L, 529109724L, 317413538L, 548173386L, 3843702636L);
    }

    @Test
    void isTheReferenceMt19937() {
        // C++ [rand.predef]: the 10000th output of a default-constructed std::mt19937 (seed 5489)
        NumpyLegacyRandom r = new NumpyLegacyRandom(5489);
        int last = 0;
        for (int i = 0; i < 10000; i++) {
            last = r.nextUint32();
        }
        assertThat(Integer.toUnsignedLong(last)).isEqualTo(4123659995L);
    }

    @Test
    void permutationMatchesNumpy() {
        // np.random.RandomState(1).permutation(10)
        assertThat(new NumpyLegacyRandom(1).permutation(10)).containsExactly(2, 9, 6, 4, 0, 3, 1, 7, 8, 5);
    }

    @Test
    void kerasCaliforniaHousingOrderMatchesNumpy() throws Exception {
        // idx = np.arange(20640); np.random.RandomState(113).shuffle(idx)
        int[] idx = CaliforniaHousing.kerasOrder(20640);
        assertThat(Arrays.copyOf(idx, 5)).containsExactly(4380, 8381, 15859, 10108, 9370);
        assertThat(Arrays.copyOfRange(idx, 20637, 20640)).containsExactly(16236, 4828, 14501);
        ByteBuffer b = ByteBuffer.allocate(4 * idx.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(idx);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
        assertThat(sha).as("sha256 of the whole order as int32 little-endian, from numpy")
                .isEqualTo("c4111bc51e7d7e912206a8f9338a49c6d8f2ba331f73954511f2d7c33ec4a12d");
        assertThat(CaliforniaHousing.trainCount(20640)).isEqualTo(16512);  // int(20640 * (1 - 0.2))
    }

    @Test
    void intervalStaysInRangeAndHitsEveryValue() {
        NumpyLegacyRandom r = new NumpyLegacyRandom(7);
        int[] hits = new int[6];
        for (int i = 0; i < 6000; i++) {
            hits[r.interval(5)]++;
        }
        assertThat(Arrays.stream(hits).boxed()).allSatisfy(h -> assertThat(h).isBetween(850, 1150));
        assertThat(r.interval(0)).isZero();
    }

    @Test
    void seedsOutsideNumpysRangeAreRejected() {
        assertThatThrownBy(() -> new NumpyLegacyRandom(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numpy's RandomState seed must be in 0..4294967295, got -1");
        assertThatThrownBy(() -> new NumpyLegacyRandom(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new NumpyLegacyRandom(0xffffffffL).nextUint32()).isNotNull();
    }
}
