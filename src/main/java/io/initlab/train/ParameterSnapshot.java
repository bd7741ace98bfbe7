package io.initlab.train;

import io.initlab.model.Parameter;
import java.util.List;

/**
 * A copy of a network's parameter values, for early stopping's restore-best-weights: the copies are allocated
 * once here, so saving after every improving epoch allocates nothing. Only values are kept (as Keras'
 * {@code get_weights}), not gradients or optimizer state. On a device backend the host copies must be current:
 * fetch {@link #values()} before {@link #save()}, push them after {@link #restore()}.
 */
public final class ParameterSnapshot {
    private final float[][] live;
    private final float[][] copies;
    private boolean saved;

    public ParameterSnapshot(List<Parameter> parameters) {
        live = new float[parameters.size()][];
        copies = new float[parameters.size()][];
        for (int i = 0; i < live.length; i++) {
            live[i] = parameters.get(i).value;
            copies[i] = new float[live[i].length];
        }
    }

    /** The live value arrays (for the engine's toHost before {@link #save()} and toDevice after {@link #restore()}). */
    public Object[] values() {
        return live.clone();
    }

    /** Copies the current values. */
    public void save() {
        for (int i = 0; i < live.length; i++) {
            System.arraycopy(live[i], 0, copies[i], 0, live[i].length);
        }
        saved = true;
    }

    /** Puts the saved values back. */
    public void restore() {
        if (!saved) {
            throw new IllegalStateException("no parameter values were saved to restore");
        }
        for (int i = 0; i < live.length; i++) {
            System.arraycopy(copies[i], 0, live[i], 0, live[i].length);
        }
    }

    public boolean hasSaved() {
        return saved;
    }
}
