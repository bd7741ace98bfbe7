package io.initlab.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Philox4x32-10 against the known-answer vectors published with Random123 (kat_vectors). */
class PhiloxTest {

    private static int[] block(int c0, int c1, int c2, int c3, int k0, int k1) {
        int[] out = new int[4];
        for (int w = 0; w < 4; w++) {
            out[w] = Philox.word(c0, c1, c2, c3, k0, k1, w);
        }
        return out;
    }

    @Test
    void zeros() {
        assertThat(block(0, 0, 0, 0, 0, 0)).containsExactly(0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8);
    }

    @Test
    void allOnes() {
        assertThat(block(-1, -1, -1, -1, -1, -1)).containsExactly(0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd);
    }

    @Test
    void digitsOfPi() {
        assertThat(block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0))
                .containsExactly(0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1);
    }

    @Test
    void blockKernelWritesTheFourWordsOfItsIndex() {
        int[] out = new int[12];
        for (int i = 0; i < 3; i++) {
            Philox.block(i, out, 7, 8, 9, 10, 11);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(new int[] {out[4 * i], out[4 * i + 1], out[4 * i + 2], out[4 * i + 3]})
                    .containsExactly(block(i, 7, 8, 9, 10, 11));
        }
    }

    @Test
    void mulHiIsTheUnsignedHighWord() {
        assertThat(Philox.mulHi(-1, -1)).isEqualTo(0xFFFFFFFE);
        assertThat(Philox.mulHi(0x80000000, 2)).isEqualTo(1);
        assertThat(Philox.mulHi(0xD2511F53, 0x10000)).isEqualTo(0xD251);
    }

    @Test
    void open01StaysInsideTheOpenInterval() {
        assertThat(Philox.open01(0)).isGreaterThan(0.0);
        assertThat(Philox.open01(-1)).isLessThan(1.0);
    }
}
