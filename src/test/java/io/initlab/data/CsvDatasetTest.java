package io.initlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.data.CsvDataset.Spec;
import io.initlab.data.CsvDataset.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
    @TempDir
    Path dir;

    Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void regressionWithChosenFeatureColumnsInTheirOrder() throws IOException {
        Path f = csv("t.csv", "a,b,y,c\n1,2,0.5,3\n4,5,1e3,6\n");
        DatasetPair p = Datasets.loadCsv("t", new Spec(f, null, List.of("c", "a"), "y", Task.REGRESSION));
        Dataset d = p.train();
        assertThat(d.name()).isEqualTo("t-train");
        assertThat(d.isRegression()).isTrue();
        assertThat(d.features()).isEqualTo(2);
        assertThat(d.images()).containsExactly(3, 1, 6, 4);
        assertThat(d.targets()).containsExactly(0.5f, 1000f);
        assertThat(p.test().count()).isZero();
        assertThat(p.test().isRegression()).isTrue();
    }

    @Test
    void valuesAreRoundedFromDoubleLikeNumpysFloat32Cast() throws IOException {
        // 1.00000005960464477539... lies just above the midpoint of two floats; parsing straight to float and
        // rounding the double can disagree on such inputs, numpy does the latter
        String v = "1.000000059604644775390625000001";
        Path f = csv("r.csv", "x,y\n" + v + ",1\n2,3\n");
        Dataset d = CsvDataset.load("r", new Spec(f, null, List.of(), "y", Task.REGRESSION)).train();
        assertThat(d.images()[0]).isEqualTo((float) Double.parseDouble(v));
    }

    @Test
    void classificationNamesAreNumberedInSortedOrderOverTrainAndTest() throws IOException {
        Path train = csv("train.csv", "x1,x2,kind\n1,2,cat\n3,4,dog\n5,6,cat\n");
        Path test = csv("test.csv", "x1,x2,kind\n7,8,ant\n9,10,dog\n");
        DatasetPair p = Datasets.loadCsv("pets", new Spec(train, test, List.of(), "kind", Task.CLASSIFICATION));
        assertThat(p.train().classes()).isEqualTo(3);
        assertThat(p.train().labels()).containsExactly(1, 2, 1);
        assertThat(p.test().labels()).containsExactly(0, 2);
        assertThat(p.test().images()).containsExactly(7, 8, 9, 10);
        assertThat(p.train().isTabular()).isTrue();
    }

    @Test
    void integerClassesAreKept() throws IOException {
        Path f = csv("i.csv", "x,label\n0.1,3\n0.2,0\n0.3,3\n");
        Dataset d = CsvDataset.load("i", new Spec(f, null, List.of(), "label", Task.parse("Classification"))).train();
        assertThat(d.labels()).containsExactly(3, 0, 3);
        assertThat(d.classes()).isEqualTo(4);
    }

    @Test
    void brokenFilesSayWhereAndWhat() throws IOException {
        Path f = csv("b.csv", "a,b,y\n1,2,3\n4,x,6\n");
        assertThatThrownBy(() -> CsvDataset.load("b", new Spec(f, null, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessage(f + ": data row 2: b is 'x', not a number");
        Path short1 = csv("s.csv", "a,b,y\n1,2,3\n4,5\n");
        assertThatThrownBy(() -> CsvDataset.load("s", new Spec(short1, null, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessage(short1 + ": data row 2 has 2 fields, the header 3");
        assertThatThrownBy(() -> CsvDataset.load("b", new Spec(f, null, List.of("a", "z"), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessage(f + ": no column 'z'; the header has [a, b, y]");
        assertThatThrownBy(() -> CsvDataset.load("b", new Spec(f, null, List.of(), "target", Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessage(f + ": no column 'target'; the header has [a, b, y]");
        Path empty = csv("e.csv", "");
        assertThatThrownBy(() -> CsvDataset.load("e", new Spec(empty, null, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class)
                .hasMessage(empty + ": empty file; expected a header line naming the columns");
        Path headerOnly = csv("h.csv", "a,y\n");
        assertThatThrownBy(() -> CsvDataset.load("h", new Spec(headerOnly, null, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessage(headerOnly + ": no data rows after the header");
        Path nan = csv("n.csv", "a,y\nNaN,1\n");
        assertThatThrownBy(() -> CsvDataset.load("n", new Spec(nan, null, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessage(nan + ": data row 1: a is 'NaN', not a finite number");
        Path blank = csv("m.csv", "a,y\n,1\n");
        assertThatThrownBy(() -> CsvDataset.load("m", new Spec(blank, null, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessage(blank + ": data row 1: a is '', not a number");
        Path dup = csv("d.csv", "a,a,y\n1,2,3\n");
        assertThatThrownBy(() -> CsvDataset.load("d", new Spec(dup, null, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessageStartingWith(dup + ": malformed CSV: ");
        Path quote = csv("q.csv", "a,y\n\"1\"x,2\n");
        assertThatThrownBy(() -> CsvDataset.load("q", new Spec(quote, null, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessageStartingWith(quote + ": malformed CSV: ");
        Path badTarget = csv("t.csv", "a,y\n1,cheap\n");
        assertThatThrownBy(() -> CsvDataset.load("t", new Spec(badTarget, null, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessage(badTarget + ": data row 1: target is 'cheap', not a number");
        assertThatThrownBy(() -> CsvDataset.load("b", new Spec(f, null, List.of("a", "y"), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": the target column 'y' is also listed as a feature");
        Path other = csv("o.csv", "a,y\n1,2\n");
        assertThatThrownBy(() -> CsvDataset.load("o", new Spec(f, other, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": data row 2: b is 'x', not a number");
        Path missing = dir.resolve("none.csv");
        assertThatThrownBy(() -> CsvDataset.load("x", new Spec(missing, null, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class).hasMessage(missing + ": no such file; check the path");
        assertThatThrownBy(() -> Task.parse("ranking"))
                .isInstanceOf(DataException.class).hasMessage("unknown task 'ranking'; known: classification, regression");
    }

    @Test
    void testFileMustHaveTheTrainFilesFeatures() throws IOException {
        Path train = csv("tr.csv", "a,b,y\n1,2,3\n");
        Path test = csv("te.csv", "a,y\n1,2\n");
        assertThatThrownBy(() -> CsvDataset.load("x", new Spec(train, test, List.of(), "y", Task.REGRESSION)))
                .isInstanceOf(DataException.class)
                .hasMessage(test + ": feature columns [a] differ from [a, b] of " + train);
    }
}
