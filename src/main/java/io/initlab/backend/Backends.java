package io.initlab.backend;

import io.initlab.backend.jvm.JvmBackend;

/**
 * Chooses a backend by name. {@code auto} means TornadoVM when this process was started by TornadoVM's
 * launcher (it sets the system property {@code tornado.load.api.implementation}; probing TornadoVM's
 * runtime classes instead would throw from their static initialisers when the runtime is absent), and
 * the JVM otherwise. The TornadoVM backend is compiled only in the tornado profile and loaded by name.
 */
public final class Backends {
    private Backends() {}

    public static final String TORNADO_CLASS = "io.initlab.backend.tornado.TornadoBackend";

    public static boolean launchedByTornado() {
        return System.getProperty("tornado.load.api.implementation") != null;
    }

    /** Resolves auto to jvm or tornado. */
    public static String resolve(String name) {
        return switch (name) {
            case "auto" -> launchedByTornado() ? "tornado" : "jvm";
            case "jvm", "tornado" -> name;
            default -> throw new IllegalArgumentException("unknown backend '" + name + "'; known: auto, jvm, tornado");
        };
    }

    /**
     * @param threads JVM worker threads (ignored by TornadoVM)
     * @param device  TornadoVM device as "backend:device" indices, or null for its default
     */
    public static Backend create(String name, int threads, String device) {
        String resolved = resolve(name);
        if (resolved.equals("jvm")) {
            return new JvmBackend(threads);
        }
        if (!launchedByTornado()) {
            throw new IllegalArgumentException("--backend tornado needs TornadoVM: start initlab with TornadoVM's launcher "
                    + "(tornado -jar target/initlab.jar ...) from a build with -Ptornado; see README");
        }
        try {
            Class<?> c = Class.forName(TORNADO_CLASS);
            return (Backend) c.getConstructor(String.class).newInstance(device);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("this initlab was built without TornadoVM support: rebuild with "
                    + "./mvnw -Ptornado package (see README)");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalArgumentException user) {
                throw user; // a user error (an unknown --device): one line
            }
            throw new IllegalStateException("TornadoVM backend failed to start: " + cause.getMessage(), cause);
        }
    }
}
