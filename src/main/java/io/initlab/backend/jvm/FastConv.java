package io.initlab.backend.jvm;

import io.initlab.kernels.Activations;

/**
 * The convolution and pooling kernels of {@code io.initlab.kernels.Conv} and {@code Pool} as nested
 * loops over coordinates, for a range of samples [n0, n1). The one-index bodies recover coordinates
 * from the index with 4–6 integer divisions per element, which on a CPU cost more than the work itself
 * (measured: ~10 ns per element, a 28×28 CNN step spent 3/4 of its time there). Same arithmetic in the
 * same order as the bodies, so results are identical; tested against them.
 */
final class FastConv {
    private FastConv() {}

    /** Rows [n0·P, n1·P) of cols [rows·outH·outW] × [c·kh·kw] (P = outH·outW). */
    static void im2col(float[] x, float[] cols, int c, int h, int w, int kh, int kw, int outH, int outW,
                       int padTop, int padLeft, int n0, int n1) {
        int width = c * kh * kw;
        for (int n = n0; n < n1; n++) {
            int r = n * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, r++) {
                    int q = r * width;
                    for (int ch = 0; ch < c; ch++) {
                        int plane = (n * c + ch) * h;
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = oy + ky - padTop;
                            if (iy < 0 || iy >= h) {
                                for (int kx = 0; kx < kw; kx++) {
                                    cols[q++] = 0f;
                                }
                                continue;
                            }
                            int row = (plane + iy) * w;
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = ox + kx - padLeft;
                                cols[q++] = ix >= 0 && ix < w ? x[row + ix] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** Samples [n0, n1) of dx: the gather of {@code Conv.col2im}, summing taps in the same (ky, kx) order. */
    static void col2im(float[] dcols, float[] dx, int c, int h, int w, int kh, int kw, int outH, int outW,
                       int padTop, int padLeft, int n0, int n1) {
        int width = c * kh * kw;
        for (int n = n0; n < n1; n++) {
            for (int ch = 0; ch < c; ch++) {
                int out = (n * c + ch) * h * w;
                for (int iy = 0; iy < h; iy++) {
                    for (int ix = 0; ix < w; ix++, out++) {
                        float sum = 0f;
                        for (int ky = 0; ky < kh; ky++) {
                            int oy = iy + padTop - ky;
                            if (oy < 0 || oy >= outH) {
                                continue;
                            }
                            int base = (n * outH + oy) * outW;
                            int tap = (ch * kh + ky) * kw;
                            for (int kx = 0; kx < kw; kx++) {
                                int ox = ix + padLeft - kx;
                                if (ox >= 0 && ox < outW) {
                                    sum += dcols[(base + ox) * width + tap + kx];
                                }
                            }
                        }
                        dx[out] = sum;
                    }
                }
            }
        }
    }

    /**
     * Samples [n0, n1): z (NCHW) = g (pixel-major) + b, y = f(z). Walks g in its own order, one pixel's
     * channels at a time, writing z and y with stride P; each sample's block stays in cache.
     */
    static void biasActivation(float[] g, float[] b, float[] z, float[] y, int channels, int pixels, int kind,
                               float slope, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            int base = n * channels * pixels;
            for (int p = 0; p < pixels; p++) {
                int src = (n * pixels + p) * channels;
                for (int o = 0, dst = base + p; o < channels; o++, dst += pixels) {
                    float v = g[src + o] + b[o];
                    z[dst] = v;
                    y[dst] = Activations.apply(kind, v, slope);
                }
            }
        }
    }

    /** Samples [n0, n1): pixel-major dz = dy · f'(z), reading NCHW with stride P. */
    static void activationBackward(float[] z, float[] y, float[] dy, float[] dz, int channels, int pixels, int kind,
                                   float slope, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            int base = n * channels * pixels;
            for (int p = 0; p < pixels; p++) {
                int dst = (n * pixels + p) * channels;
                for (int o = 0, src = base + p; o < channels; o++, src += pixels) {
                    dz[dst + o] = dy[src] * Activations.derivative(kind, z[src], y[src], slope);
                }
            }
        }
    }

    /** Planes [plane0, plane1) (plane = n·channels + c) of {@code Pool.maxForward}. */
    static void maxPoolForward(float[] x, float[] y, int[] argmax, int h, int w, int pool, int outH, int outW,
                               int plane0, int plane1) {
        for (int pl = plane0; pl < plane1; pl++) {
            int o = pl * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, o++) {
                    int first = pl * h * w + oy * pool * w + ox * pool;
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
                    y[o] = m;
                    argmax[o] = best;
                }
            }
        }
    }

    /**
     * Planes [plane0, plane1) of {@code Pool.maxBackward}, as a scatter: zero the planes, then each output
     * writes its gradient to its winner. Windows do not overlap, so every input gets at most one value
     * and the result equals the gather's.
     */
    static void maxPoolBackward(float[] dy, int[] argmax, float[] dx, int h, int w, int outH, int outW,
                                int plane0, int plane1) {
        java.util.Arrays.fill(dx, plane0 * h * w, plane1 * h * w, 0f);
        for (int o = plane0 * outH * outW, end = plane1 * outH * outW; o < end; o++) {
            dx[argmax[o]] = dy[o];
        }
    }
}
