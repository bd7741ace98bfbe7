package io.initlab.backend;

import java.util.function.Supplier;

/**
 * Runs {@link Phase}s. Arrays not listed as a phase's inputs or outputs stay where the engine keeps
 * them between phases (on the device for TornadoVM); {@link #toHost} and {@link #toDevice} move them
 * explicitly when the host must read or has changed them (diagnostics, host-built initializations).
 */
public interface Engine {
    void run(Phase phase);

    /** Makes the device's current values of these arrays visible on the host. */
    void toHost(Object... arrays);

    /** Pushes host changes of these arrays to the device. */
    void toDevice(Object... arrays);

    /**
     * The parts of a run (network, optimizer, buffers) for a run whose arrays and phase scalars are those of
     * {@code key}. A backend that compiles phases (TornadoVM) may hand back the parts it made for an earlier run
     * with an equal key, with every array it holds reset to the values it had when first placed on the device,
     * so that the phases recorded for them run again without compiling; the caller must then restart the parts'
     * host-side state. Eager backends always create.
     *
     * @return {@code create}'s new parts, or an earlier run's (then {@code create} is not called)
     */
    default <T> Reused<T> reuse(Object key, Supplier<T> create) {
        return new Reused<>(create.get(), false);
    }

    /** Parts from {@link #reuse}: {@code again} when they served an earlier run. */
    record Reused<T>(T parts, boolean again) {}
}
