package io.initlab.backend;

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
}
