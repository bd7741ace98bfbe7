package io.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.study.SyntheticMnist;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, one-line errors, the machine-readable last line. */
class CliTest {
    @TempDir
    static Path tmp;
    static Path data;

    record Result(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    @BeforeAll
    static void data() throws Exception {
        data = SyntheticMnist.write(tmp.resolve("data"), 1200, 300);
    }

    static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void trainEndsWithAMachineReadableLine() {
        Result r = run("train", "--data", data.toString(), "--epochs", "1", "--batch", "50", "--threads", "1",
                "--validation", "200", "--no-progress", "--init", "he_normal", "--backend", "jvm");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lastLine()).matches("test_accuracy=[01]\\.\\d{4} test_loss=\\S+ samples_per_s=\\d+ train_s=\\S+ status=ok");
        assertThat(r.out()).contains("epoch 1: train_loss=").contains("val_accuracy=");
        // each epoch's wall time and the samples/s of its training steps, which show the JIT's warm-up
        assertThat(r.out()).containsPattern("epoch 1: .* \\(\\d+\\.\\d\\d s, \\d+ samples/s\\)\\n");
    }

    @Test
    void theWarmUpChangesNoNumber() {
        String[] args = {"train", "--data", data.toString(), "--epochs", "2", "--batch", "32", "--limit", "640",
                "--threads", "2", "--no-progress", "--backend", "jvm"};
        Result warm = run(args);
        String[] cold = java.util.Arrays.copyOf(args, args.length + 1);
        cold[args.length] = "--no-warm-up";
        Result without = run(cold);
        assertThat(warm.code()).as(warm.err()).isZero();
        assertThat(warm.err()).containsPattern("\\d+ warm-up steps while the data loaded");
        assertThat(without.err()).doesNotContain("warm-up");
        assertThat(numbers(warm.out())).isEqualTo(numbers(without.out())).contains("test_accuracy=");
    }

    /** The output without its timings. */
    private static String numbers(String out) {
        return out.replaceAll("\\(\\d+\\.\\d+ s, \\d+ samples/s\\)", "").replaceAll("samples_per_s=\\S+ train_s=\\S+", "");
    }

