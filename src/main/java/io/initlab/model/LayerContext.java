package io.initlab.model;

/**
 * Where a layer sits in the network being built: what a {@link LayerSpec} needs to build its layer.
 *
 * @param name    unique in the network, e.g. dense2
 * @param input   the shape entering the layer
 * @param maxRows the largest batch its buffers must hold (of all runs together: runs × one run's)
 * @param index   position in the network (0-based); keys dropout masks, and tensor ids are 2·index, 2·index+1
 * @param step    the network's step counter (step[0]), read by dropout masks
 * @param seed    the run's seed
 * @param runs    runs trained in lockstep in this network (1: a network of one run); its parameters hold that many
 */
public record LayerContext(String name, Shape input, int maxRows, int index, int[] step, long seed, int runs) {

    /** The Philox tensor id of this layer's first parameter (its weight; the bias is the next). */
    public int tensorIdBase() {
        return 2 * index;
    }
}
