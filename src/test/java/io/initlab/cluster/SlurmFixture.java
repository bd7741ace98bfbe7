package io.initlab.cluster;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A running single-node Slurm from scripts/slurm-fixture.sh, for tests: start it, run Slurm's commands
 * against it, close it (which stops it and checks that none of its daemons is left).
 *
 * <p>When Slurm cannot be started the test fails with the script's one-line reason if CI=true (CI must
 * never skip the cluster tests silently), and is skipped with that reason otherwise (a developer machine
 * without root).
 */
final class SlurmFixture implements AutoCloseable {

    /** Installing the packages on a fresh machine (apt-get update + install) takes most of this. */
    private static final Duration START_LIMIT = Duration.ofSeconds(240);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(30);

    private final Path script;
    private final Path scratch;
    private final Map<String, String> env;
    private final Path dir;
    private final List<Long> daemonPids;

    private SlurmFixture(Path script, Path scratch, Map<String, String> env) throws IOException {
        this.script = script;
        this.scratch = scratch;
        this.env = env;
        this.dir = Path.of(env.get("SLURM_FIXTURE_DIR"));
        this.daemonPids = new ArrayList<>();
        for (String name : List.of("munged", "mariadbd", "slurmdbd", "slurmctld", "slurmd")) {
            Path pidFile = dir.resolve("run/" + name + ".pid");  // the last three only with accounting
            if (Files.exists(pidFile)) daemonPids.add(Long.parseLong(Files.readString(pidFile).trim()));
        }
    }

    /**
     * Starts the fixture in scratch/slurm (scratch also takes the script's captured output; keep its path
     * short, unix sockets live under it). With accounting it also
     * runs slurmdbd on a private MariaDB, so that sacct works (about 15 s more to start).
     */
    static SlurmFixture start(Path scratch, boolean accounting) throws IOException, InterruptedException {
        Path script = Path.of("scripts/slurm-fixture.sh").toAbsolutePath();
        if (!Files.isRegularFile(script)) fail("scripts/slurm-fixture.sh not found from " + Path.of("").toAbsolutePath());
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "start"));
        if (accounting) command.add("--accounting");
        command.add(scratch.resolve("slurm").toString());  // inside scratch, so a failed start's logs go with it
        Result r = exec(scratch, Map.of(), START_LIMIT, command.toArray(String[]::new));
        if (r.status != 0) {
            String reason = "Slurm fixture did not start: " + r.lastErrLine();
            if ("true".equals(System.getenv("CI"))) fail(reason + "\n" + r.err);
            abort(reason);
        }
        Map<String, String> env = new HashMap<>();
        for (String line : r.out.split("\n")) {
            if (!line.startsWith("export ")) continue;
            int eq = line.indexOf('=');
            env.put(line.substring("export ".length(), eq), line.substring(eq + 1));
        }
        if (!env.containsKey("SLURM_CONF") || !env.containsKey("SLURM_FIXTURE_DIR")) {
            fail("slurm-fixture.sh start printed no SLURM_CONF/SLURM_FIXTURE_DIR: " + r.out);
        }
        return new SlurmFixture(script, scratch, env);
    }

    /** What a process needs to talk to this cluster (SLURM_CONF, SLURM_FIXTURE_DIR). */
    Map<String, String> env() { return env; }

    Path dir() { return dir; }

    /** Runs a Slurm client command (sbatch, squeue, ...) against this cluster; its stdout, or a failure. */
    String run(String... command) throws IOException, InterruptedException {
        Result r = exec(scratch, env, COMMAND_LIMIT, command);
        if (r.status != 0) fail(String.join(" ", command) + " exited " + r.status + ": " + r.err);
        return r.out;
    }

    /** Waits until none of the jobs is pending or running any more (finished jobs drop out of squeue). */
    void awaitFinished(Duration limit, String... jobIds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String ids = String.join(",", jobIds);
        while (true) {
            String left = run("squeue", "--noheader", "--jobs=" + ids, "--format=%i %T %r").trim();
            if (left.isEmpty()) return;
            if (System.nanoTime() > deadline) fail("jobs " + ids + " not finished within " + limit + ": " + left);
            Thread.sleep(200);
        }
    }

    /**
     * The finished jobs as jobcomp/filetxt recorded them (there is no slurmdbd, so sacct has nothing):
     * one map of KEY=VALUE per job or array task.
     */
    List<Map<String, String>> completedJobs() throws IOException {
        Path log = dir.resolve("jobcomp.log");
        if (!Files.exists(log)) return List.of();
        List<Map<String, String>> jobs = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Map<String, String> fields = new HashMap<>();
            for (String token : line.trim().split(" +")) {
                int eq = token.indexOf('=');
                if (eq > 0) fields.put(token.substring(0, eq), token.substring(eq + 1));
            }
            if (!fields.isEmpty()) jobs.add(fields);
        }
        return jobs;
    }

    /** The pids of the daemons (munged, slurmctld, slurmd; mariadbd, slurmdbd) as the fixture started them. */
    List<Long> daemonPids() { return daemonPids; }

    /** Stops the fixture, then fails if any of its daemons, or any process naming its folder, is left. */
    @Override
    public void close() throws IOException, InterruptedException {
        Result r = exec(scratch, Map.of(), COMMAND_LIMIT, "bash", script.toString(), "stop", dir.toString());
        if (r.status != 0) fail("slurm-fixture.sh stop failed: " + r.lastErrLine());
        for (long pid : daemonPids) {
            if (running(pid)) fail("daemon pid " + pid + " still running after stop");
        }
        List<Long> leftovers = processesNaming(dir.toString());
        if (!leftovers.isEmpty()) fail("processes still naming " + dir + " after stop: " + leftovers);
        if (Files.exists(dir)) fail("stop left " + dir + " behind");
    }

    /** True when the process exists and is not a zombie (a zombie has ended; only its parent can reap it). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    /** Pids of live processes whose command line contains text. */
    static List<Long> processesNaming(String text) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains(text) && running(Long.parseLong(name))) pids.add(Long.parseLong(name));
                } catch (IOException gone) {
                    // ended while we looked
                }
            }
        }
        return pids;
    }

    record Result(int status, String out, String err) {
        String lastErrLine() {
            String[] lines = err.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /**
     * Runs a command with extra environment, its output in files (a pipe could fill and block it), and
     * kills it past the limit.
     */
    static Result exec(Path scratch, Map<String, String> extraEnv, Duration limit, String... command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            fail(String.join(" ", command) + " did not finish within " + limit + ": " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
