package io.initlab;

import io.initlab.data.Datasets;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What some tests need from the machine: the fetched data sets and a headless Chromium. The one place that
 * decides what a missing one means: on a developer's machine the test is skipped, saying how to get it; on
 * CI ({@code CI=true}) the test fails with that one line, so CI cannot go green by skipping.
 */
public final class Prerequisites {
    private Prerequisites() {}

    /** Browsers scripts/check-report.sh can drive, in the order it tries them. */
    static final List<String> CHROMIUM = List.of("chromium", "chromium-browser", "google-chrome");

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * The data root ({@link Datasets#defaultDataRoot()}) holding data set {@code name} ("mnist",
     * "fashion-mnist"), or a skip (locally) / failure (CI) when scripts/fetch-data.sh has not fetched it.
     */
    public static Path dataset(String name) {
        Path root = Datasets.defaultDataRoot();
        Path dir = root.resolve(name);
        boolean present = List.of(Datasets.TRAIN_IMAGES, Datasets.TRAIN_LABELS, Datasets.TEST_IMAGES, Datasets.TEST_LABELS)
                .stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
        require(present, name + " is missing under " + root.toAbsolutePath(), "run scripts/fetch-data.sh", onCi());
        return root;
    }

    /** A headless Chromium on PATH, or a skip (locally) / failure (CI). */
    public static void chromium() {
        require(CHROMIUM.stream().anyMatch(Prerequisites::onPath), "no Chromium on PATH (" + String.join(", ", CHROMIUM) + ")",
                "apt-get install -y chromium, or run scripts/test.sh as root", onCi());
    }

    /** Nothing when present; else a failure on CI, a skip elsewhere, both one line naming what is missing and the fix. */
    static void require(boolean present, String missing, String fix, boolean ci) {
        if (present) {
            return;
        }
        if (ci) {
            Assertions.fail("CI=true but " + missing + ": " + fix);
        }
        Assumptions.abort(missing + ": " + fix);
    }

    static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }
}
