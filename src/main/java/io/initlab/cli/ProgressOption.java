package io.initlab.cli;

import picocli.CommandLine.Option;

/** --no-progress: the progress bar on stderr is for people; scripts and logs turn it off. */
final class ProgressOption {
    @Option(names = "--no-progress", description = "no progress bar on stderr")
    boolean off;

    boolean on() {
        return !off;
    }
}
