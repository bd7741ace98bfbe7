package io.initlab.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Images in class folders, torchvision's {@code ImageFolder} convention: {@code split/class/*.jpg}
 * (or .jpeg, .png). Classes are the sub-folders sorted by name (label 0 = the first); within a
 * class, files sorted by name; examples are listed class after class. Other files, and folders
 * inside a class folder, are ignored (torchvision would descend into them).
 *
 * <p>Pixels: every image is decoded with javax.imageio to RGB, 3 channels, as torchvision's
 * default loader does ({@code PIL.Image.convert("RGB")}: grey replicated, alpha dropped), stored
 * NCHW as {@code byte/255f}. All images must have one size. Java's JPEG decoder and libjpeg (PIL)
 * may differ by a unit in some pixels.
 *
 * <p>Decoding tens of thousands of small files is slow, so the result is cached once, as bytes,
 * in {@code <split>.imagefolder-cache} next to the split folder. The cache records a SHA-256 of
 * the folder's listing (class names, file names, sizes, modification times); when the folder
 * changes the cache no longer matches and the images are decoded again. Where the cache cannot
 * be written (a read-only folder) the images are decoded on every load, with a warning.
 */
public final class ImageFolder {
    public static final String CACHE_SUFFIX = ".imagefolder-cache";
    public static final int CHANNELS = 3;

    private static final int CACHE_MAGIC = 0x494c4946;  // "ILIF"
    private static final int CACHE_VERSION = 1;

    private ImageFolder() {}

    /** The {@code train} and {@code test} splits under {@code dir}; both must have the same classes. */
    public static DatasetPair load(String name, Path dir) {
        Listing train = Listing.of(dir.resolve("train"));
        Listing test = Listing.of(dir.resolve("test"));
        if (!train.classes().equals(test.classes())) {
            throw new DataException(test.dir() + ": classes " + test.classes() + " differ from " + train.classes()
                    + " of " + train.dir());
        }
        return new DatasetPair(read(name + "-train", train), read(name + "-test", test));
    }

    /** The images under {@code splitDir}, from the cache when it is current. */
    public static Dataset read(String name, Path splitDir) {
        return read(name, Listing.of(splitDir));
    }

    /** The class names of {@code splitDir} in label order. */
    public static List<String> classes(Path splitDir) {
        return Listing.of(splitDir).classes();
    }

