package io.initlab.data;

import static io.initlab.data.IdxFiles.concat;
import static io.initlab.data.IdxFiles.gzip;
import static io.initlab.data.IdxFiles.header;
import static io.initlab.data.IdxFiles.images;
import static io.initlab.data.IdxFiles.labels;
import static io.initlab.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way an IDX file can be broken yields a DataException whose one line says exactly how. */
class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsImagesAndLabelsScaledToUnitInterval() {
        Path img = write(dir, "img", images(3, 2, 4));
        Path lab = write(dir, "lab", labels(7, 0, 9));
        Dataset d = IdxReader.read("tiny", img, lab);
        assertThat(d.name()).isEqualTo("tiny");
        assertThat(d.count()).isEqualTo(3);
        assertThat(d.rows()).isEqualTo(2);
        assertThat(d.cols()).isEqualTo(4);
        assertThat(d.features()).isEqualTo(8);
        assertThat(d.classes()).isEqualTo(10);
        assertThat(d.labels()).containsExactly(7, 0, 9);
        assertThat(d.images()).hasSize(24);
        // image 1, pixel 3 is byte 43; image 2, pixel 7 is (80 + 7)
        assertThat(d.images()[8 + 3]).isCloseTo(43 / 255f, within(0f));
        assertThat(d.images()[16 + 7]).isCloseTo(87 / 255f, within(0f));
    }

    @Test
    void bytesAbove127AreUnsigned() {
        byte[] file = concat(header(IdxReader.IMAGES_MAGIC, 1, 1, 2), new byte[] {(byte) 255, (byte) 128});
        IdxReader.Images im = IdxReader.readImages(write(dir, "img", file));
        Dataset d = IdxReader.read("u", write(dir, "img2", file), write(dir, "lab", labels(1)));
        assertThat(im.pixels()).containsExactly((byte) 255, (byte) 128);
        assertThat(d.images()).containsExactly(1f, 128 / 255f);
    }

    @Test
    void gzippedFilesAreReadTransparently() {
        Path img = write(dir, "img.gz", gzip(images(3, 2, 4)));
        Path lab = write(dir, "lab.gz", gzip(labels(7, 0, 9)));
        Dataset gz = IdxReader.read("gz", img, lab);
        Dataset plain = IdxReader.read("plain", write(dir, "img", images(3, 2, 4)), write(dir, "lab", labels(7, 0, 9)));
        assertThat(gz.images()).containsExactly(plain.images());
        assertThat(gz.labels()).containsExactly(7, 0, 9);
    }

    @Test
    void gzipDetectionIsByContentNotName() {
        Path lab = write(dir, "labels-no-suffix", gzip(labels(1, 2)));
        assertThat(IdxReader.readLabels(lab)).containsExactly(1, 2);
    }

    @Test
    void missingFileTellsToRunFetchScript() {
        Path missing = dir.resolve("mnist/train-images-idx3-ubyte");
        assertThatThrownBy(() -> IdxReader.readImages(missing))
                .isInstanceOf(DataException.class)
                .hasMessage(missing + ": no such file; run scripts/fetch-data.sh to download the data"
                        + " (or point INITLAB_DATA at the directory that holds mnist/ and fashion-mnist/)");
    }

    @Test
    void wrongMagicLabelFileGivenAsImages() {
        Path lab = write(dir, "lab", labels(1, 2, 3));
        assertThatThrownBy(() -> IdxReader.readImages(lab))
                .isInstanceOf(DataException.class)
                .hasMessage(lab + ": wrong magic number 0x00000801, expected 0x00000803"
                        + " (IDX images: unsigned bytes, 3 dimensions); it has 1 dimension (a label file?)");
    }

    @Test
    void wrongMagicImageFileGivenAsLabels() {
        Path img = write(dir, "img", images(1, 2, 2));
        assertThatThrownBy(() -> IdxReader.readLabels(img))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(img + ": wrong magic number 0x00000803, expected 0x00000801")
                .hasMessageEndingWith("; it has 3 dimensions (an image file?)");
    }

    @Test
    void wrongMagicNotAnIdxFile() {
        Path f = write(dir, "text", "hello world, this is not IDX".getBytes());
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(f + ": wrong magic number 0x68656c6c, expected 0x00000803")
                .hasMessageEndingWith("; this is not an IDX file");
    }

    @Test
    void wrongElementType() {
        Path f = write(dir, "floats", concat(header(0x00000D03, 1, 1, 1), new byte[4]));
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessageEndingWith("; element type 0x0d is not unsigned byte (0x08)");
    }

    @Test
    void wrongDimensionCount() {
        Path f = write(dir, "two-d", concat(header(0x00000802, 2, 3), new byte[6]));
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(f + ": wrong magic number 0x00000802, expected 0x00000803")
                .hasMessageEndingWith("; it has 2 dimensions");
    }

    @Test
    void fileShorterThanHeader() {
        Path f = write(dir, "stub", new byte[] {0, 0, 8, 3, 0, 0});
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": truncated: file has 6 bytes, too short for the 16-byte IDX header of images");
    }

    @Test
    void emptyFile() {
        Path f = write(dir, "empty", new byte[0]);
        assertThatThrownBy(() -> IdxReader.readLabels(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": truncated: file has 0 bytes, too short for the 8-byte IDX header of labels");
    }

    @Test
    void truncatedLabels() {
        byte[] full = labels(new int[60000]);
        Path f = write(dir, "train-labels-idx1-ubyte", Arrays.copyOf(full, 59000));
        assertThatThrownBy(() -> IdxReader.readLabels(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": truncated: header says 60000 labels (60008 bytes) but file has 59000 bytes");
    }

    @Test
    void truncatedImages() {
        byte[] full = images(5, 28, 28);
        Path f = write(dir, "img", Arrays.copyOf(full, full.length - 1));
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": truncated: header says 5 images of 28x28 (3936 bytes) but file has 3935 bytes");
    }

    @Test
    void truncatedGzipContentSaysAfterDecompression() {
        byte[] full = labels(1, 2, 3, 4);
        Path f = write(dir, "lab.gz", gzip(Arrays.copyOf(full, full.length - 2)));
        assertThatThrownBy(() -> IdxReader.readLabels(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": truncated: header says 4 labels (12 bytes) but file has 10 bytes after decompression");
    }

    @Test
    void cutGzipStream() {
        byte[] gz = gzip(images(10, 28, 28));
        Path f = write(dir, "img.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(f + ": corrupt or truncated gzip data: ");
    }

    @Test
    void trailingBytes() {
        Path f = write(dir, "lab", concat(labels(1, 2, 3), new byte[] {0, 0}));
        assertThatThrownBy(() -> IdxReader.readLabels(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": trailing bytes: header says 3 labels (11 bytes) but file has 13 bytes");
    }

    @Test
    void trailingBytesInImages() {
        Path f = write(dir, "img", concat(images(2, 3, 3), new byte[] {1}));
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": trailing bytes: header says 2 images of 3x3 (34 bytes) but file has 35 bytes");
    }

    @Test
    void labelOutOfRange() {
        Path f = write(dir, "lab", labels(3, 9, 10, 1));
        assertThatThrownBy(() -> IdxReader.readLabels(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": label out of range: label 10 at index 2 is not in 0..9");
    }

    @Test
    void labelByteAbove127IsReportedUnsigned() {
        Path f = write(dir, "lab", labels(255));
        assertThatThrownBy(() -> IdxReader.readLabels(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": label out of range: label 255 at index 0 is not in 0..9");
    }

    @Test
    void countMismatchBetweenImagesAndLabels() {
        Path img = write(dir, "img", images(3, 2, 2));
        Path lab = write(dir, "lab", labels(1, 2));
        assertThatThrownBy(() -> IdxReader.read("x", img, lab))
                .isInstanceOf(DataException.class)
                .hasMessage(img + ": count mismatch: it has 3 images but " + lab + " has 2 labels");
    }

    @Test
    void zeroDimension() {
        Path f = write(dir, "img", header(IdxReader.IMAGES_MAGIC, 4, 0, 28));
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": bad dimension: size 1 in the header is 0, must be positive");
    }

    @Test
    void zeroCount() {
        Path f = write(dir, "lab", header(IdxReader.LABELS_MAGIC, 0));
        assertThatThrownBy(() -> IdxReader.readLabels(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": bad dimension: size 0 in the header is 0, must be positive");
    }

    @Test
    void negativeDimension() {
        // 0xFFFFFFF0 as a signed 32-bit size: a corrupt header, not 4 billion images
        Path f = write(dir, "img", header(IdxReader.IMAGES_MAGIC, 2, 28, 0xFFFFFFF0));
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": bad dimension: size 2 in the header is -16, must be positive");
    }

    @Test
    void absurdlyLargeHeader() {
        Path f = write(dir, "img", header(IdxReader.IMAGES_MAGIC, 2_000_000_000, 28, 28));
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(f + ": too large: header says 2000000000 images of 28x28");
    }

    @Test
    void directoryInsteadOfFile() {
        assertThatThrownBy(() -> IdxReader.readLabels(dir))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(dir + ": cannot read: ");
    }

    @Test
    void messagesAreOneLine() {
        Path f = write(dir, "lab", labels(11));
        assertThatThrownBy(() -> IdxReader.readLabels(f)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
