package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.report.ExpectedResults;
import io.initlab.report.ReportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runner and 'initlab report DIR' (which loads the results folder's study.yaml) build the same options. */
class StudyReportOptionsTest {

    @Test
    void theRunnerAndTheReportCommandBuildTheSameOptions() throws Exception {
        for (String name : new String[] {"udacity-tf-mnist", "udacity-pytorch-fashion"}) {
            ReportOptions run = StudyReportOptions.of(StudyLoader.load(Path.of("experiments", name + ".yaml")));
            ReportOptions rebuilt = StudyReportOptions.of(StudyLoader.load(Path.of("results", name, "study.yaml")));
            assertThat(withoutExpectedFile(rebuilt)).as(name).isEqualTo(withoutExpectedFile(run));
            assertThat(Files.readString(rebuilt.expectedFile())).isEqualTo(Files.readString(run.expectedFile()));
            assertThat(run.rerunCommand()).isEqualTo("bin/initlab run experiments/" + name + ".yaml");
            assertThat(run.description()).contains("\n\nSource: ");
        }
    }

    @Test
    void metricsIncludeTheDropoutAccuracyOnlyWhenTheStudyMeasuresIt() throws Exception {
        assertThat(StudyReportOptions.of(StudyLoader.load(Path.of("experiments/udacity-pytorch-fashion.yaml"))).metrics())
                .containsExactly("val_accuracy", "val_accuracy_dropout", "test_accuracy");
        assertThat(StudyReportOptions.of(StudyLoader.load(Path.of("experiments/udacity-tf-mnist.yaml"))).metrics())
                .containsExactly("val_accuracy", "test_accuracy");
    }

    /** main_plot: training accuracy leads the plots and the summary (seed study 004 plotted it). */
    @Test
    void aStudysMainPlotLeadsThePlotsAndItsTrainingAccuracyTheSummary() {
        Path f = Path.of("experiments/main-plot-test.yaml");
        ReportOptions o = StudyReportOptions.of(StudyLoader.parse(f, "initializers: [zeros]\nmain_plot: train_accuracy\n"));
        assertThat(o.mainPlot()).isEqualTo("train_accuracy");
        assertThat(o.mainPlotName()).isEqualTo("train_accuracy_per_epoch");
        assertThat(o.metrics()).containsExactly("train_accuracy", "val_accuracy", "test_accuracy");
        ReportOptions plain = StudyReportOptions.of(StudyLoader.parse(f, "initializers: [zeros]\n"));
        assertThat(plain.mainPlot()).isNull();
        assertThat(plain.metrics()).containsExactly("val_accuracy", "test_accuracy");
        assertThatThrownBy(() -> StudyLoader.parse(f, "initializers: [zeros]\nmain_plot: accuracy\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("main-plot-test.yaml:2: key 'main_plot': 'accuracy' is not one of val_accuracy, train_accuracy, loss");
    }

    @Test
    void everyCommittedStudyCitesItsPublishedSourceNotOurTracker() throws Exception {
        List<Path> experiments;
        try (Stream<Path> files = Files.list(Path.of("experiments"))) {
            experiments = files.filter(f -> f.toString().endsWith(".yaml") && !f.toString().endsWith(".expected.yaml"))
                    .toList();
        }
        for (Path f : experiments) {
            Study s = StudyLoader.load(f);
            List<String> texts = new ArrayList<>(List.of(s.source(), s.description()));
            if (s.expected() != null) {
                String source = ExpectedResults.read(s.expected()).source();
                assertThat(source).as(s.expected().toString()).isNotBlank();
                texts.add(source);
            }
            for (String t : texts) {
                assertThat(t.toLowerCase(java.util.Locale.ROOT)).as(f.toString()).doesNotContain("issue");
            }
        }
    }

    static ReportOptions withoutExpectedFile(ReportOptions o) {
        return new ReportOptions(o.studyName(), o.title(), o.description(), o.configYamlText(), null, o.comparisons(),
                o.firstBatches(), o.metrics(), o.rerunCommand(), o.mainPlot());
    }
}
