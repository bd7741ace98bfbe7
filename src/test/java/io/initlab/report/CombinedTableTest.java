package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One table of published numbers beside ours across studies: classification, regression and a study not run. */
class CombinedTableTest {

    @TempDir
    Path tmp;

    List<CombinedTable.Study> studies() {
        StudyData mlp = StudyData.load(RecordedStudy.classification()
                .ok("Xavier", 1, 0.980, 0.070, 0.97, 0.981)
                .ok("Xavier", 2, 0.982, 0.066, 0.97, 0.983)
                .ok("He", 1, 0.950, 0.20, 0.94, 0.95)
                .write(tmp.resolve("mlp")));
        StudyData reg = StudyData.load(RecordedStudy.regression()
                .ok("Xavier", 1, 51056.2, 4.91e9, 60000, 51056.2)
                .write(tmp.resolve("reg")));
        StudyData cifar = StudyData.load(RecordedStudy.classification()
                .failed("Xavier", 1, 2, "data not available here")
                .write(tmp.resolve("cifar")));
        return List.of(
                new CombinedTable.Study("mlp-mnist", mlp, ExpectedResults.parse("""
                        published:
                          - {group: Xavier, test_accuracy: 0.981, test_loss: 0.0675}
                          - {group: He, test_accuracy: 0.9787, test_loss: 0.0666}
                        """)),
                new CombinedTable.Study("regression", reg, ExpectedResults.parse("""
                        published:
                          - {group: Xavier, test_accuracy: 50577.8125, test_loss: 4844045312.0}
                        """)),
                new CombinedTable.Study("mlp-cifar100", cifar, ExpectedResults.parse("""
                        published:
                          - {group: Xavier, test_accuracy: 0.2215, test_loss: 3.2848}
                        """)),
                new CombinedTable.Study("no-published", mlp, null));
    }

    @Test
    void oneRowPerStudyAndGroupPublishedBesideOursWithTheVerdict() {
        String md = CombinedTable.markdown(CombinedTable.rows(studies()));
        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).startsWith("Each cell: published (one run) → ours: mean (min–max over our runs, n).")
                .contains("±1 pp (accuracy)", "±10 % of the published value", "Regression rows: accuracy columns hold the MAE");
        assertThat(lines.subList(2, lines.size())).containsExactly(
                "| study | dataset | model | group | test accuracy / MAE | test loss / MSE loss | verdict |",
                "|---|---|---|---|---|---|---|",
                "| mlp-mnist | mnist | MLP | Xavier | 98.10 % → 98.10 % (98.00 – 98.20 %, n 2) ✓ "
                        + "| 0.0675 → 0.068 (0.066 – 0.07, n 2) ✓ | agrees |",
                "| mlp-mnist | mnist | MLP | He | 97.87 % → 95.00 % (n 1) ✗ | 0.0666 → 0.2 (n 1) ✗ "
                        + "| differs: test accuracy, test loss |",
                "| regression | california-housing | MLP | Xavier | 50577.8 → 51056.2 (n 1) ≈ "
                        + "| 4.84405E+9 → 4.91E+9 (n 1) ≈ | agrees |",
                "| mlp-cifar100 | mnist | MLP | Xavier | 22.15 % → – | 3.2848 → – | failed: data not available here |");
    }

    @Test
    void writesTheMarkdownAndTheCsvBesideIt() throws Exception {
        Path md = tmp.resolve("out/dl-a1.md");
        Path csv = CombinedTable.write(CombinedTable.rows(studies()), md);
        assertThat(csv).isEqualTo(tmp.resolve("out/dl-a1.csv"));
        assertThat(Files.readString(md)).contains("| mlp-cifar100 |");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo(String.join(",", PublishedComparison.HEADER));
        assertThat(rows).hasSize(1 + 8)
                .anySatisfy(r -> assertThat(r).startsWith("regression,california-housing,").contains(
                        ",Xavier,test_accuracy,test MAE,50577.8125,1,51056.2,51056.2,51056.2,5057.78,near,ok"))
                .anySatisfy(r -> assertThat(r).startsWith("mlp-cifar100,mnist,").endsWith(
                        ",Xavier,test_loss,test loss,3.2848,0,,,,0.32848,no_value,failed: data not available here"));
    }

    @Test
    void modelKindAndMarkdownEscapes() {
        assertThat(CombinedTable.modelKind("28x28x1 | conv 32 3x3 relu | maxpool 2 | flatten | dense 10")).isEqualTo("CNN");
        assertThat(CombinedTable.modelKind("784 | dense 10")).isEqualTo("MLP");
        assertThat(CombinedTable.md("a | b\nc")).isEqualTo("a \\| b c");
    }
}
