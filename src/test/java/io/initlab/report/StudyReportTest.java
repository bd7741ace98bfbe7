package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyReportTest {

    @TempDir
    Path tmp;

    static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(StudyReportTest.class.getResourceAsStream("/report/" + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Where to write the report: the system property initlab.report.keep (to look at it), else a temp dir. */
    Path outDir(String name) { return outDir(tmp, name); }

    static Path outDir(Path tmp, String name) {
        String keep = System.getProperty("initlab.report.keep");
        return keep == null ? tmp.resolve(name) : Path.of(keep).resolve(name);
    }

    static ReportResult writeStandard(Path dir) throws IOException {
        SyntheticStudy.standard().write(dir);
        Path expected = dir.resolve("expected.yaml");
        Files.writeString(expected, resource("expected-example.yaml"));
        return StudyReport.write(dir, ReportOptions.builder()
                .studyName("synthetic")
                .title("Synthetic <init> study")
                .description("A made-up study.\n\nSecond paragraph with <b>markup</b> & an ampersand.")
                .configYamlText(resource("study-example.yaml"))
                .expectedFile(expected)
                .rerunCommand("bin/initlab study run studies/synthetic.yaml")
                .build());
    }

    @Test
    void writesEverything() throws IOException {
        Path dir = outDir("standard");
        ReportResult r = writeStandard(dir);

        assertThat(r.html()).isRegularFile();
        assertThat(r.summaryCsv()).isRegularFile();
        assertThat(r.comparisonsCsv()).isRegularFile();
        List<String> names = r.plots().stream().map(FigureWriter.PlotFile::name).toList();
        assertThat(names).containsExactly("first_batches_loss", "val_accuracy_per_epoch", "train_accuracy_per_epoch",
                "loss_per_epoch",
                "accuracy_distribution", "accuracy_bar", "init_hist_dense1", "init_hist_dense2", "init_hist_dense3",
                "layer_variance_activation", "layer_variance_activation_epochs", "layer_variance_gradient",
                "layer_variance_gradient_epochs");
        for (FigureWriter.PlotFile p : r.plots()) {
            PlotsTest.assertPng(p.png());
            PlotsTest.assertSvg(p.svg());
        }
        assertThat(r.warnings()).anyMatch(w -> w.contains("not_in_study"));
        assertThat(r.warnings()).noneMatch(w -> w.contains("failed"));
    }

    /** A study that names its main plot gets it first; a table without train_accuracy gets no such plot. */
    @Test
    void theMainPlotComesFirstAndOldTablesHaveNoTrainingAccuracyPlot() throws IOException {
        Path dir = SyntheticStudy.standard().write(outDir("main-plot"));
        Path expected = dir.resolve("train.expected.yaml");  // published training accuracy (seed study 004's plot)
        Files.writeString(expected, "metric: train_accuracy\nexpected:\n  - {group: he_normal, low: 0.95, high: 0.99}\n");
        ReportResult r = StudyReport.write(dir, ReportOptions.builder().studyName("m").mainPlot("train_accuracy")
                .metrics(List.of("val_accuracy")).expectedFile(expected).build());
        assertThat(Files.readAllLines(r.summaryCsv())).anySatisfy(l ->
                assertThat(l).startsWith("he_normal,train_accuracy,5,").endsWith(",0.95,0.99,true,true"));
        assertThat(r.plots()).extracting(FigureWriter.PlotFile::name)
                .startsWith("train_accuracy_per_epoch", "first_batches_loss", "val_accuracy_per_epoch", "loss_per_epoch");
        assertThat(Files.readString(r.summaryCsv())).contains("he_normal,train_accuracy,5,");

        // runs.csv as written before train_accuracy and layer_inits existed
        Path old = outDir("old-table");
        SyntheticStudy.standard().write(old);
        List<String> lines = Files.readAllLines(old.resolve("runs.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int acc = header.indexOf("train_accuracy");
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            List<String> cells = new java.util.ArrayList<>(splitCsv(line));
            cells.remove(acc);
            cells.remove(header.indexOf("layer_inits"));
            sb.append(String.join(",", cells.stream().map(SyntheticStudy::csv).toList())).append('\n');
        }
        Files.writeString(old.resolve("runs.csv"), sb);
        ReportResult o = StudyReport.write(old, ReportOptions.builder().studyName("old").mainPlot("train_accuracy").build());
        assertThat(o.plots()).extracting(FigureWriter.PlotFile::name).doesNotContain("train_accuracy_per_epoch")
                .startsWith("first_batches_loss");
        assertThat(o.warnings()).anyMatch(w -> w.contains("main plot train_accuracy_per_epoch has no data"));
        String html = Files.readString(o.html());
        assertThat(html).contains("id=\"layer-inits-table\"", "<td class=\"t\">–</td>");
        assertThat(Files.readString(r.html())).contains("<th>dense3</th>", "<code>glorot_uniform</code>");
    }

    static List<String> splitCsv(String line) {
        try (var p = org.apache.commons.csv.CSVParser.parse(line, org.apache.commons.csv.CSVFormat.DEFAULT)) {
            return p.getRecords().get(0).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
