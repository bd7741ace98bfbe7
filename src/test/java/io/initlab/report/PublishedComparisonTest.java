package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.internal.chartpart.Chart;

/** published.csv, the report's table of published numbers, and the labels of a regression study's report. */
class PublishedComparisonTest {

    @TempDir
    Path tmp;

    static final String PUBLISHED = """
            source: "the original's results.csv"
            metric: best_val_accuracy
            published:
              - {group: Xavier, best_val_accuracy: 0.981, test_accuracy: 0.975, test_loss: 0.0675, epochs_run: 3}
              - {group: Zero, test_accuracy: 0.1135}
              - {group: Missing, test_accuracy: 0.5}
            """;

    /** Xavier: 3 finished runs; Zero: 2 runs that did not finish (the reason is in their run files). */
    Path classification() {
        return RecordedStudy.classification()
                .ok("Xavier", 1, 0.970, 0.070, 0.95, 0.975, 0.972)
                .ok("Xavier", 2, 0.980, 0.074, 0.96, 0.978, 0.979)
                .ok("Xavier", 3, 0.978, 0.072, 0.96, 0.97, 0.977)
                .failed("Zero", 1, 3, "data not available here")
                .failed("Zero", 2, 3, "data not available here")
                .write(tmp.resolve("cls"));
    }

    @Test
    void publishedCsvHasOneRowPerGroupAndMetricWithOursAndTheVerdict() throws Exception {
        Path dir = classification();
        List<PublishedComparison.Row> rows = PublishedComparison.compute("dl-a1-mlp-mnist", StudyData.load(dir),
                ExpectedResults.parse(PUBLISHED));
        PublishedComparison.writeCsv(rows, dir.resolve(PublishedComparison.FILE));
        String model = "784 | dense 32 relu | dense 10 softmax";
        // Xavier's best validation accuracies are 0.975, 0.979, 0.977 (max over epochs): 0.981 is 0.002 above → near;
        // test 0.970 0.980 0.978 contain 0.975; test loss 0.070–0.074 is 0.0025 above 0.0675 (tolerance 0.00675);
        // epochs run 3, 3, 3 → in range
        assertThat(Files.readAllLines(dir.resolve("published.csv"))).containsExactly(
                String.join(",", PublishedComparison.HEADER),
                "dl-a1-mlp-mnist,mnist," + model + ",Xavier,best_val_accuracy,best validation accuracy,0.981,3,0.977,0.975,0.979,0.01,near,ok ×3",
                "dl-a1-mlp-mnist,mnist," + model + ",Xavier,test_accuracy,test accuracy,0.975,3,0.976,0.97,0.98,0.01,in_range,ok ×3",
                "dl-a1-mlp-mnist,mnist," + model + ",Xavier,test_loss,test loss,0.0675,3,0.072,0.07,0.074,0.00675,near,ok ×3",
                "dl-a1-mlp-mnist,mnist," + model + ",Xavier,epochs_run,epochs run,3,3,3,3,3,2,in_range,ok ×3",
                "dl-a1-mlp-mnist,mnist," + model + ",Zero,test_accuracy,test accuracy,0.1135,0,,,,0.01,no_value,"
                        + "failed ×2: data not available here",
                "dl-a1-mlp-mnist,mnist," + model + ",Missing,test_accuracy,test accuracy,0.5,0,,,,0.01,no_value,no runs");
    }

    @Test
    void theReportWritesPublishedCsvAndShowsTheTableAndTheStatusOfGroupsWithoutRuns() throws Exception {
        Path dir = classification();
        Path expected = Files.writeString(tmp.resolve("e.yaml"), PUBLISHED);
        ReportResult r = StudyReport.write(dir, ReportOptions.builder().studyName("dl-a1-mlp-mnist").expectedFile(expected)
                .build());
        assertThat(dir.resolve("published.csv")).isRegularFile();
        String html = Files.readString(r.html());
        assertThat(html).contains("<h2 id=\"published\">Published numbers beside ours</h2>", "the original&#39;s results.csv",
                "98.10 %", "97.70 %", "97.50 – 97.90 %", "near: within ±1 pp", "inside our min–max",
                "failed ×2: data not available here", "4 of 4 published numbers with a value of ours agree; 2 have no value");
        // the published metrics get summary rows too
        assertThat(Files.readString(dir.resolve("summary.csv"))).contains("Xavier,test_loss,3,0.072,", "Xavier,epochs_run,3,3,");
        assertThat(r.warnings()).contains("Published numbers for group 'Missing', which is not in this study.");
        // the bar chart of the main metric (best_val_accuracy) marks the published single numbers
        assertThat(r.plots()).filteredOn(p -> p.name().equals("accuracy_bar")).singleElement()
                .satisfies(p -> assertThat(p.caption()).contains("Orange diamonds: the published number (one run)."));
        // a study without published numbers writes no published.csv
        Path plain = RecordedStudy.classification().ok("He", 1, 0.97, 0.07, 0.9).write(tmp.resolve("plain"));
        StudyReport.write(plain, ReportOptions.defaults("plain"));
        assertThat(plain.resolve("published.csv")).doesNotExist();
        assertThat(Files.readString(plain.resolve("report.html"))).doesNotContain("id=\"published\"");
    }

