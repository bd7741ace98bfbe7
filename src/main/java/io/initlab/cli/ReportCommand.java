package io.initlab.cli;

import io.initlab.report.ReportOptions;
import io.initlab.report.ReportResult;
import io.initlab.report.StudyReport;
import io.initlab.study.StudyLoader;
import io.initlab.study.StudyReportOptions;
import io.initlab.study.StudyTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Rebuilds summary, plots and report.html of a study folder from its CSV files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuild summary.csv, comparisons.csv, plots/ and report.html of a study's results folder",
                "from its CSV files (study.yaml in the folder supplies title, comparisons and published numbers).",
                "When every run has a result file under runs/ and runs.csv is missing or older (shards that",
                "finished after it), the tables are rewritten from runs/ first."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "a study's results folder, e.g. results/udacity-tf-mnist")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path yamlCopy = dir.resolve("study.yaml");
        if (Files.isRegularFile(yamlCopy)) { // shards may have finished after the tables were written
            StudyTables.refresh(StudyLoader.load(yamlCopy, Long.MAX_VALUE), dir);
        }
        if (!Files.isRegularFile(dir.resolve("runs.csv"))) {
            throw new IllegalArgumentException(dir + ": no runs.csv here; run the study first (initlab run FILE.yaml)");
        }
        Path yaml = dir.resolve("study.yaml");
        // the copy the runner keeps in the results folder, with the published numbers beside it
        ReportOptions options = Files.isRegularFile(yaml) ? StudyReportOptions.of(StudyLoader.load(yaml, Long.MAX_VALUE) /* its runs are done: --max-runs guards starting them */)
                : ReportOptions.defaults(dir.getFileName().toString());
        ReportResult r = StudyReport.write(dir, options);
        System.out.println("report=" + r.html());
        return 0;
    }
}
