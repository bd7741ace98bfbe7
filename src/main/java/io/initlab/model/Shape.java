package io.initlab.model;

/**
 * What flows between two layers of one sample: channels × height × width in NCHW order, or a flat
 * feature vector (after a dense or flatten layer, written features × 1 × 1). Both are the same row of
 * floats; the flag only says whether a convolution or pooling may still follow.
 */
public record Shape(int channels, int height, int width, boolean flat) {

    public static Shape image(int channels, int height, int width) {
        return new Shape(channels, height, width, false);
    }

    public static Shape flat(int features) {
        return new Shape(features, 1, 1, true);
    }

    public int features() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return flat ? features() + " features" : channels + "x" + height + "x" + width;
    }
}
