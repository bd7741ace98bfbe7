package io.initlab.study;

import io.initlab.results.RunRecord;
import io.initlab.results.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code initlab status DIR}: per shard, its runs finished / running / failed / not run / waiting, from the files
 * in DIR alone: study.yaml (the run list and its partition), runs/*.json (finished, failed, or not run because the
 * data was not available where the study ran) and the shards' progress files (who is running what; see
 * {@link ShardHeartbeat}). A study run whole counts as shard 1/1. Not-run runs are not finished: they wait for a
 * run of the study where the data exists, and are counted apart from the runs that never had a file.
 */
public final class StudyStatus {
    private StudyStatus() {}

    /**
     * One shard's line. {@code state}: not started, running, finished, stopped, or lost (heartbeat stale).
     * {@code notRun}: runs recorded as not run (data not available), {@code waiting}: runs with no file yet.
     */
    public record ShardLine(Sharding.Shard shard, int runs, int finished, int running, int failed, int waiting,
                            String state, String detail, int notRun) {}

    public record Report(String study, int runs, List<ShardLine> shards) {
        public int finished() { return shards.stream().mapToInt(ShardLine::finished).sum(); }

        public int failed() { return shards.stream().mapToInt(ShardLine::failed).sum(); }

        public int notRun() { return shards.stream().mapToInt(ShardLine::notRun).sum(); }

        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add("study " + study + ": " + runs + " runs in " + shards.size() + " shard(s): " + finished()
                    + " finished, " + shards.stream().mapToInt(ShardLine::running).sum() + " running, " + failed()
                    + " failed, " + notRun() + " not run (data not available), "
                    + shards.stream().mapToInt(ShardLine::waiting).sum() + " waiting");
            for (ShardLine l : shards) {
                out.add(String.format("shard %-7s %3d runs: %3d finished, %3d running, %3d failed, %3d not run, %3d waiting  %s%s",
                        l.shard(), l.runs(), l.finished(), l.running(), l.failed(), l.notRun(), l.waiting(), l.state(),
                        l.detail().isEmpty() ? "" : " (" + l.detail() + ")"));
            }
            return out;
        }
    }

    public static Report of(Path dir, Instant now) {
        Study s = StudyMerge.load(dir);
        RunStore store = new RunStore(dir);
        List<ShardHeartbeat.Beat> beats = ShardHeartbeat.read(dir);
        // the shard count of the latest progress file: a folder reused with another N shows the current one
        int count = beats.stream().max((a, b) -> a.heartbeat().compareTo(b.heartbeat())).map(b -> b.shard().count()).orElse(1);
        Map<Integer, ShardHeartbeat.Beat> beatOf = new HashMap<>();
        for (ShardHeartbeat.Beat b : beats) if (b.shard().count() == count) beatOf.put(b.shard().index(), b);

        List<List<RunSpec>> parts = ShardPlan.partition(s, count);
        List<ShardLine> lines = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < count; i++) {
            ShardHeartbeat.Beat b = beatOf.get(i + 1);
            boolean alive = b != null && b.alive(now);
            Set<String> inProgress = alive ? new HashSet<>(b.running()) : Set.of();
            int finished = 0, running = 0, failed = 0, notRun = 0, waiting = 0;
            for (RunSpec r : parts.get(i)) {
                RunRecord rf = store.recorded(r);
                if (rf != null && rf.status().trained()) finished++;
                else if (inProgress.contains(r.runId())) running++;
                else if (rf != null && rf.status() == RunStatus.NOT_RUN) notRun++;
                else if (rf != null) failed++;
                else waiting++;
            }
            total += parts.get(i).size();
            String state;
            String detail = "";
            if (b == null) {
                state = count == 1 || finished + failed + notRun == parts.get(i).size() ? "" : "not started";
            } else if (alive) {
                state = "running";
                detail = "on " + b.host() + " pid " + b.pid() + ", heartbeat " + ago(b.heartbeat(), now);
            } else if (b.state().equals("running")) {
                state = "lost";
                detail = "heartbeat " + ago(b.heartbeat(), now) + " on " + b.host() + ": killed? rerun shard " + b.shard();
            } else {
                state = b.state();
                detail = b.host() + ", " + ago(b.heartbeat(), now);
            }
            lines.add(new ShardLine(new Sharding.Shard(i + 1, count), parts.get(i).size(), finished, running, failed,
                    waiting, state, detail, notRun));
        }
        return new Report(s.name(), total, lines);
    }

    private static String ago(Instant t, Instant now) {
        long s = Math.max(0, Duration.between(t, now).toSeconds());
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }
}
