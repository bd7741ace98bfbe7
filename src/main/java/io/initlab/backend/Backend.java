package io.initlab.backend;

/** A place to run kernels: the JVM (default, everywhere) or a TornadoVM device. */
public interface Backend extends AutoCloseable {
    /** "jvm" or "tornado". */
    String name();

    /** A description for logs and result files, e.g. "jvm (2 threads, AVX-512 16 lanes)". */
    String description();

    /** Runs phases of training; the JVM's runs them eagerly on its {@link Ops}. */
    Engine engine();

    @Override
    void close();
}
