package io.initlab.cluster;

import io.initlab.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A launcher like the one scripts/setup.sh writes (HOME/bin/initlab), for tests that start initlab as
 * separate processes (shards, Slurm tasks): during {@code mvn verify} target/initlab.jar is not built yet,
 * so it runs this JVM's java on the test classpath (target/classes and the dependencies) instead.
 */
final class TestLauncher {
    private TestLauncher() {}

    static Path write(Path home) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path launcher = bin.resolve("initlab");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Files.writeString(launcher, "#!/usr/bin/env bash\n"
                + "# test launcher written by " + TestLauncher.class.getName() + "\n"
                + "exec " + quote(java) + " --add-modules jdk.incubator.vector -Xmx1g -Dinitlab.home=" + quote(home.toString())
                + " -cp " + quote(System.getProperty("java.class.path")) + " " + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
