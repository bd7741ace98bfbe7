package io.initlab.backend.tornado;

import io.initlab.backend.Engine;
import io.initlab.backend.Phase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/**
 * Compile once per process: keeps, per device and run shape ({@link Engine#reuse}'s key), the engine with its
 * compiled phases and the run parts whose arrays those phases are bound to, and hands both to the next run of
 * that shape after {@link TornadoEngine#reset}. A study makes a backend per run ({@code StudyRunner}); each gets a
 * {@link RunEngine} that switches to a cached engine when its trainer asks to reuse, before any phase ran.
 *
 * <p>At most {@link #capacity} shapes are kept (a study has one per activation or model); the least recently used
 * is closed, freeing its device buffers. {@code -Dinitlab.tornado.reuse=false} turns the cache off (every run
 * compiles, as before; for measuring). One run at a time uses a cached engine; a second one asking for the same
 * shape meanwhile gets a fresh engine of its own.
 */
final class RunCache {
    private RunCache() {}

    /** Shapes kept, from {@code -Dinitlab.tornado.reuse.shapes} (default 4). */
    static int capacity() {
        return Integer.getInteger("initlab.tornado.reuse.shapes", 4);
    }

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("initlab.tornado.reuse", "true"));
    }

    /** A device by its "BACKEND:DEVICE" indices (TornadoVM may hand out a new device object per lookup). */
    private record Key(String device, Object shape) {}

    private static final class Entry {
        final TornadoEngine engine;
        final Object parts;
        boolean inUse;
        int runs = 1;

        Entry(TornadoEngine engine, Object parts) {
            this.engine = engine;
            this.parts = parts;
        }
    }

    /** Access order: the eldest is the least recently used. */
    private static final LinkedHashMap<Key, Entry> ENTRIES = new LinkedHashMap<>(16, 0.75f, true);

    /** Closes every kept engine (tests). */
    static synchronized void clear() {
        for (Entry e : ENTRIES.values()) {
            if (!e.inUse) {
                e.engine.close();
            }
        }
        ENTRIES.clear();
    }

    /**
     * The engine a run goes on and what it reuses: a fresh engine (kept for later runs when the cache is on), or a
     * kept one, reset, with its parts.
     */
    private static synchronized Lease lease(TornadoDevice device, Object shape, Supplier<?> create) {
        Key key = new Key(TornadoSetup.indices(device), shape);
        Entry e = enabled() ? ENTRIES.get(key) : null;
        if (e != null && !e.inUse) {
            e.engine.reset();
            e.inUse = true;
            e.runs++;
            return new Lease(e.engine, e.parts, true, e);
        }
        TornadoEngine engine = new TornadoEngine(device);
        Object parts = create.get();
        if (!enabled() || e != null) {
            return new Lease(engine, parts, false, null); // not kept: closed with its backend
        }
        evictBeyond(capacity() - 1);
        Entry fresh = new Entry(engine, parts);
        fresh.inUse = true;
        ENTRIES.put(key, fresh);
        return new Lease(engine, parts, false, fresh);
    }

    private static void evictBeyond(int keep) {
        List<Key> idle = new ArrayList<>();
        for (Map.Entry<Key, Entry> e : ENTRIES.entrySet()) {
            if (!e.getValue().inUse) {
                idle.add(e.getKey());
            }
        }
        for (int i = 0; i < idle.size() && ENTRIES.size() > keep; i++) {
            ENTRIES.remove(idle.get(i)).engine.close();
        }
    }

    private static synchronized void release(Entry e) {
        e.inUse = false;
    }

    private record Lease(TornadoEngine engine, Object parts, boolean again, Entry entry) {}

    /**
     * A backend's engine: a private {@link TornadoEngine} until its trainer asks to {@link #reuse}, then the cached
     * (or newly cached) one of that shape. Closing it releases a cached engine for the next run instead of closing it.
     */
    static final class RunEngine implements Engine, AutoCloseable {
        private final TornadoDevice device;
        private TornadoEngine engine;
        private Entry entry;
        private boolean used;

        RunEngine(TornadoDevice device) {
            this.device = device;
        }

        /** The engine this run's phases go to (its timings). */
        TornadoEngine current() {
            if (engine == null) {
                engine = new TornadoEngine(device);
            }
            return engine;
        }

        /** Whether the run reused compiled phases of an earlier run. */
        boolean reused() {
            return entry != null && entry.runs > 1;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Reused<T> reuse(Object key, Supplier<T> create) {
            if (used || engine != null) {
                used = true; // a second trainer on this backend, or phases ran before: its own arrays, this engine
                return new Reused<>(create.get(), false);
            }
            used = true;
            Lease l = lease(device, key, create);
            engine = l.engine();
            entry = l.entry();
            return new Reused<>((T) l.parts(), l.again());
        }

        @Override
        public void run(Phase phase) {
            used = true;
            current().run(phase);
        }

        @Override
        public void toHost(Object... arrays) {
            current().toHost(arrays);
        }

        @Override
        public void toDevice(Object... arrays) {
            current().toDevice(arrays);
        }

        @Override
        public void close() {
            if (entry != null) {
                release(entry);
            } else if (engine != null) {
                engine.close();
            }
        }
    }
}
