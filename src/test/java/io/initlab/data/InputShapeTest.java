package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link Datasets#shape}, what studies check their models and estimate memory with before loading anything,
 * against the data sets as loaded (each skipped where scripts/fetch-data.sh has not fetched it).
 */
class InputShapeTest {
    static Path root() {
        return Datasets.defaultDataRoot();
    }

    static void sameAsLoaded(String name) {
        assumeTrue(Files.isDirectory(root().resolve(name)), name + " not fetched under " + root());
        DatasetPair p = Datasets.load(name, root());
        Datasets.InputShape in = Datasets.shape(name);
        assertThat(new int[] {p.train().channels(), p.train().rows(), p.train().cols(), p.train().classes(),
                p.train().count() + p.test().count()}).as(name)
                .containsExactly(in.channels(), in.height(), in.width(), in.classes(), in.rows());
        assertThat(p.train().features()).isEqualTo(in.features());
    }

    @Test
    void namedTablesAndImagesHaveTheShapeTheyLoadWith() {
        sameAsLoaded("mnist");
        sameAsLoaded("iris");
        sameAsLoaded("california-housing");
    }

    @Test
    void cifarIsThreeChannelsOf32By32() {
        assertThat(Datasets.shape("cifar10").features()).isEqualTo(3 * 32 * 32);
        assertThat(Datasets.shape("cifar100").classes()).isEqualTo(100);
        Path test = root().resolve("cifar10-jpeg").resolve("test");
        assumeTrue(Files.isDirectory(test), "cifar10-jpeg not fetched under " + root());
        Dataset d = ImageFolder.read("cifar10-jpeg-test", test);
        Datasets.InputShape in = Datasets.shape("cifar10-jpeg");
        assertThat(new int[] {d.channels(), d.rows(), d.cols(), d.classes()})
                .containsExactly(in.channels(), in.height(), in.width(), in.classes());
    }

    @Test
    void everyKnownNameHasAShapeAndUnknownOnesAreNamed() {
        for (String n : Datasets.NAMES) {
            assertThat(Datasets.shape(n).features()).as(n).isPositive();
        }
        assertThatThrownBy(() -> Datasets.shape("svhn")).isInstanceOf(DataException.class)
                .hasMessageStartingWith("unknown data set 'svhn'; known: mnist,");
    }
}
