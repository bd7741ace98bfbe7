package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path tmp;

    static void assertPng(Path p) throws IOException {
        assertThat(p).isRegularFile();
        byte[] b = Files.readAllBytes(p);
        assertThat(b.length).as(p + " size").isGreaterThan(1000);
        assertThat(Arrays.copyOf(b, 8)).as(p + " magic").isEqualTo(PNG_MAGIC);
    }

    static void assertSvg(Path p) throws IOException {
        assertThat(p).isRegularFile();
        assertThat(Files.readString(p)).contains("<svg");
    }

    @Test
    void labelsNameTheDivergedRuns() {
        StudyData data = StudyData.load(SyntheticStudy.standard().write(tmp));
        Plots plots = new Plots(data);
        assertThat(plots.label("he_normal")).isEqualTo("he_normal");
        assertThat(plots.label("xavier_normal")).isEqualTo("xavier_normal (1/5 diverged, first at step 150)");
        assertThat(plots.label("huge <N(0,10)> & \"friends\"")).endsWith("(all 5 diverged, first at step 40)");
        assertThat(plots.color("zeros")).isEqualTo(Plots.PALETTE[0]);
        assertThat(plots.color("he_normal")).isEqualTo(Plots.PALETTE[2]);
    }

    @Test
    void everyStudyWhoseRunsAllDivergedStillGetsAReport() throws IOException {
        SyntheticStudy s = new SyntheticStudy()
                .group(SyntheticStudy.Group.of("big", 0.1, 0.01, 5).diverging(3, 1L, 2L, 3L, 4L, 5L))
                .group(SyntheticStudy.Group.of("bigger", 0.1, 0.01, 50).diverging(1, 1L, 2L, 3L, 4L, 5L));
        Path dir = s.write(StudyReportTest.outDir(tmp, "alldiv"));
        ReportResult r = StudyReport.write(dir, ReportOptions.defaults("alldiv"));
        assertThat(r.warnings()).noneMatch(w -> w.contains("failed"));
        for (FigureWriter.PlotFile p : r.plots()) {
            assertPng(p.png());
            assertSvg(p.svg());
        }
        List<String> summary = Files.readAllLines(r.summaryCsv());
        assertThat(summary).contains("big,val_accuracy,0,,,,,,,5,,,,", "bigger,val_accuracy,0,,,,,,,5,,,,");
        assertThat(Files.readString(r.html())).contains("diverged ×5"); // a group without a value says how its runs ended
    }

    @Test
    void nanZerosAndInfinitiesInTheInputsDoNotBreakThePlots() throws IOException {
        Path dir = StudyReportTest.outDir(tmp, "nan");
        SyntheticStudy.standard().write(dir);
        // poison batches.csv, layers.csv and init_hist.csv with NaN / Inf / empty / zero values
        Files.writeString(dir.resolve("batches.csv"), """
                r1-s9,zeros,9,-1,1,1,NaN
                r1-s9,zeros,9,-1,1,2,inf
                r1-s9,zeros,9,-1,1,3,
                r1-s9,zeros,9,-1,1,4,0
                r1-s9,zeros,9,-1,1,5,-inf
                """, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("layers.csv"), """
                r2-s1,U[-0.5,0.5),1,-1,0,dense1,activation,NaN,NaN,0,
                r2-s1,U[-0.5,0.5),1,-1,0,dense2,gradient,0,0,1,0
                r2-s1,U[-0.5,0.5),1,-1,0,dense3,gradient,0,Infinity,1,0
                """.replace("U[-0.5,0.5)", "\"U[-0.5,0.5)\""), java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("init_hist.csv"), """
                zeros,dense1,NaN,0.1,5
                zeros,dense1,0.1,inf,5
                zeros,dense1,0.2,0.3,
                """, java.nio.file.StandardOpenOption.APPEND);
        ReportResult r = StudyReport.write(dir, ReportOptions.builder().studyName("nan").firstBatches(50).build());
        assertThat(r.warnings()).noneMatch(w -> w.contains("failed"));
        assertThat(r.plots()).hasSize(13);
        for (FigureWriter.PlotFile p : r.plots()) {
            assertPng(p.png());
            assertSvg(p.svg());
        }
    }

    @Test
    void missingOptionalFilesSkipTheirPlots() throws IOException {
        SyntheticStudy s = SyntheticStudy.standard();
        s.withBatches = false;
        s.withLayers = false;
        s.withHist = false;
        s.seeds = List.of(7L);               // one seed: no error bars, no CIs
        s.epochs = 1;                        // one epoch: single-point x axes
        Path dir = s.write(StudyReportTest.outDir(tmp, "min"));
        ReportResult r = StudyReport.write(dir, ReportOptions.defaults("min"));
        assertThat(r.plots()).extracting(FigureWriter.PlotFile::name)
                .containsExactly("val_accuracy_per_epoch", "train_accuracy_per_epoch", "loss_per_epoch",
                        "accuracy_distribution", "accuracy_bar");
        assertThat(r.warnings()).anyMatch(w -> w.contains("batches.csv"))
                .anyMatch(w -> w.contains("layers.csv")).anyMatch(w -> w.contains("init_hist.csv"));
        for (FigureWriter.PlotFile p : r.plots()) {
            assertPng(p.png());
            assertSvg(p.svg());
        }
    }

    @Test
    void firstBatchesPlotHonoursItsWindow() throws IOException {
        Path dir = SyntheticStudy.standard().write(tmp.resolve("w"));
        StudyData data = StudyData.load(dir);
        BatchLosses b = BatchLosses.read(dir.resolve("batches.csv"), 25);
        assertThat(b.maxStep()).isEqualTo(25);
        assertThat(b.runs()).hasSize(25);
        BatchLosses.RunLosses huge = b.runs().stream().filter(r -> r.group().startsWith("huge")).findFirst()
                .orElseThrow();
        assertThat(huge.firstNonFiniteStep()).isEqualTo(-1);       // diverges at step 40, outside the window
        assertThat(BatchLosses.read(dir.resolve("batches.csv"), 100).runs().stream()
                .filter(r -> r.group().startsWith("huge")).findFirst().orElseThrow().firstNonFiniteStep())
                .isEqualTo(40);
        Plots.Figure f = new Plots(data).firstBatchesLoss(b, 25).orElseThrow();
        assertThat(f.title()).contains("first 25 batches");
        FigureWriter.PlotFile p = FigureWriter.write(f, tmp.resolve("plots"));
        assertPng(p.png());
        assertSvg(p.svg());
    }

    @Test
    void gridFiguresHaveOnePanelPerGroupOrLayer() {
        Path dir = SyntheticStudy.standard().write(tmp.resolve("g"));
        StudyData data = StudyData.load(dir);
        Plots plots = new Plots(data);
        Plots.Figure h = plots.initHistogram(InitHistograms.read(dir.resolve("init_hist.csv")), "dense2").orElseThrow();
        assertThat(h.panels()).hasSize(5);
        assertThat(h.columns()).isEqualTo(3);
        Plots.Figure v = plots.layerVarianceEpochs(LayerDiagnostics.read(dir.resolve("layers.csv")), "gradient")
                .orElseThrow();
        assertThat(v.panels()).hasSize(3);
        assertThat(v.legend()).extracting(Plots.LegendEntry::label).contains("he_normal");
        assertThat(Plots.safeName("conv 1/a")).isEqualTo("conv_1_a");
        assertThat(Set.of(Plots.niceStep(0.37), Plots.niceStep(1.2), Plots.niceStep(40))).containsExactlyInAnyOrder(0.5, 2.0, 50.0);
    }
}
