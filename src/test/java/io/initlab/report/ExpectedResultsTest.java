package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected-results files: published ranges (as before) and published single numbers, and their errors. */
class ExpectedResultsTest {

    @TempDir
    Path tmp;

    @Test
    void readsPublishedSingleNumbersBesideRanges() throws Exception {
        Path f = tmp.resolve("dl.expected.yaml");
        Files.writeString(f, """
                source: "gjaynir0508/DL-A1, results.csv"
                metric: best_val_accuracy
                expected:
                  - {group: Zero, low: 0.11, high: 0.12}
                published:            # one run per cell in the original
                  - {group: Xavier, best_val_accuracy: 0.981, test_accuracy: 0.981, test_loss: 0.0675, epochs_run: 10}
                  - group: Zero
                    test_loss: "2.301"
                    note: a string number is read too
                """);
        ExpectedResults ex = ExpectedResults.read(f);
        assertThat(ex.source()).isEqualTo("gjaynir0508/DL-A1, results.csv");
        assertThat(ex.metric()).isEqualTo("best_val_accuracy");
        assertThat(ex.forGroup("Zero")).hasValueSatisfying(e -> assertThat(e.high()).isEqualTo(0.12));
        assertThat(ex.published()).hasSize(2);
        ExpectedResults.Published x = ex.publishedFor("Xavier").orElseThrow();
        assertThat(x.values()).containsExactly(Map.entry("best_val_accuracy", 0.981), Map.entry("test_accuracy", 0.981),
                Map.entry("test_loss", 0.0675), Map.entry("epochs_run", 10.0)); // in the file's order
        assertThat(ex.publishedFor("Zero").orElseThrow().note()).isEqualTo("a string number is read too");
        assertThat(ex.publishedFor("He")).isEmpty();
        assertThat(ex.publishedMetrics()).containsExactly("best_val_accuracy", "test_accuracy", "test_loss", "epochs_run");
    }

    @Test
    void aFileWithRangesOnlyReadsAsBefore() {
        ExpectedResults ex = ExpectedResults.parse("""
                metric: val_accuracy
                expected:
                  - {group: zeros, low: 0.097, high: 0.099, note: "published 9.7–9.9 %"}
                """);
        assertThat(ex.published()).isEmpty();
        assertThat(ex.publishedMetrics()).isEmpty();
        assertThat(ex.expected()).extracting(ExpectedResults.Expected::group).containsExactly("zeros");
    }

    /** Each bad file fails with one line naming the file, the entry and the key. */
    @Test
    void badInputIsOneLineNamingFileAndKey() throws Exception {
        for (List<String> c : List.of(
                List.of("published:\n  - {group: Xavier, tets_loss: 0.1}\n", "published[0] (Xavier): unknown key 'tets_loss'"),
                List.of("published:\n  - {group: He, test_loss: 0.1}\n  - {group: Xavier, test_loss: abc}\n",
                        "published[1] (Xavier).test_loss is not a number: abc"),
                List.of("published:\n  - {group: Xavier, test_loss: [1, 2]}\n", "published[0] (Xavier).test_loss is not a number"),
                List.of("published:\n  - {test_loss: 0.1}\n", "published[0]: no group"),
                List.of("published:\n  - {group: He}\n", "published[0] (He): no published number"),
                List.of("published:\n  - {group: He, test_loss: 1}\n  - {group: He, epochs_run: 3}\n",
                        "published[1] (He): group He is listed twice"),
                List.of("published: {group: He, test_loss: 1}\n", "'published' must be a list"),
                List.of("published:\n  - He\n", "published[0] must be a mapping"),
                List.of("publshed: []\n", "unknown key 'publshed'"),
                List.of("expected:\n  - {group: a, low: 0.3, high: x}\n", "(a.high) is not a number: x"),
                List.of("published: [ {group: He\n", "not readable as YAML"))) {
            Path f = tmp.resolve("bad.expected.yaml");
            Files.writeString(f, c.get(0));
            assertThatThrownBy(() -> ExpectedResults.read(f)).as(c.get(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(f.toString())
                    .hasMessageContaining(c.get(1))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
