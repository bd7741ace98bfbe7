package io.initlab;

import picocli.CommandLine;

/** initlab's version, from the jar manifest (falls back to "dev" when run from classes). */
public final class Version {
    private Version() {}

    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** For picocli's --version. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"initlab " + get(), "Java " + Runtime.version()};
        }
    }
}
