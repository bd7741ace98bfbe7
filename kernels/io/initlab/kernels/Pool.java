package io.initlab.kernels;

/**
 * Max pooling with a p×p window and stride p, 'valid' (trailing rows/columns that do not fill a window
 * are dropped, as Keras' floor). NCHW rows as in {@link Conv}. The forward pass records, per output,
 * the flat index of the winning input element; the backward pass is a gather over input elements.
 */
public final class Pool {
    private Pool() {}

    /**
     * One output element (n, c, oy, ox) of y [rows × channels·outH·outW]: the window's maximum (the first
     * one on ties), its flat input index into argmax.
     */
    public static void maxForward(int idx, float[] x, float[] y, int[] argmax, int h, int w, int pool,
                                  int outH, int outW) {
        int ox = idx % outW;
        int t = idx / outW;
        int oy = t % outH;
        int nc = t / outH;
        int first = nc * h * w + oy * pool * w + ox * pool;
        int best = first;
        float m = x[first];
        for (int dy = 0; dy < pool; dy++) {
            int row = first + dy * w;
            for (int dx = 0; dx < pool; dx++) {
                float v = x[row + dx];
                if (v > m) {
                    m = v;
                    best = row + dx;
                }
            }
        }
        y[idx] = m;
        argmax[idx] = best;
    }

    /**
     * One input element of dx [rows × channels·h·w]: dy of its window when it was the window's argmax,
     * else 0 (also for the cropped tail). Each index writes only its own element: no races on devices.
     */
    public static void maxBackward(int idx, float[] dy, int[] argmax, float[] dx, int h, int w, int pool,
                                   int outH, int outW) {
        int ix = idx % w;
        int t = idx / w;
        int iy = t % h;
        int nc = t / h;
        int oy = iy / pool;
        int ox = ix / pool;
        float v = 0f;
        if (oy < outH && ox < outW) {
            int o = (nc * outH + oy) * outW + ox;
            if (argmax[o] == idx) {
                v = dy[o];
            }
        }
        dx[idx] = v;
    }
}
