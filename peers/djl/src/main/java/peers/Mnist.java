package peers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** MNIST's IDX files (as initlab's data folder holds them), pixels byte/255 as initlab scales them. */
final class Mnist {
    private Mnist() {}

    record Split(float[] x, int[] labels) {}

    /** prefix "train" or "t10k". */
    static Split read(String dir, String prefix) throws IOException {
        ByteBuffer img = ByteBuffer.wrap(Files.readAllBytes(Path.of(dir, prefix + "-images-idx3-ubyte")));
        ByteBuffer lab = ByteBuffer.wrap(Files.readAllBytes(Path.of(dir, prefix + "-labels-idx1-ubyte")));
        if (img.getInt(0) != 0x803 || lab.getInt(0) != 0x801) {
            throw new IOException(dir + ": " + prefix + " files are not IDX images and labels");
        }
        int n = img.getInt(4);
        int px = img.getInt(8) * img.getInt(12);
        if (lab.getInt(4) != n) {
            throw new IOException(dir + ": " + prefix + " has " + n + " images but " + lab.getInt(4) + " labels");
        }
        float[] x = new float[n * px];
        for (int i = 0; i < x.length; i++) {
            x[i] = (img.get(16 + i) & 0xff) / 255f;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = lab.get(8 + i) & 0xff;
        }
        return new Split(x, labels);
    }
}
