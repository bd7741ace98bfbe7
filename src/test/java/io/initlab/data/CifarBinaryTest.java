package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.data.CifarBinary.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on small files written in the official binary layout. */
class CifarBinaryTest {
    @TempDir
    Path dir;

    /** Records with the given label bytes; pixel p of record r is (r * 7 + p) mod 256. */
    static byte[] records(int labelBytes, int... labels) {
        int n = labels.length / labelBytes;
        int rec = labelBytes + CifarBinary.IMAGE_BYTES;
        byte[] b = new byte[n * rec];
        for (int r = 0; r < n; r++) {
            for (int l = 0; l < labelBytes; l++) {
                b[r * rec + l] = (byte) labels[r * labelBytes + l];
            }
            for (int p = 0; p < CifarBinary.IMAGE_BYTES; p++) {
                b[r * rec + labelBytes + p] = (byte) (r * 7 + p);
            }
        }
        return b;
    }

    @Test
    void readsCifar10BatchesInOrderAsChwPixels() throws IOException {
        Path d = Files.createDirectories(dir.resolve("cifar10").resolve(CifarBinary.CIFAR10_DIR));
        for (int b = 1; b <= 5; b++) {
            Files.write(d.resolve("data_batch_" + b + ".bin"), records(1, b, 9 - b));
        }
        Files.write(d.resolve("test_batch.bin"), records(1, 3));
        DatasetPair p = Datasets.load("cifar10", dir);
        Dataset train = p.train();
        assertThat(train.count()).isEqualTo(10);
        assertThat(train.labels()).containsExactly(1, 8, 2, 7, 3, 6, 4, 5, 5, 4);
        assertThat(train.channels()).isEqualTo(3);
        assertThat(train.rows()).isEqualTo(32);
        assertThat(train.cols()).isEqualTo(32);
        assertThat(train.classes()).isEqualTo(10);
        // record 1 of batch 1: pixel p = (7 + p) mod 256; the green plane starts at 1024
        int at = 3072;
        assertThat(train.images()[at]).isEqualTo(7 / 255f);
        assertThat(train.images()[at + 1024]).isEqualTo(((7 + 1024) % 256) / 255f);
        assertThat(train.images()[at + 248]).isEqualTo(255 / 255f);
        assertThat(p.test().labels()).containsExactly(3);
        assertThat(p.test().name()).isEqualTo("cifar10-test");
    }

    @Test
    void readsCifar100FineOrCoarse() throws IOException {
        Path d = Files.createDirectories(dir.resolve("cifar100").resolve(CifarBinary.CIFAR100_DIR));
        Files.write(d.resolve("train.bin"), records(2, 19, 99, 0, 5));
        Files.write(d.resolve("test.bin"), records(2, 4, 42));
        DatasetPair fine = Datasets.load("cifar100", dir);
        assertThat(fine.train().labels()).containsExactly(99, 5);
        assertThat(fine.train().classes()).isEqualTo(100);
        assertThat(fine.train().images()[3072]).isEqualTo(7 / 255f);  // record 1's first pixel, after 2 label bytes
        DatasetPair coarse = CifarBinary.loadCifar100("c", dir.resolve("cifar100"), Labels.CIFAR100_COARSE);
        assertThat(coarse.train().labels()).containsExactly(19, 0);
        assertThat(coarse.test().labels()).containsExactly(4);
        assertThat(coarse.train().classes()).isEqualTo(20);
    }

    @Test
    void truncatedEmptyAndBadLabelFilesAreRejected() throws IOException {
        byte[] two = records(1, 1, 2);
        Path cut = Files.write(dir.resolve("cut.bin"), java.util.Arrays.copyOf(two, two.length - 1));
        assertThatThrownBy(() -> CifarBinary.read("x", List.of(cut), Labels.CIFAR10))
                .isInstanceOf(DataException.class)
                .hasMessage(cut + ": truncated: 6145 bytes is not a whole number of 3073-byte records (1 label byte + 3072 pixels)");
        Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
        assertThatThrownBy(() -> CifarBinary.read("x", List.of(empty), Labels.CIFAR10))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(empty + ": empty: 0 bytes");
        Path bad = Files.write(dir.resolve("bad.bin"), records(1, 4, 10));
        assertThatThrownBy(() -> CifarBinary.read("x", List.of(bad), Labels.CIFAR10))
                .isInstanceOf(DataException.class)
                .hasMessage(bad + ": record 1: label 10 is not in 0..9");
        Path badFine = Files.write(dir.resolve("fine.bin"), records(2, 3, 100));
        assertThatThrownBy(() -> CifarBinary.read("x", List.of(badFine), Labels.CIFAR100_FINE))
                .isInstanceOf(DataException.class)
                .hasMessage(badFine + ": record 0: fine label 100 is not in 0..99");
        Path badCoarse = Files.write(dir.resolve("coarse.bin"), records(2, 20, 1));
        assertThatThrownBy(() -> CifarBinary.read("x", List.of(badCoarse), Labels.CIFAR100_FINE))
                .isInstanceOf(DataException.class)
                .hasMessage(badCoarse + ": record 0: coarse label 20 is not in 0..19");
        // a CIFAR-10 file read as CIFAR-100 is usually not a whole number of 3074-byte records
        Path ten = Files.write(dir.resolve("ten.bin"), records(1, 1, 2));
        assertThatThrownBy(() -> CifarBinary.read("x", List.of(ten), Labels.CIFAR100_FINE))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("3074-byte records (2 label bytes + 3072 pixels)");
        Path missing = dir.resolve("cifar10/cifar-10-batches-bin/data_batch_1.bin");
        assertThatThrownBy(() -> Datasets.load("cifar10", dir))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(missing + ": no such file; run scripts/fetch-data.sh cifar10");
    }
}
