/**
 * The maths of initlab: every numeric operation of training as a static method that does the work of
 * <em>one index</em> of its parallel iteration space, over primitive arrays with explicit sizes.
 *
 * <p>Rules, because TornadoVM compiles these same bodies to OpenCL/PTX: no allocation, no objects, no
 * exceptions, no recursion, no virtual calls, only plain {@code Math} functions (never {@code Math.fma}),
 * and never the unsigned shift {@code >>>} (TornadoVM 5.2's OpenCL backend compiles it as an arithmetic
 * shift): write {@code (x >> s) & mask}. A test scans the bytecode of this package for both.
 * No imports, no dependencies: backends iterate these bodies however they like.
 */
package io.initlab.kernels;
