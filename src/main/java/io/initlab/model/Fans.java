package io.initlab.model;

/**
 * Fan-in and fan-out of a weight tensor as PyTorch and Keras define them: for a dense layer the input
 * and output widths; for a convolution, receptive field (kh·kw) times input or output channels.
 */
public record Fans(int fanIn, int fanOut) {
    public Fans {
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException("fans must be positive: fan_in=" + fanIn + " fan_out=" + fanOut);
        }
    }

    public static Fans dense(int in, int out) { return new Fans(in, out); }

    public static Fans conv(int inChannels, int outChannels, int kh, int kw) {
        return new Fans(inChannels * kh * kw, outChannels * kh * kw);
    }
}