    /** The cache file of {@code splitDir}. */
    public static Path cacheFile(Path splitDir) {
        Path abs = splitDir.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + CACHE_SUFFIX);
    }

    private static Dataset read(String name, Listing listing) {
        Path cache = cacheFile(listing.dir());
        Decoded d = readCache(cache, listing);
        if (d == null) {
            d = decode(listing);
            writeCache(cache, listing, d);
        }
        float[] x = new float[d.pixels().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (d.pixels()[i] & 0xff) / 255f;
        }
        return Dataset.images(name, x, d.labels(), CHANNELS, d.rows(), d.cols(), listing.classes().size());
    }

    /** The class folders and image files of a split, and the fingerprint of that listing. */
    record Listing(Path dir, List<String> classes, List<Path> files, int[] labels, byte[] fingerprint) {
        static Listing of(Path dir) {
            if (!Files.isDirectory(dir)) {
                throw new DataException(dir + ": no such folder; expected <split>/<class>/<images> (torchvision ImageFolder)");
            }
            List<Path> classDirs = list(dir).filter(Files::isDirectory).sorted().toList();
            if (classDirs.isEmpty()) {
                throw new DataException(dir + ": no class folders; expected <split>/<class>/<images> (torchvision ImageFolder)");
            }
            MessageDigest sha = sha256();
            List<String> classes = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (Path c : classDirs) {
                String cls = c.getFileName().toString();
                List<Path> candidates = list(c).filter(ImageFolder::isImageName).sorted().toList();
                update(sha, "class " + cls);
                int before = files.size();
                for (Path f : candidates) {
                    BasicFileAttributes a = attributes(f);  // one stat per file: 60,000 of them for CIFAR-10
                    if (a.isRegularFile()) {
                        update(sha, f.getFileName() + " " + a.size() + " " + a.lastModifiedTime().toMillis());
                        files.add(f);
                        labels.add(classes.size());
                    }
                }
                if (files.size() == before) {
                    throw new DataException(c + ": empty class folder: no .jpg, .jpeg or .png files");
                }
                classes.add(cls);
            }
            return new Listing(dir, List.copyOf(classes), List.copyOf(files),
                    labels.stream().mapToInt(Integer::intValue).toArray(), sha.digest());
        }
    }

    /** Decoded pixels (NCHW bytes) and labels. */
    private record Decoded(int rows, int cols, int[] labels, byte[] pixels) {}

    private static Decoded decode(Listing listing) {
        List<Path> files = listing.files();
        BufferedImage first = decodeOne(files.get(0));
        int rows = first.getHeight();
        int cols = first.getWidth();
        int perImage = CHANNELS * rows * cols;
        if ((long) perImage * files.size() > Integer.MAX_VALUE - 16) {
            throw new DataException(listing.dir() + ": too many pixels for one data set (" + files.size() + " images of "
                    + cols + "x" + rows + ")");
        }
        byte[] pixels = new byte[perImage * files.size()];
        DataException[] errors = new DataException[files.size()];
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            Path f = files.get(i);
            try {
                BufferedImage img = i == 0 ? first : decodeOne(f);
                if (img.getWidth() != cols || img.getHeight() != rows) {
                    throw new DataException(f + ": image is " + img.getWidth() + "x" + img.getHeight() + " but "
                            + files.get(0) + " is " + cols + "x" + rows + "; all images must have one size");
                }
                toChw(img, pixels, i * perImage);
            } catch (DataException e) {
                errors[i] = e;
            }
        });
        for (DataException e : errors) {  // the first bad file in listing order, whatever the threads did
            if (e != null) {
                throw e;
            }
        }
        return new Decoded(rows, cols, listing.labels(), pixels);
    }

    private static BufferedImage decodeOne(Path f) {
        BufferedImage img;
        try {
            img = ImageIO.read(f.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataException(f + ": cannot decode the image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new DataException(f + ": not a readable image (no JPEG or PNG decoder accepts it)");
        }
        return img;
    }

    /** Writes the image as R, G, B planes (row-major) into {@code out} from {@code at}. */
    private static void toChw(BufferedImage img, byte[] out, int at) {
        int w = img.getWidth();
        int h = img.getHeight();
        int plane = w * h;
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // getRGB would push grey through a colour-space conversion; PIL replicates the value
            Raster r = img.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    byte v = (byte) r.getSample(x, y, 0);
                    int p = at + y * w + x;
                    out[p] = v;
                    out[p + plane] = v;
                    out[p + 2 * plane] = v;
                }
            }
            return;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int p = at + y * w + x;
                out[p] = (byte) (rgb >> 16);
                out[p + plane] = (byte) (rgb >> 8);
                out[p + 2 * plane] = (byte) rgb;
            }
        }
    }

    /** The cached decode when the cache exists and matches {@code listing}; else null. */
    private static Decoded readCache(Path cache, Listing listing) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache), 1 << 16))) {
            if (in.readInt() != CACHE_MAGIC || in.readInt() != CACHE_VERSION) {
                return null;
            }
            byte[] fp = new byte[32];
            in.readFully(fp);
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (!Arrays.equals(fp, listing.fingerprint()) || count != listing.files().size() || rows <= 0 || cols <= 0) {
                return null;
            }
            byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(count, CHANNELS * rows), cols)];
            in.readFully(pixels);
            return new Decoded(rows, cols, listing.labels(), pixels);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | ArithmeticException e) {
            return null;  // truncated or foreign: decode again and overwrite it
        }
    }

    private static void writeCache(Path cache, Listing listing, Decoded d) {
        Path part = cache.resolveSibling(cache.getFileName() + ".part");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(part), 1 << 16))) {
                out.writeInt(CACHE_MAGIC);
                out.writeInt(CACHE_VERSION);
                out.write(listing.fingerprint());
                out.writeInt(listing.files().size());
                out.writeInt(d.rows());
                out.writeInt(d.cols());
                out.write(d.pixels());
            }
            Files.move(part, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("initlab: warning: cannot write the image cache " + cache + " (" + e
                    + "); the images will be decoded again next time");
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // nothing more to do: the cache is an optimisation
            }
        }
    }

    static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList().stream();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list the folder: " + e, e);
        }
    }

    private static BasicFileAttributes attributes(Path f) {
        try {
            return Files.readAttributes(f, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new DataException(f + ": cannot read its attributes: " + e, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void update(MessageDigest sha, String line) {
        sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
