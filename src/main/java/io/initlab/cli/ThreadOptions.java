package io.initlab.cli;

import picocli.CommandLine.Option;

/** --threads, and the one rule for its default: the cores shared out among the runs that train at once. */
final class ThreadOptions {
    @Option(names = "--threads", description = "JVM backend threads per run (default: the cores divided among the "
            + "runs trained at once, at least 1)")
    Integer threads;

    /** The threads of each of {@code parallelRuns} runs training at the same time. */
    int perRun(int parallelRuns) {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, not " + threads);
            }
            return threads;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, parallelRuns));
    }
}
