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
        assertThat(names).containsExactly("first_batches_loss", "val_accuracy_per_epoch", "loss_per_epoch",
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
}
