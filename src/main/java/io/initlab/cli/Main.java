package io.initlab.cli;

import io.initlab.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** initlab's entry point: subcommands, and one-line errors instead of stack traces. */
@Command(name = "initlab", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = {"See how weight initialization changes the training of neural networks.", ""},
        subcommands = {TrainCommand.class, RunCommand.class, ReportCommand.class, MergeCommand.class, StatusCommand.class, SlurmCommand.class, InitsCommand.class, BenchCommand.class, DevicesCommand.class, KernelsCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  initlab train --init he_normal --epochs 2 --batch 64 --optimizer adam --lr 1e-3 --seed 42",
                "  initlab run experiments/udacity-tf-mnist.yaml --jobs 2",
                "  initlab slurm experiments/udacity-tf-mnist.yaml --shards 8 --submit",
                "  initlab inits"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line; user errors become one line on stderr and exit code 2. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof io.initlab.data.DataException
                    || ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
                line.getErr().println("initlab: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
