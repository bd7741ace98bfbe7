package io.initlab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small synthetic IDX files for the reader tests. */
final class IdxFiles {
    private IdxFiles() {}

    /** An IDX header with the given magic and dimension sizes. */
    static byte[] header(int magic, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length).putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    /** A well-formed image file: image k has every pixel equal to (k * 40 + pixel) mod 256. */
    static byte[] images(int count, int rows, int cols) {
        byte[] body = new byte[count * rows * cols];
        for (int k = 0; k < count; k++) {
            for (int p = 0; p < rows * cols; p++) {
                body[k * rows * cols + p] = (byte) (k * 40 + p);
            }
        }
        return concat(header(IdxReader.IMAGES_MAGIC, count, rows, cols), body);
    }

    /** A well-formed label file with these labels. */
    static byte[] labels(int... labels) {
        byte[] body = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            body[i] = (byte) labels[i];
        }
        return concat(header(IdxReader.LABELS_MAGIC, labels.length), body);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
