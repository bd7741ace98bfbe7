package io.initlab.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Work per benchmark call, floating-point operations (→ FLOP/s): JMH reports the accumulated count as a rate. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Flop {
    public double flop;

    @Setup(Level.Iteration)
    public void reset() {
        flop = 0;
    }
}
