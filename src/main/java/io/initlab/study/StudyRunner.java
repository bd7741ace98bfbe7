package io.initlab.study;

import io.initlab.backend.Backend;
import io.initlab.backend.Backends;
import io.initlab.data.Batcher;
import io.initlab.data.DataException;
import io.initlab.data.DatasetPair;
import io.initlab.data.Datasets;
import io.initlab.report.ReportResult;
import io.initlab.results.RunRecord;
import io.initlab.results.RunStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;

/**
 * Runs a study: expands its grid, skips runs already finished with the same config, runs the rest in
 * parallel ({@code jobs} at a time), saves each run atomically as it finishes, then writes the tables and
 * the report. Killing it at any moment loses at most the runs in progress; running it again resumes.
 */
public final class StudyRunner {
    private StudyRunner() {}

    /**
     * @param threadsPerRun     JVM backend threads of each run
     * @param dataRoot          where datasets live (null = the default)
     * @param recordMissingData when the data set cannot be loaded, record every run without a result as
     *                          {@link RunStatus#NOT_RUN} (with the reason) and write the tables, instead of failing
     * @param runsPerDevice     on a device (TornadoVM), the most runs of one shape trained in lockstep by one program
     *                          ({@link LockstepPlan}); 0 = as many as the device's memory holds, 1 = one at a time. The
     *                          JVM backend takes only 0 or 1 (its runs go side by side, {@code jobs} at a time)
     */
    public record Options(Path outDir, int jobs, int threadsPerRun, String backend, String device, Path dataRoot,
                          boolean progress, boolean report, PrintStream log, Sharding.Shard shard,
                          boolean recordMissingData, int runsPerDevice) {
        public Options {
            if (runsPerDevice < 0) {
                throw new IllegalArgumentException("--runs-per-device must be auto or >= 1, not " + runsPerDevice);
            }
        }

        /** Lockstep groups as large as the device holds (on a device). */
        public Options(Path outDir, int jobs, int threadsPerRun, String backend, String device, Path dataRoot,
                       boolean progress, boolean report, PrintStream log, Sharding.Shard shard, boolean recordMissingData) {
            this(outDir, jobs, threadsPerRun, backend, device, dataRoot, progress, report, log, shard, recordMissingData,
                    LockstepPlan.AUTO);
        }

        /** The whole study (no shard). */
        public Options(Path outDir, int jobs, int threadsPerRun, String backend, String device, Path dataRoot,
                       boolean progress, boolean report, PrintStream log) {
            this(outDir, jobs, threadsPerRun, backend, device, dataRoot, progress, report, log, null);
        }

        /** Failing when the data set cannot be loaded. */
        public Options(Path outDir, int jobs, int threadsPerRun, String backend, String device, Path dataRoot,
                       boolean progress, boolean report, PrintStream log, Sharding.Shard shard) {
            this(outDir, jobs, threadsPerRun, backend, device, dataRoot, progress, report, log, shard, false);
        }
    }

    /**
     * What happened: runs in the study (or shard), reused from disk, run now, failed, diverged; whether the
     * tables were written (a shard writes them only when it finds every run of the study done) and how many
     * runs of the study still had no result file then; with {@link Options#recordMissingData}, the runs recorded
     * as not run and why the data could not be loaded (else 0 and null).
     */
    public record Outcome(int total, int reused, int ran, int failed, int diverged, ReportResult report, Path dir,
                          boolean tables, int missing, int notRun, String dataProblem) {}

    /** The option of {@code initlab run} that records a study whose data is missing instead of failing. */
    public static final String RECORD_MISSING_DATA = "--record-missing-data";

