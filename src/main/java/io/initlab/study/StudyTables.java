package io.initlab.study;

import io.initlab.report.ReportResult;
import io.initlab.report.StudyReport;
import io.initlab.results.CsvTables;
import io.initlab.results.RunRecord;
import io.initlab.results.RunsTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The finishing step of a study folder: the tables (and the report) from the run files, written only
 * when every run of the study has a result file, by whichever shard finishes last or by
 * {@code initlab report DIR}. Two shards that finish together take turns on {@code DIR/.tables.lock}
 * (held only for this step), and every table is replaced by an atomic rename, so no reader ever sees a
 * half-written table.
 */
public final class StudyTables {
    static final String LOCK = ".tables.lock";

    private StudyTables() {}

    /** What the run files of DIR hold for a study: the records present (study order) and the ids missing. */
    public record Present(List<RunRecord> records, List<String> missing) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    /** The run files of DIR that belong to this study (same id and config hash), finished or failed. */
    public static Present present(Study s, Path dir) {
        RunStore store = new RunStore(dir);
        List<RunRecord> records = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (RunSpec r : RunSpec.expand(s)) {
            RunRecord rf = store.recorded(r);
            if (rf == null) {
                missing.add(r.runId());
            } else {
                records.add(rf);
            }
        }
        return new Present(records, missing);
    }

    /** Writes the tables (and the report, when asked) if every run of the study has a result file. */
    public static Written writeIfComplete(Study s, Path dir, boolean report) {
        return locked(dir, () -> {
            Present p = present(s, dir); // again, under the lock: another shard may have finished meanwhile
            if (!p.complete()) {
                return new Written(false, null, p.missing().size());
            }
            ResultTables.write(dir, p.records());
            return new Written(true, report ? StudyReport.write(dir, StudyReportOptions.of(s)) : null, 0);
        });
    }

    /** Whether the tables were written, the report if one was, and how many runs were still missing. */
    public record Written(boolean tables, ReportResult report, int missing) {}

    /**
     * For {@code initlab report DIR}: rewrites the tables from the run files when they are complete and
     * runs.csv is missing, older than one of them (shards finished after it was written) or lacks a column
     * of today's schema. A folder whose tables are up to date is left as it is.
     *
     * @throws IllegalArgumentException when there is no runs.csv and runs are still missing
     */
    public static void refresh(Study s, Path dir) {
        if (!Files.isDirectory(dir.resolve("runs"))) {
            return;
        }
        locked(dir, () -> {
            Present p = present(s, dir);
            Path runsCsv = dir.resolve(RunsTable.FILE);
            if (!p.complete()) {
                if (!Files.isRegularFile(runsCsv)) {
                    throw new IllegalArgumentException(dir + ": " + p.missing().size() + " of " + (p.missing().size()
                            + p.records().size()) + " runs have no result file yet (first: " + p.missing().get(0)
                            + "); see initlab status " + dir);
                }
                return null;
            }
            // a table written before a column was added (test_loss) is rewritten with it
            if (!Files.isRegularFile(runsCsv) || !newerThan(runsCsv, dir.resolve("runs"))
                    || !CsvTables.header(runsCsv).equals(RunsTable.names())) {
                ResultTables.write(dir, p.records());
            }
            return null;
        });
    }

    /** True when file is strictly newer than every run file under runs. */
    private static boolean newerThan(Path file, Path runs) throws IOException {
        FileTime t = Files.getLastModifiedTime(file);
        try (var files = Files.list(runs)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                if (Files.getLastModifiedTime(f).compareTo(t) >= 0) return false;
            }
        }
        return true;
    }

    interface Step<T> {
        T run() throws IOException;
    }

    /** Runs step holding DIR/.tables.lock (waiting for another process's turn). */
    static <T> T locked(Path dir, Step<T> step) {
        try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            return step.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tables in " + dir + ": " + e.getMessage(), e);
        }
    }
}
