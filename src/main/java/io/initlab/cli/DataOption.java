package io.initlab.cli;

import io.initlab.data.Datasets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --data: where mnist/ and fashion-mnist/ are. */
final class DataOption {
    @Option(names = "--data", description = "data directory holding mnist/ and fashion-mnist/ (default: $INITLAB_DATA or <install>/data)")
    Path dir;

    /** The directory given, or null for {@link Datasets#defaultDataRoot()}. */
    Path given() {
        return dir;
    }

    Path root() {
        return dir != null ? dir : Datasets.defaultDataRoot();
    }
}
