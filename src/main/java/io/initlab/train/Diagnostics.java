package io.initlab.train;

import io.initlab.kernels.TensorStats;
import io.initlab.model.Layer;
import io.initlab.model.Network;
import io.initlab.model.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The Glorot & Bengio diagnostic: per layer, the statistics of weights, of activations on a fixed probe
 * batch and of the weight gradients on it, read after a forward and backward pass in evaluation mode
 * (no dropout) that updated nothing (the trainer's probe phase).
 */
public final class Diagnostics {
    private Diagnostics() {}

    static final int CHUNK = 4096;

    public static List<LayerStat> measure(Network net, int rows, int epoch) {
        List<LayerStat> out = new ArrayList<>();
        for (Layer layer : net.layers()) {
            List<Parameter> ps = layer.parameters();
            if (ps.isEmpty()) {
                continue; // dropout: its output is the previous layer's, already measured
            }
            Parameter w = ps.get(0);
            out.add(stat(epoch, layer.name(), "weight", w.value, w.size()));
            out.add(stat(epoch, layer.name(), "activation", layer.output(), rows * layer.outputFeatures()));
            out.add(stat(epoch, layer.name(), "gradient", w.grad, w.size()));
        }
        return out;
    }

    /** Mean, variance (population), fraction of exact zeros and L2 norm of x[0, n). */
    public static double[] moments(float[] x, int n) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        float[] partial = new float[3 * chunks];
        for (int c = 0; c < chunks; c++) {
            TensorStats.partialSums(c, x, n, CHUNK, partial);
        }
        double sum = 0;
        double squares = 0;
        double zeros = 0;
        for (int c = 0; c < chunks; c++) {
            sum += partial[3 * c];
            squares += partial[3 * c + 1];
            zeros += partial[3 * c + 2];
        }
        double mean = sum / n;
        float[] centred = new float[chunks];
        for (int c = 0; c < chunks; c++) {
            TensorStats.partialCentredSquares(c, x, n, CHUNK, (float) mean, centred);
        }
        double css = 0;
        for (float v : centred) {
            css += v;
        }
        return new double[] {mean, css / n, zeros / n, Math.sqrt(squares)};
    }

    private static LayerStat stat(int epoch, String layer, String quantity, float[] x, int n) {
        double[] m = moments(x, n);
        return new LayerStat(epoch, layer, quantity, m[0], m[1], m[2], m[3]);
    }
}