    Path regression() {
        return RecordedStudy.regression()
                .ok("Xavier", 1, 51056.2, 4.91e9, 60000, 52000, 51056.2)
                .ok("Xavier", 2, 51730.5, 4.99e9, 61000, 53000, 51730.5)
                .ok("Zero", 1, 207080.5, 5.6e10, 207090, 207085, 207080.5)
                .write(tmp.resolve("reg"));
    }

    /** Regression (loss mse): every label says MAE or MSE loss, values are not shown as percentages. */
    @Test
    void aRegressionReportSaysMaeAndMseLossWhereAClassificationOneSaysAccuracyAndLoss() throws Exception {
        Path dir = regression();
        Path expected = Files.writeString(tmp.resolve("r.yaml"), """
                published:
                  - {group: Xavier, test_accuracy: 50577.8125, test_loss: 4844045312.0, epochs_run: 3}
                """);
        ReportResult r = StudyReport.write(dir, ReportOptions.builder().studyName("dl-a1-regression").expectedFile(expected)
                .metrics(List.of("val_accuracy", "best_val_accuracy", "test_accuracy")).build());
        String html = Files.readString(r.html());
        assertThat(html).contains("Regression (loss mse): every score below is the mean absolute error",
                "<td class=\"t\">validation MAE</td>", "<td class=\"t\">best validation MAE</td>",
                "<td class=\"t\">test MAE</td>", "<td class=\"t\">test MSE loss</td>", "51056.2 – 51730.5", "50577.8")
                .doesNotContain("<td class=\"t\">val_accuracy</td>", "<td class=\"t\">validation accuracy</td>",
                        "<td class=\"t\">test accuracy</td>", "5139335.00 %");
        assertThat(Files.readString(dir.resolve("published.csv"))).contains(",Xavier,test_accuracy,test MAE,50577.8125,2,",
                ",Xavier,test_loss,test MSE loss,4844045312,2,");
        List<String> titles = r.plots().stream().map(FigureWriter.PlotFile::title).toList();
        assertThat(titles).contains("Validation MAE per epoch (mean ± 1 sd over seeds/folds)",
                "Training MAE per epoch (mean ± 1 sd over seeds/folds)",
                "Training and validation MSE loss per epoch (mean over seeds)",
                "Mean final-epoch validation MAE per group (95 % CI)",
                "Final-epoch validation MAE per group (distribution over seeds/folds)");
        assertThat(String.join(" ", titles)).doesNotContainIgnoringCase("accuracy");

        // the axis titles of the charts themselves
        Plots plots = new Plots(StudyData.load(dir));
        assertThat(yAxis(plots.valAccuracyPerEpoch().orElseThrow())).isEqualTo("validation MAE");
        assertThat(yAxis(plots.lossPerEpoch().orElseThrow())).startsWith("MSE loss");
        assertThat(yAxis(plots.accuracyDistribution("test_accuracy").orElseThrow())).isEqualTo("test MAE at the last epoch");
        // and the same plots of a classification study keep accuracy and loss
        Plots cls = new Plots(StudyData.load(classification()));
        assertThat(yAxis(cls.valAccuracyPerEpoch().orElseThrow())).isEqualTo("validation accuracy");
        assertThat(cls.valAccuracyPerEpoch().orElseThrow().title()).startsWith("Validation accuracy per epoch");
        assertThat(yAxis(cls.lossPerEpoch().orElseThrow())).startsWith("loss");
    }

    @Test
    void labelsAndDisplayOfEachKindOfColumn() {
        assertThat(new MetricLabel("val_accuracy", false).label()).isEqualTo("validation accuracy");
        assertThat(new MetricLabel("val_accuracy", true).label()).isEqualTo("validation MAE");
        assertThat(new MetricLabel("test_loss", true).label()).isEqualTo("test MSE loss");
        assertThat(new MetricLabel("epochs_run", true).label()).isEqualTo("epochs run");
        assertThat(new MetricLabel("test_accuracy", false).show(0.98104)).isEqualTo("98.10 %");
        assertThat(new MetricLabel("test_accuracy", true).show(51123.04)).isEqualTo("51123");
        assertThat(new MetricLabel("epochs_run", false).show(11.6667)).isEqualTo("11.7");
        assertThat(new MetricLabel("epochs_run", false).show(12)).isEqualTo("12");
        assertThat(new MetricLabel("epochs_run", false).showRange(9, 15)).isEqualTo("9 – 15");
        assertThat(new MetricLabel("test_accuracy", true).lowerIsBetter()).isTrue();
        assertThat(new MetricLabel("test_accuracy", false).lowerIsBetter()).isFalse();
    }

    static String yAxis(Plots.Figure f) {
        Chart<?, ?> c = f.panels().get(0);
        return c.getYAxisTitle();
    }
}