    @Test
    void trainTakesExplicitLayers() {
        Result r = run("train", "--data", data.toString(), "--epochs", "1", "--limit", "400", "--no-progress",
                "--layers", "conv 4 3x3 relu; maxpool 2; flatten; dense 10", "--optimizer", "sgd", "--lr", "0.01");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lastLine()).contains("status=ok");
        assertThat(r.err()).contains("conv");
    }

    @Test
    void userErrorsAreOneLineWithExitCode2() {
        for (String[] args : new String[][] {
                {"train", "--data", "/nonexistent", "--no-progress"},
                {"train", "--init", "glorot", "--no-progress"},
                {"train", "--init", "uniform(1, 0)", "--no-progress"},
                {"train", "--optimizer", "adagrad", "--no-progress"},
                {"train", "--framework", "jax", "--no-progress"},
                {"train", "--data", "DATA", "--layers", "dense 10 init=glorot", "--no-progress"},
                {"train", "--data", "DATA", "--backend", "tornado", "--no-progress"},
                {"train", "--data", "DATA", "--layers", "dense 10; conv 3 3x3", "--no-progress"},
                {"run", "/nonexistent/study.yaml"},
                {"train", "--data", "DATA", "--hidden", "200000,200000", "--no-progress"},
                {"train", "--data", "DATA", "--threads", "0", "--no-progress"},
                {"report", "/nonexistent"}}) {
            for (int i = 0; i < args.length; i++) {
                args[i] = args[i].replace("DATA", data.toString());
            }
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().strip()).as(String.join(" ", args)).startsWith("initlab: ").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void badOptionsShowUsage() {
        Result r = run("train", "--epochs", "many");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--epochs");
    }

    @Test
    void initsListsEveryFormula() {
        Result r = run("inits");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("xavier_uniform(gain=1)", "√(6/(fan_in+fan_out))", "keras_he_normal", "pytorch_default",
                "glorot_uniform: another name for xavier_uniform");
    }

    @Test
    void trainTakesAFrameworkForUnnamedLayersAndTheOptimizer() {
        Result r = run("train", "--data", data.toString(), "--epochs", "1", "--limit", "400", "--no-progress",
                "--framework", "keras", "--optimizer", "rmsprop", "--init", "he_normal",
                "--layers", "dense 16 relu init=axis; dense 10");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lastLine()).contains("status=ok");
        assertThat(r.err()).contains("rmsprop(lr=0.00100000, rho=0.900000, eps=1.00000e-07 inside the root)");
        // without a framework the unmarked output layer has no initializer
        Result none = run("train", "--data", data.toString(), "--epochs", "1", "--limit", "400", "--no-progress",
                "--layers", "dense 16 relu init=axis; dense 10");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("dense2.weight", "init=axis");
    }

    @Test
    void runDryRunListsRuns() throws Exception {
        Path study = tmp.resolve("s.yaml");
        Files.writeString(study, "initializers: [zeros, he_normal]\nseeds: 1..3\n");
        Result r = run("run", study.toString(), "--dry-run");
        assertThat(r.code()).isZero();
        assertThat(r.lastLine()).isEqualTo("6 runs");
    }

    @Test
    void runRefusesDuplicateKeysHugeGridsAndModelsThatCannotFit() throws Exception {
        Path twice = tmp.resolve("twice.yaml");
        Files.writeString(twice, "initializers: [zeros]\nlr: 0.001\nbatch: 32\nlr: 0.01\n");
        Result r = run("run", twice.toString(), "--dry-run");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("initlab: " + twice + ":4: key 'lr': given twice (first on line 2); keep one");

        Path many = tmp.resolve("many.yaml");
        Files.writeString(many, "initializers: [zeros]\nseeds: 1..1000000\n");
        r = run("run", many.toString(), "--dry-run", "--data", data.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("initlab: " + many + ":2: key 'seeds': 1000000 runs").endsWith("--max-runs 1000000")
                .doesNotContain("\n");
        Files.writeString(many, "initializers: [zeros]\nseeds: 1..10001\n");
        r = run("run", many.toString(), "--dry-run", "--max-runs", "10001", "--data", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lastLine()).isEqualTo("10001 runs");

        Path big = tmp.resolve("big.yaml");
        Files.writeString(big, "initializers: [zeros]\nmodel:\n  hidden: [2000000000]\n");
        r = run("run", big.toString(), "--dry-run", "--jobs", "2", "--data", data.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("initlab: " + big + ":2: key 'model': this study needs about ")
                .contains("but this JVM may use only").doesNotContain("\n");
    }

    @Test
    void helpExplainsEveryOption() {
        for (String[] cmd : new String[][] {{"train"}, {"run"}, {"bench", "train"}, {"bench", "kernels"}}) {
            picocli.CommandLine.Model.CommandSpec spec = new picocli.CommandLine(new Main()).getSubcommands().get(cmd[0])
                    .getCommandSpec();
            if (cmd.length == 2) {
                spec = spec.subcommands().get(cmd[1]).getCommandSpec();
            }
            String[] helpArgs = java.util.Arrays.copyOf(cmd, cmd.length + 1);
            helpArgs[cmd.length] = "--help";
            Result r = run(helpArgs);
            assertThat(r.code()).isZero();
            for (picocli.CommandLine.Model.OptionSpec o : spec.options()) {
                assertThat(o.description()).as(String.join(" ", cmd) + " " + o.longestName()).isNotEmpty();
                assertThat(r.out()).as(String.join(" ", cmd) + " --help").contains(o.longestName().replaceFirst("^--", "")); // --[no-]sweep
            }
        }
        assertThat(run("train", "--help").out()).contains("--epochs=<epochs>", "epochs (default: 2)", "--threads",
                "--backend", "--device", "--data", "--no-progress");
        assertThat(run("run", "--help").out()).contains("--threads", "--backend", "--device", "--data", "--no-progress",
                "--max-runs");
    }

    @Test
    void trainAndStudyFilesShareTheirDefaults() {
        io.initlab.study.Study s = io.initlab.study.StudyLoader.parse(Path.of("d.yaml"), "initializers: [zeros]\n");
        TrainCommand t = new TrainCommand();
        new picocli.CommandLine(t).parseArgs();
        assertThat(t.epochs).isEqualTo(s.epochs());
        assertThat(t.batch).isEqualTo(s.batch());
        assertThat(io.initlab.optim.OptimizerConfig.of(t.optimizer, t.lr, t.momentum)).isEqualTo(s.optimizer());
        assertThat(t.seed).isEqualTo(s.seeds().get(0));
        assertThat(t.dataset).isEqualTo(s.dataset());
        assertThat(t.hidden).containsExactly(s.model().hidden().stream().mapToInt(Integer::intValue).toArray());
        assertThat(io.initlab.model.Activation.parse(t.activation)).isEqualTo(s.model().activation());
        assertThat(t.dropout).isEqualTo(s.model().dropout());
    }
}
