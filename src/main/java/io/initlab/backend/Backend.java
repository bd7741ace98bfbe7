package io.initlab.backend;

/** A place to run kernels: the JVM (default, everywhere) or a TornadoVM device. */
public interface Backend extends AutoCloseable {
    /** "jvm" or "tornado". */
    String name();

    /** A description for logs and result files, e.g. "jvm (2 threads, AVX-512 16 lanes)". */
    String description();

    /** Runs phases of training; the JVM's runs them eagerly on {@link #ops()}. */
    Engine engine();

    /**
     * Direct, eager access to the kernels, where the backend has it (the JVM backend; TornadoVM runs
     * phases only and throws UnsupportedOperationException).
     */
    Ops ops();

    @Override
    void close();
}
