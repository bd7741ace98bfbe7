package io.initlab.cli;

import io.initlab.backend.Backends;
import io.initlab.study.RunSpec;
import io.initlab.study.ShardPlan;
import io.initlab.study.Sharding;
import io.initlab.study.Study;
import io.initlab.study.StudyLoader;
import io.initlab.study.StudyRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs a study from a YAML file and writes its results and report. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a study: a YAML file of initializers × seeds × folds, trained and compared.",
                "Writes runs/ (one JSON per finished run), runs.csv, batches.csv, layers.csv, init_hist.csv,",
                "summary.csv, comparisons.csv, plots/ and report.html into results/NAME (or --out).",
                "Finished runs are kept: after a crash or kill, the same command resumes where it stopped.",
                "See experiments/ for examples and README for every key."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "STUDY.yaml", description = "the experiment file")
    Path file;

    @Option(names = "--out", description = "output folder (default: results/NAME next to the experiments folder)")
    Path out;

    @Option(names = "--shard", paramLabel = "I/N",
            description = {"run only shard I of N (numbered from 1, e.g. 2/4): runs are split by estimated cost,",
                    "the same way in every process; shards may share one --out folder, and whichever finishes",
                    "last writes the tables and report (or: initlab report DIR / initlab merge)"})
    String shard;

    @Option(names = "--jobs", description = "runs in parallel (default: number of cores)")
    Integer jobs;

    @Mixin
    ThreadOptions threads;

    @Mixin
    BackendOptions backend;

    @Mixin
    DataOption data;

    @Option(names = "--max-runs", defaultValue = "" + StudyLoader.DEFAULT_MAX_RUNS,
            description = "refuse a study of more runs than this, e.g. a mistyped seeds range (default: ${DEFAULT-VALUE})")
    long maxRuns;

    @Option(names = "--dry-run", description = "validate the file and list the runs, train nothing")
    boolean dryRun;

    @Option(names = "--no-report", description = "write the tables but not the plots and report")
    boolean noReport;

    @Option(names = StudyRunner.RECORD_MISSING_DATA,
            description = {"when the study's data set cannot be loaded here (not fetched, or not available on this",
                    "machine), record every planned run as not_run with the reason, write the tables and the report",
                    "(which show those runs as not run) and exit 0, instead of failing; a later run where the data",
                    "exists trains them (they do not count as finished)"})
    boolean recordMissingData;

    @Option(names = "--runs-per-device", paramLabel = "N|auto", defaultValue = "auto",
            description = {"on a device (--backend tornado): train up to N runs of one model shape at once, in lockstep,",
                    "each kernel launch doing the work of all of them (their numbers are bit-identical to training",
                    "each alone); auto (default) = as many as half the device's memory holds, 1 = one at a time.",
                    "Models of dense layers and at most one dropout; other runs (conv, normalize) train alone"})
    String runsPerDevice;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() {
        int perDevice = parseRunsPerDevice(runsPerDevice);
        Study s = StudyLoader.load(file, maxRuns);
        int j = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        Sharding.Shard part = shard == null ? null : Sharding.Shard.parse(shard);
        List<RunSpec> runs = part == null ? RunSpec.expand(s) : ShardPlan.runsOf(s, part);
        // the runner trains one run at a time on a TornadoVM device, and never more at once than there are runs
        int parallel = Backends.resolve(backend.backend).equals("tornado") ? 1 : Math.max(1, Math.min(j, runs.size()));
        StudyLoader.requireMemory(s, parallel, StudyLoader.datasetBytes(s, data.root()));
        if (dryRun) {
            System.out.println(s.name() + ": " + s.title());
            for (RunSpec r : runs) {
                System.out.println("  " + r.runId() + "  " + r.variant().label() + "  seed " + r.seed()
                        + (r.fold() >= 0 ? "  fold " + r.fold() : "") + "  config " + r.configHash());
            }
            System.out.println(runs.size() + " runs" + (part == null ? "" : " in shard " + part + " of the study's "
                    + RunSpec.expand(s).size()));
            return 0;
        }
        Path dir = out != null ? out : defaultOut(s);
        StudyRunner.Outcome o = StudyRunner.run(s, new StudyRunner.Options(dir, j, threads.perRun(j), backend.backend,
                backend.device, data.given(), progress.on(), !noReport, System.err, part, recordMissingData,
                perDevice));
        if (o.notRun() > 0) { // before the machine-readable line, which stays last
            System.out.println("initlab: " + o.notRun() + " runs recorded as not run: data not available here ("
                    + o.dataProblem() + "); run the same command where the data exists to train them");
        }
        System.out.printf("study=%s%s runs=%d reused=%d ran=%d diverged=%d failed=%d%s results=%s%s%n", s.name(),
                part == null ? "" : " shard=" + part, o.total(), o.reused(), o.ran(), o.diverged(), o.failed(),
                o.dataProblem() == null ? "" : " not_run=" + o.notRun(), o.dir(),
                o.report() == null ? "" : " report=" + o.report().html());

        if (!o.tables()) {
            System.out.println("initlab: " + o.missing() + " runs of the study have no result file in " + o.dir()
                    + " yet; the shard that finishes last writes the tables (or: initlab report " + o.dir()
                    + ", or initlab merge for separate folders)");
        }
        return o.failed() > 0 ? 1 : 0;
    }

    /** "auto" → 0 (as many as fit), else a positive count. */
    static int parseRunsPerDevice(String v) {
        if (v.trim().equalsIgnoreCase("auto")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("--runs-per-device takes auto or a whole number >= 1, not '" + v + "'");
    }

    /** results/NAME beside the experiments/ folder holding the file, else under the working directory. */
    static Path defaultOut(Study s) {
        Path parent = s.file().toAbsolutePath().getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("experiments")
                && parent.getParent() != null) {
            return parent.getParent().resolve("results").resolve(s.name());
        }
        return Path.of("results", s.name());
    }
}