    public static Outcome run(Study s, Options o) {
        if (o.jobs() < 1 || o.threadsPerRun() < 1) {
            throw new IllegalArgumentException("--jobs and --threads must be >= 1");
        }
        Path dir = o.outDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        // one lock per shard: shards of a study run into one folder side by side, the same shard only once
        Path lockPath = o.shard() == null ? dir.resolve(".lock") : ShardHeartbeat.lockFile(dir, o.shard());
        try {
            Files.createDirectories(lockPath.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + lockPath.getParent() + ": " + e.getMessage(), e);
        }
        try (FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new IllegalArgumentException(dir + " is in use by another initlab run of this study"
                        + (o.shard() == null ? "" : " as shard " + o.shard()));
            }
            return runLocked(s, o, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Outcome runLocked(Study s, Options o, Path dir) throws IOException {
        String backendName = Backends.resolve(o.backend());
        int jobs = backendName.equals("tornado") ? 1 : o.jobs(); // one device: runs take turns
        if (!backendName.equals("tornado") && o.runsPerDevice() > 1) {
            throw new IllegalArgumentException("--runs-per-device " + o.runsPerDevice() + " trains runs together on a "
                    + "device (--backend tornado); the JVM backend trains runs side by side: use --jobs");
        }
        DatasetPair data;
        String dataProblem = null;
        try {
            data = loadData(s, o.dataRoot() == null ? Datasets.defaultDataRoot() : o.dataRoot());
        } catch (DataException e) {
            if (!o.recordMissingData()) {
                throw new DataException(e.getMessage() + "; or record the study's runs as not run: initlab run "
                        + RECORD_MISSING_DATA + " " + s.file(), e);
            }
            data = null;
            dataProblem = e.getMessage();
        }
        RunStore store = new RunStore(dir);
        RunStore.writeAtomically(dir.resolve(StudyReportOptions.COPY_NAME), s.yamlText().getBytes(StandardCharsets.UTF_8));
        copyExpected(s, dir);

        List<RunSpec> runs = o.shard() == null ? RunSpec.expand(s) : ShardPlan.runsOf(s, o.shard());
        if (data == null) {
            return recordNotRun(s, o, dir, store, runs, dataProblem);
        }
        List<RunSpec> todo = new ArrayList<>();
        for (RunSpec r : runs) {
            if (store.finished(r) == null) {
                todo.add(r);
            }
        }
        int reused = runs.size() - todo.size();
        o.log().printf("initlab: study %s%s: %d runs (%d finished before, %d to run) into %s, %d job(s)%n", s.name(),
                o.shard() == null ? "" : " shard " + o.shard(), runs.size(), reused, todo.size(), dir, jobs);
        try (ShardHeartbeat beat = o.shard() == null ? null : ShardHeartbeat.start(dir, o.shard(), runs.size())) {
            return runAll(s, o, dir, data, store, runs, todo, jobs, beat);
        }
    }

    private static Outcome runAll(Study s, Options o, Path dir, DatasetPair data, RunStore store, List<RunSpec> runs,
                                  List<RunSpec> todo, int jobs, ShardHeartbeat beat) throws IOException {
        String backendName = Backends.resolve(o.backend());
        int reused = runs.size() - todo.size();

        long totalSteps = 0;
        for (RunSpec r : todo) {
            totalSteps += (long) Batcher.stepsPerEpoch(RunSplit.trainCount(s, data.train().count(), r.fold()), s.batch(),
                    s.dropLast()) * s.epochs();
        }
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Set<String> running = ConcurrentHashMap.newKeySet();
        List<LockstepPlan.Unit> units = plan(s, o, data, todo);
        ProgressBar bar = o.progress() && !todo.isEmpty() ? ProgressBars.batches(s.name(), totalSteps, o.log()) : null;
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (LockstepPlan.Unit unit : units) {
                futures.add(pool.submit(() -> {
                    for (RunSpec r : unit.runs()) {
                        running.add(r.runId());
                        if (beat != null) beat.started(r.runId());
                    }
                    status(bar, done.get(), todo.size(), running);
                    List<RunRecord> records = new ArrayList<>();
                    IntConsumer onBatch = step -> {
                        if (bar != null) {
                            bar.step();
                        }
                    };
                    try (Backend be = Backends.create(o.backend(), o.threadsPerRun(), o.device())) {
                        if (unit.lockstep()) {
                            records.addAll(RunExecutor.runGroup(s, unit.runs(), data.train(), data.test(), be,
                                    r -> withHistograms(s, r), onBatch));
                        } else {
                            RunSpec r = unit.runs().get(0);
                            records.add(RunExecutor.run(s, r, data.train(), data.test(), be, withHistograms(s, r), onBatch));
                        }
                    } catch (RuntimeException | Error e) {
                        records.clear();
                        for (RunSpec r : unit.runs()) {
                            failed.incrementAndGet();
                            records.add(RunExecutor.failed(s, r, backendName, e));
                            o.log().println("initlab: run " + r.runId() + " failed: " + e);
                        }
                    }
                    for (RunRecord rf : records) {
                        store.save(rf);
                        running.remove(rf.runId());
                        if (beat != null) beat.ended(rf.runId());
                        status(bar, done.incrementAndGet(), todo.size(), running);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a run could not be saved: " + e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
            if (bar != null) {
                bar.close();
            }
        }

        int diverged = 0;
        for (RunSpec r : runs) {
            RunRecord rf = store.recorded(r);
            if (rf != null && rf.diverged()) {
                diverged++;
            }
        }
        if (beat != null) {
            beat.finish(true);
        }
        StudyTables.Written w = StudyTables.writeIfComplete(s, dir, o.report());
        return new Outcome(runs.size(), reused, todo.size(), failed.get(), diverged, w.report(), dir, w.tables(), w.missing(),
                0, null);
    }

    /** Initial weight histograms are kept for the first seed and fold of each variant. */
    private static boolean withHistograms(Study s, RunSpec r) {
        return r.seed() == s.seeds().get(0) && r.fold() <= 0;
    }

    /**
     * The units the runner trains: on a device, runs of one shape in lockstep groups ({@link LockstepPlan}, sized by
     * {@link Options#runsPerDevice}); on the JVM, and with --runs-per-device 1, every run alone.
     */
    private static List<LockstepPlan.Unit> plan(Study s, Options o, DatasetPair data, List<RunSpec> todo) {
        Backend.DeviceMemory memory = new Backend.DeviceMemory(0, 0);
        if (Backends.resolve(o.backend()).equals("tornado") && o.runsPerDevice() != 1 && !todo.isEmpty()) {
            try (Backend be = Backends.create(o.backend(), o.threadsPerRun(), o.device())) {
                memory = be.deviceMemory();
            }
        }
        int perDevice = memory.isDevice() ? o.runsPerDevice() : 1;
        List<LockstepPlan.Unit> units = LockstepPlan.plan(s, todo, data.train(), data.test(), perDevice, memory);
        if (memory.isDevice() && !todo.isEmpty()) {
            o.log().println("initlab: " + LockstepPlan.describe(units, perDevice) + " (device memory "
                    + memory.totalBytes() / (1 << 20) + " MiB)");
        }
        return units;
    }

    /**
     * The study's data set could not be loaded: every run without a trained result is recorded as not run, with
     * the reason, under its planned config hash (so the tables and the report show each one, and a later run where
     * the data exists trains them: {@link RunStore#finished} does not count them).
     */
    private static Outcome recordNotRun(Study s, Options o, Path dir, RunStore store, List<RunSpec> runs, String problem) {
        int reused = 0;
        int notRun = 0;
        for (RunSpec r : runs) {
            if (store.finished(r) != null) {
                reused++; // trained elsewhere, e.g. copied in from a machine that has the data
            } else {
                store.save(RunExecutor.notRun(s, r, Backends.resolve(o.backend()), problem));
                notRun++;
            }
        }
        o.log().printf("initlab: study %s%s: data not available here (%s): %d of %d runs recorded as not run into %s%n",
                s.name(), o.shard() == null ? "" : " shard " + o.shard(), problem, notRun, runs.size(), dir);
        StudyTables.Written w = StudyTables.writeIfComplete(s, dir, o.report());
        return new Outcome(runs.size(), reused, 0, 0, 0, w.report(), dir, w.tables(), w.missing(), notRun, problem);
    }

    /** The study's data set: its own table, or a named one from {@code dataRoot}. */
    static DatasetPair loadData(Study s, Path dataRoot) {
        return s.csv() != null ? s.csv().load() : Datasets.load(s.dataset(), dataRoot);
    }

    /**
     * Copies the published numbers and the study's own tables beside the study.yaml copy, at the same relative
     * paths, so the results folder is self-contained: {@code initlab report DIR} reads them from there.
     */
    static void copyExpected(Study s, Path dir) throws IOException {
        copyBeside(s, s.expected(), dir);
        if (s.csv() != null) { // the study's own tables, so that the folder's study.yaml loads (status, report, merge)
            copyBeside(s, s.csv().file(), dir);
            copyBeside(s, s.csv().testFile(), dir);
        }
    }

    /** Copies {@code file} (null: nothing) beside the study.yaml copy, at its path relative to the study file. */
    private static void copyBeside(Study s, Path file, Path dir) throws IOException {
        if (file == null) {
            return;
        }
        Path rel = s.file().toAbsolutePath().getParent().relativize(file.toAbsolutePath());
        if (rel.startsWith("..")) {
            return; // outside the experiment's folder: the report run from DIR will say it is missing
        }
        Path target = dir.resolve(rel);
        Files.createDirectories(target.getParent());
        if (target.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            return; // the study file lies in its own results folder (its copy being loaded again)
        }
        RunStore.writeAtomically(target, Files.readAllBytes(file));
    }

    private static void status(ProgressBar bar, int done, int total, Set<String> running) {
        if (bar != null) {
            bar.setExtraMessage("runs " + done + "/" + total + (running.isEmpty() ? "" : ", now: " + String.join(" ", running)));
        }
    }
}
