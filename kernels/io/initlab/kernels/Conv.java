package io.initlab.kernels;

/**
 * 2-D convolution (stride 1) as im2col + GEMM. Activations are rows of one sample each, channel-major
 * within the row (index c·H·W + y·W + x, "NCHW"), which is also how a dense layer sees them when it
 * follows. The column matrix has one row per output pixel (sample-major, then y, then x) and one column
 * per weight row (c·kh·kw + ky·kw + kx), so that {@code cols · W} with W stored [inC·kh·kw] × outC
 * (fan_in rows, as a dense layer) gives the output pixel-major, [rows·outH·outW] × outC; the kernels
 * below move between that layout and NCHW. Padding is given as the zeros before the first row and
 * column ({@link #padBefore}); "same" padding puts the rest after, as TF/Keras do.
 */
public final class Conv {
    private Conv() {}

    /** Zeros before the first row/column for a kernel of size k: (k-1)/2 for 'same' (k/2 go after), 0 for 'valid'. */
    public static int padBefore(int k, boolean same) {
        return same ? (k - 1) / 2 : 0;
    }

    /** Output size along one axis: n for 'same', n - k + 1 for 'valid'. */
    public static int outputSize(int n, int k, boolean same) {
        return same ? n : n - k + 1;
    }

    /**
     * One element of the column matrix cols [rows·outH·outW] × [inC·kh·kw]: the input value under
     * kernel tap (c, ky, kx) of output pixel (n, oy, ox), or 0 in the padding.
     */
    public static void im2col(int idx, float[] x, float[] cols, int inC, int h, int w, int kh, int kw,
                              int outH, int outW, int padTop, int padLeft) {
        int taps = kh * kw;
        int width = inC * taps;
        int r = idx / width;
        int q = idx - r * width;
        int pixels = outH * outW;
        int n = r / pixels;
        int p = r - n * pixels;
        int oy = p / outW;
        int ox = p - oy * outW;
        int c = q / taps;
        int t = q - c * taps;
        int ky = t / kw;
        int kx = t - ky * kw;
        int iy = oy + ky - padTop;
        int ix = ox + kx - padLeft;
        float v = 0f;
        if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
            v = x[((n * inC + c) * h + iy) * w + ix];
        }
        cols[idx] = v;
    }

    /**
     * One input element (n, c, iy, ix) of dx [rows × inC·h·w]: the sum of the column-matrix gradient
     * entries that im2col copied it to. A gather (each index writes only its own element), so devices
     * need no atomics.
     */
    public static void col2im(int idx, float[] dcols, float[] dx, int inC, int h, int w, int kh, int kw,
                              int outH, int outW, int padTop, int padLeft) {
        int ix = idx % w;
        int t = idx / w;
        int iy = t % h;
        int nc = t / h;
        int n = nc / inC;
        int c = nc - n * inC;
        int width = inC * kh * kw;
        float sum = 0f;
        for (int ky = 0; ky < kh; ky++) {
            int oy = iy + padTop - ky;
            if (oy >= 0 && oy < outH) {
                for (int kx = 0; kx < kw; kx++) {
                    int ox = ix + padLeft - kx;
                    if (ox >= 0 && ox < outW) {
                        sum += dcols[((n * outH + oy) * outW + ox) * width + (c * kh + ky) * kw + kx];
                    }
                }
            }
        }
        dx[idx] = sum;
    }

    /**
     * One index of the NCHW output rows × (channels·pixels): z = g[n·pixels + p, o] + b[o] from the
     * pixel-major GEMM result g, y = f(z). Reorders, adds the bias and activates in one pass.
     */
    public static void biasActivation(int idx, float[] g, float[] b, float[] z, float[] y, int channels,
                                      int pixels, int kind, float slope) {
        int per = channels * pixels;
        int n = idx / per;
        int rem = idx - n * per;
        int o = rem / pixels;
        int p = rem - o * pixels;
        float v = g[(n * pixels + p) * channels + o] + b[o];
        z[idx] = v;
        y[idx] = Activations.apply(kind, v, slope);
    }

    /**
     * One index of the pixel-major dz [rows·pixels] × channels: dy · f'(z) read from the NCHW dy, z, y.
     * The backward of {@link #biasActivation}, ready for the weight and input gradient GEMMs.
     */
    public static void activationBackward(int idx, float[] z, float[] y, float[] dy, float[] dz, int channels,
                                          int pixels, int kind, float slope) {
        int r = idx / channels;
        int o = idx - r * channels;
        int n = r / pixels;
        int p = r - n * pixels;
        int i = (n * channels + o) * pixels + p;
        dz[idx] = dy[i] * Activations.derivative(kind, z[i], y[i], slope);
    }

    /**
     * One channel o of the bias gradient: Σ over samples and pixels of dy · f'(z) (NCHW). Reads the
     * contiguous NCHW runs rather than the strided pixel-major dz, and sums each sample's run first,
     * which keeps the float error of long sums small.
     */
    public static void biasGradient(int o, float[] z, float[] y, float[] dy, float[] db, int rows, int channels,
                                    int pixels, int kind, float slope) {
        float total = 0f;
        for (int n = 0; n < rows; n++) {
            int base = (n * channels + o) * pixels;
            float s = 0f;
            for (int p = 0; p < pixels; p++) {
                s += dy[base + p] * Activations.derivative(kind, z[base + p], y[base + p], slope);
            }
            total += s;
        }
        db[o] = total;
    }
}
