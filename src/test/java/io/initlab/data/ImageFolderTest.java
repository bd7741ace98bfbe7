package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-folder reader on small generated PNG (lossless) and JPEG folders. */
class ImageFolderTest {
    @TempDir
    Path root;

    /** A w x h RGB image whose pixel (x, y) is (r + x, g + y, b). */
    static BufferedImage image(int w, int h, int r, int g, int b) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (r + x) << 16 | (g + y) << 8 | b);
            }
        }
        return img;
    }

    static Path write(Path dir, String name, BufferedImage img) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        ImageIO.write(img, name.endsWith(".png") ? "png" : "jpg", f.toFile());
        return f;
    }

    /** split/{cat,ant}/..., 3x2 images; ant sorts first, so it is class 0. */
    Path smallSplit(String split) throws IOException {
        Path s = root.resolve(split);
        write(s.resolve("cat"), "b.png", image(3, 2, 10, 20, 30));
        write(s.resolve("cat"), "a.png", image(3, 2, 40, 50, 60));
        write(s.resolve("ant"), "z.png", image(3, 2, 70, 80, 90));
        Files.writeString(s.resolve("ant").resolve("notes.txt"), "not an image");
        return s;
    }

    @Test
    void classesAndFilesAreSortedAndPixelsAreChw() throws IOException {
        Path s = smallSplit("train");
        Dataset d = ImageFolder.read("f", s);
        assertThat(ImageFolder.classes(s)).containsExactly("ant", "cat");
        assertThat(d.labels()).containsExactly(0, 1, 1);
        assertThat(d.channels()).isEqualTo(3);
        assertThat(d.rows()).isEqualTo(2);
        assertThat(d.cols()).isEqualTo(3);
        assertThat(d.classes()).isEqualTo(2);
        float[] x = d.images();
        // example 1 is cat/a.png: R plane (40 + x), G plane (50 + y), B plane 60
        int at = 18;
        assertThat(x[at]).isEqualTo(40 / 255f);
        assertThat(x[at + 2]).isEqualTo(42 / 255f);
        assertThat(x[at + 6 + 3]).isEqualTo(51 / 255f);  // G, row 1, col 0
        assertThat(x[at + 12 + 5]).isEqualTo(60 / 255f);
        assertThat(x[0]).isEqualTo(70 / 255f);
    }

    @Test
    void greyImagesAreReplicatedNotColourConverted() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        grey.getRaster().setSample(1, 0, 0, 200);
        write(root.resolve("g/one"), "g.png", grey);
        Dataset d = ImageFolder.read("g", root.resolve("g"));
        assertThat(d.images()).containsExactly(100 / 255f, 200 / 255f, 100 / 255f, 200 / 255f, 100 / 255f, 200 / 255f);
    }

    @Test
    void decodesOnceThenReadsTheCacheUntilTheFolderChanges() throws IOException {
        Path s = smallSplit("train");
        Dataset first = ImageFolder.read("f", s);
        Path cache = ImageFolder.cacheFile(s);
        assertThat(cache).exists();
        assertThat(cache.getParent()).isEqualTo(root.toAbsolutePath().normalize());
        // make the cached pixels recognisable: if the cache is used, the edit shows
        byte[] c = Files.readAllBytes(cache);
        c[c.length - 1] = (byte) 255;
        Files.write(cache, c);
        Dataset cached = ImageFolder.read("f", s);
        assertThat(cached.images()[cached.images().length - 1]).isEqualTo(1f);
        assertThat(cached.labels()).containsExactly(first.labels());
        // a changed file (new modification time) invalidates it: the real pixel comes back
        Path a = s.resolve("cat").resolve("b.png");
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000));
        Dataset again = ImageFolder.read("f", s);
        assertThat(again.images()).containsExactly(first.images());
        // a new file too
        write(s.resolve("ant"), "y.png", image(3, 2, 1, 2, 3));
        assertThat(ImageFolder.read("f", s).labels()).containsExactly(0, 0, 1, 1);
        // a corrupt cache is rebuilt, not an error
        Files.write(cache, new byte[] {1, 2, 3});
        assertThat(ImageFolder.read("f", s).count()).isEqualTo(4);
    }

    @Test
    void jpegFoldersDecodeCloseToTheirSource() throws IOException {
        BufferedImage flat = image(8, 8, 120, 60, 200);
        write(root.resolve("j/c"), "0.jpg", flat);
        Dataset d = ImageFolder.read("j", root.resolve("j"));
        assertThat(d.images()[0] * 255).isBetween(110f, 135f);  // lossy, but near the source
        assertThat(d.images()[128] * 255).isBetween(185f, 215f);
    }

    @Test
    void loadsTrainAndTestWithTheSameClasses() throws IOException {
        smallSplit("train");
        smallSplit("test");
        DatasetPair p = ImageFolder.load("f", root);
        assertThat(p.train().name()).isEqualTo("f-train");
        assertThat(p.test().count()).isEqualTo(3);
        write(root.resolve("test/dog"), "d.png", image(3, 2, 0, 0, 0));
        assertThatThrownBy(() -> ImageFolder.load("f", root))
                .isInstanceOf(DataException.class)
                .hasMessage(root.resolve("test") + ": classes [ant, cat, dog] differ from [ant, cat] of " + root.resolve("train"));
    }

    @Test
    void brokenFoldersSayWhatIsWrong() throws IOException {
        Path s = smallSplit("s1");
        Files.createDirectories(s.resolve("empty"));
        Files.writeString(s.resolve("empty").resolve("readme.md"), "no images here");
        assertThatThrownBy(() -> ImageFolder.read("x", s))
                .isInstanceOf(DataException.class)
                .hasMessage(s.resolve("empty") + ": empty class folder: no .jpg, .jpeg or .png files");

        Path s2 = smallSplit("s2");
        Path junk = Files.writeString(s2.resolve("cat").resolve("c.png"), "this is not a PNG");
        assertThatThrownBy(() -> ImageFolder.read("x", s2))
                .isInstanceOf(DataException.class)
                .hasMessage(junk + ": not a readable image (no JPEG or PNG decoder accepts it)");

        Path s3 = smallSplit("s3");
        Path big = write(s3.resolve("cat"), "c.png", image(4, 2, 0, 0, 0));
        assertThatThrownBy(() -> ImageFolder.read("x", s3))
                .isInstanceOf(DataException.class)
                .hasMessage(big + ": image is 4x2 but " + s3.resolve("ant").resolve("z.png") + " is 3x2; all images must have one size");

        Path none = Files.createDirectories(root.resolve("s4"));
        assertThatThrownBy(() -> ImageFolder.read("x", none))
                .isInstanceOf(DataException.class)
                .hasMessage(none + ": no class folders; expected <split>/<class>/<images> (torchvision ImageFolder)");
        assertThatThrownBy(() -> ImageFolder.read("x", root.resolve("missing")))
                .isInstanceOf(DataException.class)
                .hasMessage(root.resolve("missing") + ": no such folder; expected <split>/<class>/<images> (torchvision ImageFolder)");
        assertThat(ImageFolder.cacheFile(s2)).doesNotExist();  // nothing cached for a failed decode
    }
}
