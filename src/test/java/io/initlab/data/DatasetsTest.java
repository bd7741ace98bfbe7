package io.initlab.data;

import static io.initlab.data.IdxFiles.images;
import static io.initlab.data.IdxFiles.labels;
import static io.initlab.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path root;

    @Test
    void loadsTrainAndTestFromRootSlashName() throws IOException {
        Path dir = Files.createDirectories(root.resolve("fashion-mnist"));
        write(dir, Datasets.TRAIN_IMAGES, images(3, 28, 28));
        write(dir, Datasets.TRAIN_LABELS, labels(0, 1, 2));
        write(dir, Datasets.TEST_IMAGES, images(2, 28, 28));
        write(dir, Datasets.TEST_LABELS, labels(9, 8));
        DatasetPair p = Datasets.load("fashion-mnist", root);
        assertThat(p.train().name()).isEqualTo("fashion-mnist-train");
        assertThat(p.train().labels()).containsExactly(0, 1, 2);
        assertThat(p.test().name()).isEqualTo("fashion-mnist-test");
        assertThat(p.test().labels()).containsExactly(9, 8);
    }

    @Test
    void unknownNameListsKnownOnes() {
        assertThatThrownBy(() -> Datasets.load("imagenet", root))
                .isInstanceOf(DataException.class)
                .hasMessage("unknown data set 'imagenet'; known: mnist, fashion-mnist, iris, california-housing, cifar10,"
                        + " cifar100, cifar10-jpeg");
    }

    @Test
    void missingDataSetPointsAtFetchScript() {
        assertThatThrownBy(() -> Datasets.load("mnist", root))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(root.resolve("mnist").resolve(Datasets.TRAIN_IMAGES) + ": no such file; run scripts/fetch-data.sh");
    }

    @Test
    void dataRootPrefersEnvThenPropertyThenWorkDirThenInstallation() throws IOException {
        Path work = Files.createDirectories(root.resolve("work"));
        Path home = Files.createDirectories(root.resolve("home"));
        Files.createDirectories(home.resolve("data/mnist"));

        Map<String, String> env = Map.of("INITLAB_DATA", "/from/env");
        Map<String, String> props = Map.of("initlab.data", "/from/prop", "initlab.home", home.toString());
        assertThat(Datasets.defaultDataRoot(env::get, props::get, work)).isEqualTo(Path.of("/from/env"));
        assertThat(Datasets.defaultDataRoot(k -> null, props::get, work)).isEqualTo(Path.of("/from/prop"));

        Map<String, String> homeOnly = Map.of("initlab.home", home.toString());
        // ./data holds no data set: the installation's data is used, so the CLI works from anywhere
        assertThat(Datasets.defaultDataRoot(k -> null, homeOnly::get, work)).isEqualTo(home.resolve("data"));
        // ./data holds one: it wins
        Files.createDirectories(work.resolve("data/fashion-mnist"));
        assertThat(Datasets.defaultDataRoot(k -> null, homeOnly::get, work)).isEqualTo(work.resolve("data"));
    }

    @Test
    void dataRootFallsBackToWorkDirData() {
        Path work = root.resolve("nowhere");
        assertThat(Datasets.defaultDataRoot(k -> null, k -> null, work)).isEqualTo(work.resolve("data"));
        Map<String, String> blankEnv = Map.of("INITLAB_DATA", " ");
        Map<String, String> emptyHome = Map.of("initlab.home", root.resolve("no-install").toString());
        assertThat(Datasets.defaultDataRoot(blankEnv::get, emptyHome::get, work)).isEqualTo(work.resolve("data"));
    }
}
