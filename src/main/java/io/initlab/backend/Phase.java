package io.initlab.backend;

import java.util.function.Consumer;

/**
 * A named, fixed sequence of {@link Ops} calls over fixed arrays (a training step for a batch size, an
 * evaluation pass, parameter initialization). A backend may run it directly (JVM) or record it once
 * and replay it (TornadoVM task graphs), so the body must issue the same calls with the same arrays and
 * scalars every time; what changes between runs travels in the arrays listed here.
 *
 * @param name    identifies the recording: the same name must always mean the same body
 * @param body    issues the calls
 * @param inputs  arrays the host writes before each run (copied to the device every time)
 * @param outputs arrays the host reads after each run (copied back every time)
 */
public record Phase(String name, Consumer<Ops> body, Object[] inputs, Object[] outputs) {}
