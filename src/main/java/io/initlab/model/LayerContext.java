package io.initlab.model;

/**
 * Where a layer sits in the network being built: what a {@link LayerSpec} needs to build its layer.
 *
 * @param name    unique in the network, e.g. dense2
 * @param input   the shape entering the layer
 * @param maxRows the largest batch its buffers must hold
 * @param index   position in the network (0-based); keys dropout masks, and tensor ids are 2·index, 2·index+1
 * @param step    the network's step counter (step[0]), read by dropout masks
 * @param seed    the run's seed
 */
public record LayerContext(String name, Shape input, int maxRows, int index, int[] step, long seed) {

    /** The Philox tensor id of this layer's first parameter (its weight; the bias is the next). */
    public int tensorIdBase() {
        return 2 * index;
    }
}
