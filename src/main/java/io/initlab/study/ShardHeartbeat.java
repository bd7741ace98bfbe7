package io.initlab.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The progress file of one shard, {@code DIR/shards/I-of-N.status}, which {@code initlab status DIR} reads
 * (no server: a shard on another machine is seen through the shared folder). It is rewritten atomically
 * when a run starts or ends and every {@value #BEAT_SECONDS} s, as {@code key=value} lines:
 * <pre>
 * shard=2/4
 * state=running            (running, finished: every run of the shard has a result file, or stopped: an error)
 * host=node17
 * pid=41872
 * started=2026-11-29T18:40:02Z
 * heartbeat=2026-11-29T18:41:12Z
 * runs=3                   (runs in the shard)
 * running=relu_he-1a2b-s1 relu_he-1a2b-s2   (run ids in progress, space-separated)
 * </pre>
 * A file that says running but whose heartbeat is older than {@link #STALE} belongs to a shard that was
 * killed (SIGKILL, node lost, time limit): rerunning the same shard resumes it.
 * While a shard runs it also holds an OS lock on {@code DIR/shards/I-of-N.lock}, so the same shard cannot
 * run twice into one folder at once; other shards run beside it.
 */
public final class ShardHeartbeat implements AutoCloseable {
    static final String FOLDER = "shards";
    static final int BEAT_SECONDS = 20;
    /** Three missed beats. */
    public static final Duration STALE = Duration.ofSeconds(3 * BEAT_SECONDS);

    private final Path file;
    private final Sharding.Shard shard;
    private final int runs;
    private final Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Thread beat;
    private volatile String state = "running";

    private ShardHeartbeat(Path file, Sharding.Shard shard, int runs) {
        this.file = file;
        this.shard = shard;
        this.runs = runs;
        write();
        beat = Thread.ofVirtual().name("initlab-heartbeat").unstarted(() -> {
            try {
                while (true) {
                    Thread.sleep(BEAT_SECONDS * 1000L);
                    write();
                }
            } catch (InterruptedException stop) {
                // closed
            }
        });
        beat.start();
    }

    static ShardHeartbeat start(Path dir, Sharding.Shard shard, int runs) {
        return new ShardHeartbeat(file(dir, shard), shard, runs);
    }

    /** DIR/shards/I-of-N.status */
    static Path file(Path dir, Sharding.Shard shard) {
        return dir.resolve(FOLDER).resolve(shard.index() + "-of-" + shard.count() + ".status");
    }

    /** DIR/shards/I-of-N.lock */
    static Path lockFile(Path dir, Sharding.Shard shard) {
        return dir.resolve(FOLDER).resolve(shard.index() + "-of-" + shard.count() + ".lock");
    }

    void started(String runId) {
        running.add(runId);
        write();
    }

    void ended(String runId) {
        running.remove(runId);
        write();
    }

    /** Marks the shard finished (every run has a result file) or stopped, and stops beating. */
    void finish(boolean allRunsWritten) {
        state = allRunsWritten ? "finished" : "stopped";
        beat.interrupt();
        write();
    }

    @Override
    public void close() {
        beat.interrupt();
        if (state.equals("running")) {
            finish(false);
        }
    }

    private synchronized void write() {
        String text = "shard=" + shard + "\nstate=" + state + "\nhost=" + host() + "\npid=" + ProcessHandle.current().pid()
                + "\nstarted=" + started + "\nheartbeat=" + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "\nruns=" + runs + "\nrunning=" + String.join(" ", new TreeSet<>(running)) + "\n";
        try {
            RunStore.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) return h;
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One shard's progress file as read back. */
    public record Beat(Sharding.Shard shard, String state, String host, long pid, Instant heartbeat, List<String> running) {
        /** Says running and beat recently. */
        public boolean alive(Instant now) {
            return state.equals("running") && heartbeat.plus(STALE).isAfter(now);
        }
    }

    /** Every shard's progress file in DIR (none for a study run whole), in file-name order. */
    public static List<Beat> read(Path dir) {
        Path folder = dir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) return List.of();
        List<Beat> beats = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".status")).sorted().toList()) {
                Map<String, String> kv = new LinkedHashMap<>();
                for (String line : Files.readAllLines(f)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) kv.put(line.substring(0, eq), line.substring(eq + 1));
                }
                try {
                    String running = kv.getOrDefault("running", "").strip();
                    beats.add(new Beat(Sharding.Shard.parse(kv.get("shard")), kv.getOrDefault("state", "?"),
                            kv.getOrDefault("host", "?"), Long.parseLong(kv.getOrDefault("pid", "0")),
                            Instant.parse(kv.get("heartbeat")), running.isEmpty() ? List.of() : List.of(running.split(" "))));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(f + " is not a shard progress file (" + e.getMessage() + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + ": " + e.getMessage(), e);
        }
        return beats;
    }
}
