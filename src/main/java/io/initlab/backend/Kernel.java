package io.initlab.backend;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a backend, the kernel catalog and the benchmarks need to know about an {@link Ops} method beyond
 * its signature, so that none of them declares the operation again (see {@link KernelInfo}). Expressions
 * ({@link #work}, {@link #sizes}, {@link #flops}, {@link #bytes}) use the method's int parameters by name
 * with + - * / and parentheses, e.g. {@code "rows*cols"}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Kernel {
    /** The array parameters the kernel writes (some of which it may also read); it only reads the others. */
    String[] writes();

    /**
     * Iterations of its parallel loop: the bound of the {@code @Parallel} loop of its TornadoVM wrapper and of
     * the reference loop of its default method. 0 means there is nothing to run.
     */
    String work();

    /** "param=expression" for every array parameter: the length the catalog gives it. */
    String[] sizes();

    /**
     * How the catalog fills an input array other than with N(0, 1) floats: {@code "labels<classes"} (ints
     * uniform in [0, classes)), {@code "v>=0"} (floats uniform in [0, 0.001)), {@code "hp={0.01,0.9}"} (exactly
     * these values). Int arrays without a rule are left 0.
     */
    String[] inputs() default {};

    /** Floating-point operations of one call (0 for data movement and integer work). */
    String flops();

    /** Bytes one call must move at least (each array read or written once). */
    String bytes();

    /** The shapes the catalog times, dumps and checks it at: the ones initlab trains with. */
    Example[] examples();

    /** One catalog shape: a value for every scalar parameter. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Example {
        /** The shape as {@code bench kernels} prints it (≤ 29 characters), e.g. "64×784·784×256 dense1". */
        String label();

        /** "param=value" for every int and float parameter. */
        String[] args();
    }
}
