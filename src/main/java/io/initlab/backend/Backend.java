package io.initlab.backend;

/** A place to run kernels: the JVM (default, everywhere) or a TornadoVM device. */
public interface Backend extends AutoCloseable {
    /** "jvm" or "tornado". */
    String name();

    /** A description for logs and result files, e.g. "jvm (2 threads, AVX-512 16 lanes)". */
    String description();

    /** Runs phases of training; the JVM's runs them eagerly on its {@link Ops}. */
    Engine engine();

    /**
     * Memory a device offers one program: total bytes, and the longest single allocation, both 0 for the JVM (whose
     * runs go in parallel with {@code --jobs} instead). The study runner sizes lockstep groups by it.
     */
    default DeviceMemory deviceMemory() {
        return new DeviceMemory(0, 0);
    }

    /** What {@link #deviceMemory} reports. */
    record DeviceMemory(long totalBytes, long maxAllocationBytes) {
        public boolean isDevice() {
            return totalBytes > 0;
        }
    }

    @Override
    void close();
}
