package io.initlab.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files MNIST and Fashion-MNIST come in (http://yann.lecun.com/exdb/mnist/):
 * a big-endian header {@code 0x00 0x00 type ndims}, one 32-bit size per dimension, then the
 * unsigned bytes. Gzipped files ({@code .gz}, detected by the bytes 0x1f 0x8b, not the name)
 * are read too.
 *
 * <p>Why so strict: a truncated download or a swapped file would otherwise train silently on
 * garbage. Every check that fails throws a {@link DataException} with a one-line message naming
 * the file and what is wrong with it.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (count, rows, cols). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (count). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** MNIST and Fashion-MNIST both have ten classes; labels outside 0..9 mean a broken file. */
    public static final int CLASSES = 10;

    private static final int UBYTE = 0x08;

    private IdxReader() {}

    /** Raw content of an IDX image file: {@code count} images of {@code rows x cols} bytes. */
    public record Images(int count, int rows, int cols, byte[] pixels) {}

    /**
     * Reads an image file and its label file into one {@link Dataset} with pixels scaled to [0,1].
     *
     * @throws DataException if either file is missing or malformed, or their counts differ
     */
    public static Dataset read(String name, Path imagesFile, Path labelsFile) {
        Images images = readImages(imagesFile);
        int[] labels = readLabels(labelsFile);
        if (images.count() != labels.length) {
            throw new DataException(imagesFile + ": count mismatch: it has " + images.count()
                    + " images but " + labelsFile + " has " + labels.length + " labels");
        }
        byte[] px = images.pixels();
        float[] x = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            x[i] = (px[i] & 0xff) / 255f;
        }
        return new Dataset(name, x, labels, images.rows(), images.cols(), CLASSES);
    }

    /** Reads an IDX3 unsigned-byte image file (magic 0x00000803). */
    public static Images readImages(Path file) {
        Content c = load(file);
        byte[] b = c.bytes();
        int[] dims = header(file, b, IMAGES_MAGIC, "images");
        long perImage = (long) dims[1] * dims[2];
        if (dims[0] > (Integer.MAX_VALUE - 16) / perImage) {  // more than one Java array can hold
            throw new DataException(file + ": too large: header says " + dims[0] + " images of " + dims[1]
                    + "x" + dims[2] + ", more than " + (Integer.MAX_VALUE - 16) + " bytes");
        }
        long size = 16L + dims[0] * perImage;
        checkSize(file, c, size, "header says " + dims[0] + " images of " + dims[1] + "x" + dims[2]);
        byte[] pixels = new byte[(int) (size - 16)];
        System.arraycopy(b, 16, pixels, 0, pixels.length);
        return new Images(dims[0], dims[1], dims[2], pixels);
    }

    /** Reads an IDX1 unsigned-byte label file (magic 0x00000801); every label must be in 0..9. */
    public static int[] readLabels(Path file) {
        Content c = load(file);
        byte[] b = c.bytes();
        int[] dims = header(file, b, LABELS_MAGIC, "labels");
        checkSize(file, c, 8L + dims[0], "header says " + dims[0] + " labels");
        int[] labels = new int[dims[0]];
        for (int i = 0; i < labels.length; i++) {
            int y = b[8 + i] & 0xff;
            if (y >= CLASSES) {
                throw new DataException(file + ": label out of range: label " + y + " at index " + i
                        + " is not in 0.." + (CLASSES - 1));
            }
            labels[i] = y;
        }
        return labels;
    }

    /** A file's bytes after decompression, and whether it was gzipped (for messages). */
    private record Content(byte[] bytes, boolean gzipped) {}

    /** The whole file, decompressed when it starts with the gzip magic bytes. */
    private static Content load(Path file) {
        byte[] b = DataFiles.readAllBytes(file, "run scripts/fetch-data.sh to download the"
                + " data (or point INITLAB_DATA at the directory that holds mnist/ and fashion-mnist/)");
        if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
                return new Content(in.readAllBytes(), true);
            } catch (IOException e) {
                throw new DataException(file + ": corrupt or truncated gzip data: " + e.getMessage(), e);
            } catch (OutOfMemoryError e) {
                throw new DataException(file + ": gzip data too large to decompress in memory", e);
            }
        }
        return new Content(b, false);
    }

    /** Checks magic and dimensions; returns the sizes of the {@code magic & 0xff} dimensions. */
    private static int[] header(Path file, byte[] b, int magic, String what) {
        int ndims = magic & 0xff;
        int headerBytes = 4 + 4 * ndims;
        if (b.length >= 4 && readInt(b, 0) != magic) {  // the magic first: a swapped file is the likelier mistake
            int got = readInt(b, 0);
            throw new DataException(file + ": wrong magic number " + hex(got) + ", expected " + hex(magic)
                    + " (IDX " + what + ": unsigned bytes, " + ndims + " dimension" + (ndims == 1 ? "" : "s")
                    + ")" + magicHint(got));
        }
        if (b.length < headerBytes) {
            throw new DataException(file + ": truncated: file has " + b.length
                    + " bytes, too short for the " + headerBytes + "-byte IDX header of " + what);
        }
        int[] dims = new int[ndims];
        for (int d = 0; d < ndims; d++) {
            dims[d] = readInt(b, 4 + 4 * d);
            if (dims[d] <= 0) {
                throw new DataException(file + ": bad dimension: size " + d + " in the header is "
                        + dims[d] + ", must be positive");
            }
        }
        return dims;
    }

    /** Says why a magic number is wrong in terms a user can act on. */
    private static String magicHint(int got) {
        if ((got >>> 16) != 0) {
            return "; this is not an IDX file";
        }
        if (((got >>> 8) & 0xff) != UBYTE) {
            return "; element type " + String.format("0x%02x", (got >>> 8) & 0xff) + " is not unsigned byte (0x08)";
        }
        int ndims = got & 0xff;
        String hint = "; it has " + ndims + " dimension" + (ndims == 1 ? "" : "s");
        if (got == IMAGES_MAGIC) {
            hint += " (an image file?)";
        } else if (got == LABELS_MAGIC) {
            hint += " (a label file?)";
        }
        return hint;
    }

    private static void checkSize(Path file, Content c, long expected, String says) {
        long actual = c.bytes().length;
        if (actual == expected) {
            return;
        }
        String problem = actual < expected ? "truncated" : "trailing bytes";
        throw new DataException(file + ": " + problem + ": " + says + " (" + expected + " bytes) but file has "
                + actual + " bytes" + (c.gzipped() ? " after decompression" : ""));
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }
}
