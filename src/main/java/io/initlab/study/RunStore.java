package io.initlab.study;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.initlab.results.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The finished runs of a study on disk, one JSON file per run under {@code DIR/runs/}. Files are written
 * to a temporary name and renamed into place, so a reader sees a run whole or not at all.
 */
final class RunStore {
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final Path dir;

    RunStore(Path studyDir) {
        this.dir = studyDir.resolve("runs");
        try {
            Files.createDirectories(dir);
            // leftovers of a killed study; a fresh one may be another shard's write in progress (a write takes
            // milliseconds, so an hour-old one is nobody's)
            java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                    java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                    try {
                        if (Files.getLastModifiedTime(p).compareTo(old) < 0) Files.deleteIfExists(p);
                    } catch (java.nio.file.NoSuchFileException renamedMeanwhile) {
                        // its writer finished
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    Path file(String runId) {
        return dir.resolve(runId + ".json");
    }

    /**
     * The finished run with this id and config hash (trained: ok or diverged), or null (missing, unreadable, made by
     * another config, failed, or not run because its data was missing: those run again).
     */
    RunRecord finished(RunSpec r) {
        RunRecord rf = recorded(r);
        return rf != null && rf.status().trained() ? rf : null;
    }

    /** The run file with this id and config hash, finished or failed, or null (missing, unreadable, another config). */
    RunRecord recorded(RunSpec r) {
        Path f = file(r.runId());
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            RunRecord rf = JSON.readValue(f.toFile(), RunRecord.class);
            return rf.configHash().equals(r.configHash()) ? rf : null;
        } catch (IOException e) {
            return null;
        }
    }

    void save(RunRecord rf) {
        try {
            writeAtomically(file(rf.runId()), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(rf));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run " + rf.runId() + ": " + e.getMessage(), e);
        }
    }

    /** Writes bytes to a temporary sibling, forces them to disk, and renames it over target. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
