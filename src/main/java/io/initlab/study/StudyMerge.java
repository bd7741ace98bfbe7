package io.initlab.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.initlab.results.RunRecord;
import io.initlab.results.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code initlab merge DIR_1 … DIR_N --out DIR}: the run files of shards that ran into separate folders,
 * gathered into one complete results folder with its tables and report. It refuses, with one line, folders
 * of different studies (their runs or config hashes differ), a run file made by another configuration, the
 * same run with different results in two folders (wall times aside, they must agree: runs are
 * deterministic), and runs that are in none of the folders. A run recorded as not run (its data was not
 * available where that shard ran) gives way to the same run trained in another folder.
 */
public final class StudyMerge {
    private StudyMerge() {}

    /** Runs in the study, run files read, of which the same run seen again in another folder. */
    public record Outcome(int runs, int files, int duplicates, StudyTables.Written written) {}

    public static Outcome merge(List<Path> dirs, Path out, boolean report) {
        if (dirs.isEmpty()) throw new IllegalArgumentException("merge: give the shards' results folders");
        Study s = load(dirs.get(0));
        Map<String, String> hashes = hashes(s);
        for (Path d : dirs.subList(1, dirs.size())) {
            String why = difference(hashes, hashes(load(d)));
            if (why != null) {
                throw new IllegalArgumentException(d + " is not a shard of the same study as " + dirs.get(0) + ": " + why);
            }
        }
        Map<String, Path> source = new LinkedHashMap<>();
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        Map<String, RunStatus> statusOf = new LinkedHashMap<>();
        int files = 0;
        int duplicates = 0;
        for (Path d : dirs) {
            for (Path f : runFiles(d)) {
                files++;
                RunRecord r = read(f);
                String want = hashes.get(r.runId());
                if (want == null || !want.equals(r.configHash())) {
                    throw new IllegalArgumentException(f + " is not a run of this study's configuration (config "
                            + r.configHash() + (want == null ? ", no such run" : ", the study's is " + want)
                            + "); remove it or rerun its shard");
                }
                JsonNode results = withoutWallTime(r);
                RunStatus was = statusOf.get(r.runId());
                if (was != null && (was == RunStatus.NOT_RUN) != (r.status() == RunStatus.NOT_RUN)) {
                    duplicates++;
                    if (was == RunStatus.NOT_RUN) { // trained here, not run there: the trained one counts
                        seen.put(r.runId(), results);
                        statusOf.put(r.runId(), r.status());
                        source.put(r.runId(), f);
                    }
                    continue;
                }
                JsonNode before = seen.putIfAbsent(r.runId(), results);
                statusOf.putIfAbsent(r.runId(), r.status());
                if (before != null) {
                    if (!before.equals(results)) {
                        throw new IllegalArgumentException("run " + r.runId() + " is in " + source.get(r.runId()).getParent()
                                + " and " + d.resolve("runs") + " with different results (" + r.status() + " in the second); keep one of the two files");
                    }
                    duplicates++;
                } else {
                    source.put(r.runId(), f);
                }
            }
        }
        List<String> missing = hashes.keySet().stream().filter(id -> !source.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.size() + " of " + hashes.size() + " runs are in none of the folders"
                    + " (first: " + missing.get(0) + "); rerun the shard that holds them (initlab status DIR shows which)");
        }
        try {
            Files.createDirectories(out);
            Path yamlCopy = out.resolve(StudyReportOptions.COPY_NAME);
            if (Files.isRegularFile(yamlCopy) && !dirs.contains(out)) {
                String why = difference(hashes, hashes(load(out)));
                if (why != null) throw new IllegalArgumentException(out + " holds another study: " + why);
            }
            RunStore store = new RunStore(out); // creates out/runs
            RunStore.writeAtomically(yamlCopy, s.yamlText().getBytes(StandardCharsets.UTF_8));
            StudyRunner.copyExpected(s, out);
            for (Map.Entry<String, Path> e : source.entrySet()) {
                Path target = store.file(e.getKey());
                if (!Files.exists(target) || !Files.isSameFile(target, e.getValue())) {
                    RunStore.writeAtomically(target, Files.readAllBytes(e.getValue()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return new Outcome(hashes.size(), files, duplicates, StudyTables.writeIfComplete(s, out, report));
    }

    /** The study a results folder's study.yaml describes. */
    static Study load(Path dir) {
        Path yaml = dir.resolve(StudyReportOptions.COPY_NAME);
        if (!Files.isRegularFile(yaml)) {
            throw new IllegalArgumentException(dir + ": no study.yaml here; not a results folder of initlab run");
        }
        return StudyLoader.load(yaml, Long.MAX_VALUE);
    }

    /** Run id → config hash, in study order. */
    static Map<String, String> hashes(Study s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (RunSpec r : RunSpec.expand(s)) m.put(r.runId(), r.configHash());
        return m;
    }

    /** Why two studies' runs differ, or null when they are the same runs with the same configs. */
    static String difference(Map<String, String> a, Map<String, String> b) {
        for (Map.Entry<String, String> e : a.entrySet()) {
            String other = b.get(e.getKey());
            if (other == null) return "run " + e.getKey() + " is only in the first (" + a.size() + " vs " + b.size() + " runs)";
            if (!other.equals(e.getValue())) {
                return "run " + e.getKey() + " has config " + e.getValue() + " in the first and " + other + " in the second";
            }
        }
        for (String id : b.keySet()) {
            if (!a.containsKey(id)) return "run " + id + " is only in the second (" + a.size() + " vs " + b.size() + " runs)";
        }
        return null;
    }

    private static List<Path> runFiles(Path dir) {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) return List.of();
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
        }
    }

    private static RunRecord read(Path f) {
        try {
            return RunStore.JSON.readValue(f.toFile(), RunRecord.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(f + " is not a run file: " + e.getMessage());
        }
    }

    /** The record as JSON without the times (run and per epoch), which differ between machines and runs. */
    static JsonNode withoutWallTime(RunRecord r) {
        ObjectNode n = RunStore.JSON.valueToTree(r);
        n.remove(List.of("wallSeconds", "samplesPerSecond"));
        for (JsonNode e : n.path("epochs")) ((ObjectNode) e).remove("wallSeconds");
        return n;
    }
}
