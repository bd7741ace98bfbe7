package io.initlab.backend.jvm;

import io.initlab.kernels.Activations;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels of {@code io.initlab.kernels.Conv} and {@code Pool} as loops over coordinates, for samples
 * [n0, n1) (or channel planes, or channels): a range of independent outputs, so that threads can share a
 * call and every output is computed by one of them in the same order, whatever the split. The one-index bodies recover coordinates from the index with 4–6
 * integer divisions per element, and their activations branch on the sign of each value; on a CPU both
 * cost more than the work (measured on the 28×28 study CNN: ~2 ns per element, 3/4 of a step). Here the
 * layout changes are plain strided copies and the element-wise parts are Vector API code with the
 * bodies' exact arithmetic (compare-and-blend selects, no FMA), so results are identical to the bodies,
 * except the bias gradient, which sums in lanes (deterministically, not in the body's order). Tested
 * against the bodies.
 */
final class FastConv {
    private FastConv() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> SI = VectorSpecies.of(int.class, S.vectorShape());
    static final int L = S.length();
    /** Pixels per tile of the pixel-major → NCHW reorder: the tile's rows of g stay in L1 while every channel reads them. */
    static final int TILE = 16;

    /**
     * Rows [n0·P, n1·P) of cols [rows·outH·outW] × [c·kh·kw] (P = outH·outW). A window wholly inside the
     * image (every row of a 'valid' convolution) is copied without bounds tests, kernel row by kernel row;
     * only windows that overlap the padding take the checked path.
     */
    static void im2col(float[] x, float[] cols, int c, int h, int w, int kh, int kw, int outH, int outW,
                       int padTop, int padLeft, int n0, int n1) {
        int width = c * kh * kw;
        int plane = h * w;
        for (int n = n0; n < n1; n++) {
            int r = n * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                int top = oy - padTop;
                boolean rowInside = top >= 0 && top + kh <= h;
                for (int ox = 0; ox < outW; ox++, r++) {
                    int left = ox - padLeft;
                    int q = r * width;
                    if (rowInside && left >= 0 && left + kw <= w) {
                        for (int ch = 0; ch < c; ch++) {
                            int src = (n * c + ch) * plane + top * w + left;
                            for (int ky = 0; ky < kh; ky++, src += w) {
                                for (int kx = 0; kx < kw; kx++) { // kw is small (3): a copy call costs more than this loop
                                    cols[q++] = x[src + kx];
                                }
                            }
                        }
                    } else {
                        windowWithPadding(x, cols, q, n, c, h, w, kh, kw, top, left);
                    }
                }
            }
        }
    }

    /** One im2col row whose window overlaps the padding: zeros outside the image. */
    private static void windowWithPadding(float[] x, float[] cols, int q, int n, int c, int h, int w, int kh, int kw,
                                          int top, int left) {
        for (int ch = 0; ch < c; ch++) {
            int plane = (n * c + ch) * h;
            for (int ky = 0; ky < kh; ky++) {
                int iy = top + ky;
                if (iy < 0 || iy >= h) {
                    for (int kx = 0; kx < kw; kx++) {
                        cols[q++] = 0f;
                    }
                    continue;
                }
                int row = (plane + iy) * w;
                for (int kx = 0; kx < kw; kx++) {
                    int ix = left + kx;
                    cols[q++] = ix >= 0 && ix < w ? x[row + ix] : 0f;
                }
            }
        }
    }

    /**
     * Samples [n0, n1) of dx, the sums of {@code Conv.col2im}, as a scatter: each dcols row (one output
     * pixel) adds its taps into the sample's input planes. The body sums an input's taps in (ky, kx)
     * order, starting from 0; the tap an input gets from pixel (oy, ox) is (iy + padTop - oy, ix + padLeft
     * - ox), so visiting pixels from the last to the first delivers every input's taps in that same order,
     * and the sums are the body's bit for bit. Rows are read contiguously and the sample's planes stay in
     * L1 (the gather read one float per 4·c·kh·kw bytes).
     */
    static void col2im(float[] dcols, float[] dx, int c, int h, int w, int kh, int kw, int outH, int outW,
                       int padTop, int padLeft, int n0, int n1) {
        int width = c * kh * kw;
        int plane = h * w;
        java.util.Arrays.fill(dx, n0 * c * plane, n1 * c * plane, 0f);
        for (int n = n0; n < n1; n++) {
            for (int oy = outH - 1; oy >= 0; oy--) {
                int top = oy - padTop;
                boolean rowInside = top >= 0 && top + kh <= h;
                for (int ox = outW - 1; ox >= 0; ox--) {
                    int left = ox - padLeft;
                    int q = ((n * outH + oy) * outW + ox) * width;
                    if (rowInside && left >= 0 && left + kw <= w) {
                        for (int ch = 0; ch < c; ch++) {
                            int dst = (n * c + ch) * plane + top * w + left;
                            for (int ky = 0; ky < kh; ky++, dst += w) {
                                for (int kx = 0; kx < kw; kx++) {
                                    dx[dst + kx] += dcols[q++];
                                }
                            }
                        }
                    } else {
                        scatterWithPadding(dcols, dx, q, n, c, h, w, kh, kw, top, left);
                    }
                }
            }
        }
    }

    /** One col2im row whose window overlaps the padding: taps outside the image are dropped. */
    private static void scatterWithPadding(float[] dcols, float[] dx, int q, int n, int c, int h, int w, int kh, int kw,
                                           int top, int left) {
        for (int ch = 0; ch < c; ch++) {
            int plane = (n * c + ch) * h;
            for (int ky = 0; ky < kh; ky++, q += kw) {
                int iy = top + ky;
                if (iy < 0 || iy >= h) {
                    continue;
                }
                int row = (plane + iy) * w;
                for (int kx = 0; kx < kw; kx++) {
                    int ix = left + kx;
                    if (ix >= 0 && ix < w) {
                        dx[row + ix] += dcols[q + kx];
                    }
                }
            }
        }
    }

    /** Samples [n0, n1): z (NCHW) = g (pixel-major) + b, then y = f(z) in one contiguous pass. */
    static void biasActivation(float[] g, float[] b, float[] z, float[] y, int channels, int pixels, int kind,
                               float slope, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            int base = n * channels * pixels;
            for (int p0 = 0; p0 < pixels; p0 += TILE) { // a tile of g's rows stays in L1 while each channel reads it
                int p1 = Math.min(pixels, p0 + TILE);
                for (int o = 0; o < channels; o++) {
                    float bo = b[o];
                    int dst = base + o * pixels;
                    for (int p = p0, src = (n * pixels + p0) * channels + o; p < p1; p++, src += channels) {
                        z[dst + p] = g[src] + bo;
                    }
                }
            }
            activate(z, y, base, base + channels * pixels, kind, slope);
        }
    }

    /** y = f(z) over [from, to): identity and (leaky) ReLU as vector selects, the others through the body. */
    static void activate(float[] z, float[] y, int from, int to, int kind, float slope) {
        int i = from;
        if (kind == Activations.IDENTITY || kind == Activations.RELU || kind == Activations.LEAKY_RELU) {
            FloatVector zero = FloatVector.zero(S);
            for (; i + L <= to; i += L) { // z < 0 ? neg : z, as the body: NaN and -0 pass through
                FloatVector v = FloatVector.fromArray(S, z, i);
                FloatVector neg = kind == Activations.IDENTITY ? v : kind == Activations.RELU ? zero : v.mul(slope);
                v.blend(neg, v.compare(VectorOperators.LT, 0f)).intoArray(y, i);
            }
        }
        for (; i < to; i++) {
            y[i] = Activations.apply(kind, z[i], slope);
        }
    }

    /** out[j] = dy[i] · f'(z[i]) for i in [from, to), j = i - from + outFrom; vector code with the body's arithmetic. */
    static void derivativeTimes(float[] z, float[] y, float[] dy, float[] out, int from, int to, int outFrom,
                                int kind, float slope) {
        int i = from;
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i + L <= to; i += L) {
            FloatVector d;
            if (kind == Activations.RELU || kind == Activations.LEAKY_RELU) {
                FloatVector zv = FloatVector.fromArray(S, z, i);
                d = (kind == Activations.RELU ? zero : FloatVector.broadcast(S, slope)).blend(one, zv.compare(VectorOperators.GT, 0f));
            } else if (kind == Activations.TANH) {
                FloatVector yv = FloatVector.fromArray(S, y, i);
                d = one.sub(yv.mul(yv));
            } else if (kind == Activations.SIGMOID) {
                FloatVector yv = FloatVector.fromArray(S, y, i);
                d = yv.mul(one.sub(yv));
            } else {
                d = one;
            }
            FloatVector.fromArray(S, dy, i).mul(d).intoArray(out, i - from + outFrom);
        }
        for (; i < to; i++) {
            out[i - from + outFrom] = dy[i] * Activations.derivative(kind, z[i], y[i], slope);
        }
    }

    /**
     * Samples [n0, n1): pixel-major dz = dy · f'(z), computed contiguously into scratch (≥ channels·pixels)
     * and then transposed.
     */
    static void activationBackward(float[] z, float[] y, float[] dy, float[] dz, float[] scratch, int channels,
                                   int pixels, int kind, float slope, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            int base = n * channels * pixels;
            derivativeTimes(z, y, dy, scratch, base, base + channels * pixels, 0, kind, slope);
            for (int p = 0; p < pixels; p++) { // strided reads, contiguous writes: ~3x faster than the reverse
                int dst = (n * pixels + p) * channels;
                for (int o = 0, src = p; o < channels; o++, src += pixels) {
                    dz[dst + o] = scratch[src];
                }
            }
        }
    }

    /**
     * db[o] = Σ over rows and pixels of dy · f'(z): each (sample, channel) run goes through scratch
     * (≥ pixels) and is summed in L lanes, the lanes then in order (not reduceLanes, whose order the Vector
     * API leaves open: the same inputs must give the same bits), then the runs in sample order. Channels [o0, o1).
     */
    static void biasGradient(float[] z, float[] y, float[] dy, float[] db, float[] scratch, float[] lanes, int rows,
                             int channels, int pixels, int kind, float slope, int o0, int o1) {
        for (int o = o0; o < o1; o++) {
            float total = 0f;
            for (int n = 0; n < rows; n++) {
                int base = (n * channels + o) * pixels;
                derivativeTimes(z, y, dy, scratch, base, base + pixels, 0, kind, slope);
                FloatVector acc = FloatVector.zero(S);
                int p = 0;
                for (; p + L <= pixels; p += L) {
                    acc = acc.add(FloatVector.fromArray(S, scratch, p));
                }
                acc.intoArray(lanes, 0);
                float s = 0f;
                for (int l = 0; l < L; l++) {
                    s += lanes[l];
                }
                for (; p < pixels; p++) {
                    s += scratch[p];
                }
                total += s;
            }
            db[o] = total;
        }
    }

    /** map[i] = pool·i for lanes i < count, 0 beyond (so that masked gathers stay in range). */
    static void fillPoolMap(int[] map, int pool, int count) {
        for (int i = 0; i < L; i++) {
            map[i] = i < count ? pool * i : 0;
        }
    }

    /**
     * Planes [plane0, plane1) (plane = n·channels + c) of {@code Pool.maxForward}: L outputs of a row at
     * a time, one gather per window position in the body's (dy, dx) order, strict '>' so the first
     * maximum wins as there. map and tailMap come from {@link #fillPoolMap} for L and outW % L lanes.
     */
    static void maxPoolForward(float[] x, float[] y, int[] argmax, int h, int w, int pool, int outH, int outW,
                               int[] map, int[] tailMap, int plane0, int plane1) {
        if (pool == 2) {
            maxPool2Forward(x, y, argmax, h, w, outH, outW, plane0, plane1);
            return;
        }
        IntVector lane = IntVector.fromArray(SI, map, 0);
        for (int pl = plane0; pl < plane1; pl++) {
            for (int oy = 0; oy < outH; oy++) {
                int row0 = pl * h * w + oy * pool * w;
                int o0 = (pl * outH + oy) * outW;
                for (int ox = 0; ox < outW; ox += L) {
                    boolean full = ox + L <= outW;
                    int[] m = full ? map : tailMap;
                    VectorMask<Float> in = S.indexInRange(ox, outW);
                    int first = row0 + ox * pool;
                    FloatVector best = FloatVector.fromArray(S, x, first, m, 0, in);
                    IntVector at = lane.add(first);
                    for (int dy = 0; dy < pool; dy++) {
                        for (int dx = dy == 0 ? 1 : 0; dx < pool; dx++) {
                            int off = first + dy * w + dx;
                            FloatVector v = FloatVector.fromArray(S, x, off, m, 0, in);
                            VectorMask<Float> gt = v.compare(VectorOperators.GT, best);
                            best = best.blend(v, gt);
                            at = at.blend(lane.add(off), gt.cast(SI));
                        }
                    }
                    best.intoArray(y, o0 + ox, in);
                    at.intoArray(argmax, o0 + ox, in.cast(SI));
                }
            }
        }
    }

    /** Lane i takes lane 2i of the pair (v, next): indexes past the first vector select from the second. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, i -> 2 * i + 1);
    /** 2i in lane i: a window's first input, relative to the vector's first. */
    private static final int[] TWICE = new int[L];

    static {
        for (int i = 0; i < L; i++) {
            TWICE[i] = 2 * i;
        }
    }

    /**
     * {@link #maxPoolForward} for 2×2 windows without gathers: two contiguous loads per input row give 2L
     * inputs, split into the windows' left and right columns by two-vector shuffles (the gathers cost 4
     * of a pooled CNN step's 20 ms). The same four comparisons in the same (dy, dx) order with strict '>'.
     */
    private static void maxPool2Forward(float[] x, float[] y, int[] argmax, int h, int w, int outH, int outW,
                                        int plane0, int plane1) {
        IntVector twice = IntVector.fromArray(SI, TWICE, 0);
        for (int pl = plane0; pl < plane1; pl++) {
            for (int oy = 0; oy < outH; oy++) {
                int row0 = pl * h * w + oy * 2 * w;
                int o0 = (pl * outH + oy) * outW;
                for (int ox = 0; ox < outW; ox += L) {
                    VectorMask<Float> in = S.indexInRange(ox, outW);
                    int inputs = 2 * Math.min(L, outW - ox);
                    VectorMask<Float> firstHalf = S.indexInRange(0, inputs);
                    VectorMask<Float> secondHalf = S.indexInRange(L, inputs);
                    int first = row0 + 2 * ox;
                    FloatVector top0 = FloatVector.fromArray(S, x, first, firstHalf);
                    FloatVector top1 = FloatVector.fromArray(S, x, first + L, secondHalf);
                    FloatVector bottom0 = FloatVector.fromArray(S, x, first + w, firstHalf);
                    FloatVector bottom1 = FloatVector.fromArray(S, x, first + w + L, secondHalf);
                    FloatVector best = top0.rearrange(EVEN, top1);
                    IntVector at = twice.add(first);
                    FloatVector v = top0.rearrange(ODD, top1);
                    VectorMask<Float> gt = v.compare(VectorOperators.GT, best);
                    best = best.blend(v, gt);
                    at = at.blend(twice.add(first + 1), gt.cast(SI));
                    v = bottom0.rearrange(EVEN, bottom1);
                    gt = v.compare(VectorOperators.GT, best);
                    best = best.blend(v, gt);
                    at = at.blend(twice.add(first + w), gt.cast(SI));
                    v = bottom0.rearrange(ODD, bottom1);
                    gt = v.compare(VectorOperators.GT, best);
                    best = best.blend(v, gt);
                    at = at.blend(twice.add(first + w + 1), gt.cast(SI));
                    best.intoArray(y, o0 + ox, in);
                    at.intoArray(argmax, o0 + ox, in.cast(SI));
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
