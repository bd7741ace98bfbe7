package io.initlab.cli;

import io.initlab.report.CombinedTable;
import io.initlab.report.ExpectedResults;
import io.initlab.report.ReportOptions;
import io.initlab.report.ReportResult;
import io.initlab.report.StudyData;
import io.initlab.report.StudyReport;
import io.initlab.study.Study;
import io.initlab.study.StudyLoader;
import io.initlab.study.StudyReportOptions;
import io.initlab.study.StudyTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Rebuilds summary, plots and report.html of study folders, or one table of their published numbers beside ours. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
                "Rebuild summary.csv, comparisons.csv, published.csv, plots/ and report.html",
                "of each study results folder DIR from its CSV files (DIR/study.yaml gives",
                "title, comparisons and published numbers). When every run has a result file",
                "under runs/ and runs.csv is missing, older than one of them, or lacks a",
                "column of today's tables (test_loss), the tables are rewritten first.",
                "",
                "--combined OUT.md writes instead ONE markdown table OUT.md (and OUT.csv)",
                "of every group of every DIR: study, dataset, model (MLP/CNN), group, each",
                "published number beside ours (mean, min-max, n) and a verdict. A single",
                "published run agrees when it lies inside our runs' min-max, or outside it",
                "by at most 1 percentage point (accuracies), 2 epochs (epoch counts) or 10%%",
                "of the published value (losses, MAE). A group without finished runs shows",
                "their status (e.g. \"not run: data not available here\"). The folders are",
                "only read: run `initlab report DIR` first to refresh their tables.",
                "Example: initlab report --combined results/dl-a1.md results/dl-a1-*"})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "study results folders, e.g. results/udacity-tf-mnist")
    List<Path> dirs;

    @Option(names = "--combined", paramLabel = "OUT.md",
            description = "write one markdown table (and OUT.csv beside it) of the published numbers of every DIR beside ours")
    Path combined;

    @Override
    public Integer call() throws Exception {
        if (combined != null) {
            List<CombinedTable.Study> studies = new ArrayList<>();
            for (Path dir : dirs) studies.add(published(dir));
            Path csv = CombinedTable.write(CombinedTable.rows(studies), combined);
            System.out.println("combined=" + combined + " csv=" + csv);
            return 0;
        }
        for (Path dir : dirs) {
            System.out.println("report=" + report(dir).html());
        }
        return 0;
    }

    private static ReportResult report(Path dir) {
        Path yaml = dir.resolve("study.yaml"); // the copy the runner keeps in the results folder
        Study study = Files.isRegularFile(yaml) ? StudyLoader.load(yaml, Long.MAX_VALUE) /* its runs are done: --max-runs guards starting them */
                : null;
        if (study != null) { // shards may have finished after the tables were written
            StudyTables.refresh(study, dir);
        }
        if (!Files.isRegularFile(dir.resolve("runs.csv"))) {
            throw new IllegalArgumentException(dir + ": no runs.csv here; run the study first (initlab run FILE.yaml)");
        }
        ReportOptions options = study != null ? StudyReportOptions.of(study) : ReportOptions.defaults(dir.getFileName().toString());
        return StudyReport.write(dir, options);
    }

    /** A folder's part of the combined table: its runs (none without runs.csv) and its study's published numbers. */
    private static CombinedTable.Study published(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": not a study results folder");
        Path yaml = dir.resolve("study.yaml");
        if (!Files.isRegularFile(yaml)) {
            throw new IllegalArgumentException(dir + ": no study.yaml here (it names the published numbers); not a study results folder");
        }
        Study study = StudyLoader.load(yaml, Long.MAX_VALUE);
        ExpectedResults expected = study.expected() == null ? null : ExpectedResults.read(study.expected());
        StudyData data = Files.isRegularFile(dir.resolve("runs.csv")) ? StudyData.load(dir) : new StudyData(List.of(), List.of(), dir);
        return new CombinedTable.Study(study.name(), data, expected);
    }
}
