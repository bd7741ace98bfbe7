package io.initlab.cli;

import io.initlab.backend.Backend;
import io.initlab.backend.Backends;
import io.initlab.backend.DeviceTools;
import io.initlab.bench.KernelTable;
import io.initlab.bench.TrainBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Throughput measurements (benchmarks, never pass/fail tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput: end-to-end training (bench train) or single kernels (bench kernels).",
        subcommands = {BenchCommand.Train.class, BenchCommand.Kernels.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"End-to-end training samples/s and GFLOP/s of an MLP (784-widths-10, ReLU, Adam) or (--cnn) the studies' CNNs on random data,",
                    "min/median/max over repeats; then how throughput changes with batch size and width.",
                    "FLOP convention: 2·m·n·k per GEMM over forward, weight-gradient and input-gradient GEMMs",
                    "(no input gradient for the first layer): 64.5 MFLOP per step for 784-256-128-10 at batch 64."})
    static final class Train implements Callable<Integer> {
        @Mixin
        ThreadOptions threads;

        @Option(names = "--batch", defaultValue = "64", description = "batch size of the main measurement (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--widths", split = ",", defaultValue = "256,128", description = "hidden widths (default: ${DEFAULT-VALUE})")
        int[] widths;

        @Option(names = "--steps", defaultValue = "300", description = "steps per repeat (default: ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--repeats", defaultValue = "5", description = "timed repeats (default: ${DEFAULT-VALUE})")
        int repeats;

        @Option(names = "--sweep", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "also sweep batch 16…1024 and width 256…4096 (default: ${DEFAULT-VALUE})")
        boolean sweep;

        @Option(names = "--out", description = "folder for sweep.csv and the plots (default: none)")
        Path out;

        @Option(names = "--cnn", description = "instead of the MLP: the studies' CNNs (DL-A1 at 1x28x28 and 3x32x32, "
                + "the 5-fold study's), --cnn-steps steps per repeat")
        boolean cnn;

        @Option(names = "--cnn-steps", defaultValue = "40", description = "steps per repeat with --cnn (default: ${DEFAULT-VALUE})")
        int cnnSteps;

        @Mixin
        BackendOptions backend;

        @Override
        public Integer call() throws IOException {
            try (Backend be = Backends.create(backend.backend, threads.perRun(1), backend.device)) {
                System.out.println("backend: " + be.description() + ", JDK " + Runtime.version());
                if (cnn) {
                    for (TrainBench.Cnn c : TrainBench.CNNS) {
                        TrainBench.Result r = TrainBench.run(be, c, 20, cnnSteps, repeats);
                        System.out.printf(Locale.ROOT, "train %s batch %d: samples/s min %.0f median %.0f max %.0f; %.1f GFLOP/s (%.1f MFLOP/step); %s%n",
                                c.name(), r.batch(), r.min(), r.median(), r.max(), r.gflops(), r.flopsPerStep() / 1e6, warmUp(r, 20));
                    }
                    return 0;
                }
                TrainBench.Result main = TrainBench.run(be, batch, widths, 200, steps, repeats);
                System.out.printf(Locale.ROOT, "train 784-%s-10 batch %d: samples/s min %.0f median %.0f max %.0f; %.1f GFLOP/s (%.1f MFLOP/step); %s%n",
                        join(widths), batch, main.min(), main.median(), main.max(), main.gflops(), main.flopsPerStep() / 1e6,
                        warmUp(main, 200));
                if (!sweep) {
                    return 0;
                }
                List<String> csv = new ArrayList<>(List.of("sweep,batch,widths,samples_per_s_min,samples_per_s_median,samples_per_s_max,gflops"));
                List<double[]> byBatch = new ArrayList<>();
                System.out.println();
                System.out.println("batch sweep (widths " + join(widths) + ")");
                System.out.println("   batch   samples/s   GFLOP/s");
                for (int b : new int[] {16, 32, 64, 128, 256, 512, 1024}) {
                    TrainBench.Result r = TrainBench.run(be, b, widths, Math.max(20, 4096 / b), Math.max(20, 8192 / b), 3);
                    System.out.printf(Locale.ROOT, "%8d %11.0f %9.1f%n", b, r.median(), r.gflops());
                    csv.add(row("batch", r));
                    byBatch.add(new double[] {b, r.median(), r.gflops()});
                }
                List<double[]> byWidth = new ArrayList<>();
                System.out.println();
                System.out.println("width sweep (batch " + batch + ", two hidden layers of the width)");
                System.out.println("   width   samples/s   GFLOP/s");
                for (int w : new int[] {256, 512, 1024, 2048, 4096}) {
                    int[] ws = {w, w};
                    int st = Math.max(5, (int) (20 * Math.pow(256.0 / w, 2)) * 10);
                    TrainBench.Result r = TrainBench.run(be, batch, ws, Math.max(3, st / 5), st, 3);
                    System.out.printf(Locale.ROOT, "%8d %11.0f %9.1f%n", w, r.median(), r.gflops());
                    csv.add(row("width", r));
                    byWidth.add(new double[] {w, r.median(), r.gflops()});
                }
                if (out != null) {
                    Files.createDirectories(out);
                    Files.write(out.resolve("train-sweep.csv"), csv);
                    plot(out, "train_batch_sweep", "Training throughput vs batch size (" + be.description() + ")",
                            "batch size", byBatch);
                    plot(out, "train_width_sweep", "Training throughput vs hidden width (batch " + batch + ")",
                            "hidden width (two layers)", byWidth);
                    System.out.println("wrote " + out.resolve("train-sweep.csv") + " and plots");
                }
            }
            return 0;
        }

        /** The warm-up steps' samples/s: the JIT compiling the kernels, for the process's first model. */
        private static String warmUp(TrainBench.Result r, int steps) {
            return String.format(Locale.ROOT, "first %d steps (warm-up) %.0f samples/s", steps, r.warmupSamplesPerSecond());
        }

        private static String row(String sweep, TrainBench.Result r) {
            return String.format(Locale.ROOT, "%s,%d,%s,%.0f,%.0f,%.0f,%.2f", sweep, r.batch(), join(r.widths()).replace('-', ' '),
                    r.min(), r.median(), r.max(), r.gflops());
        }

        private static void plot(Path dir, String name, String title, String xLabel, List<double[]> points) throws IOException {
            System.setProperty("java.awt.headless", "true");
            XYChart c = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xLabel).yAxisTitle("GFLOP/s").build();
            c.getStyler().setXAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW);
            c.addSeries("GFLOP/s (median)", points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[2]).toArray());
            BitmapEncoder.saveBitmap(c, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(c, dir.resolve(name).toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        }
    }

    @Command(name = "kernels", mixinStandardHelpOptions = true,
            description = {"Per-kernel time and GFLOP/s on a TornadoVM device (JVM kernels: see scripts/bench.sh, JMH)."})
    static final class Kernels implements Callable<Integer> {
        @Mixin
        BackendOptions backend;

        @Option(names = "--repeats", defaultValue = "20", description = "launches per kernel (default: ${DEFAULT-VALUE})")
        int repeats;

        @Override
        public Integer call() {
            if (!Backends.resolve(backend.backend).equals("tornado")) {
                throw new IllegalArgumentException("bench kernels times device kernels (--backend tornado); JVM kernels are "
                        + "benchmarked with JMH: scripts/bench.sh");
            }
            KernelTable.lines(DeviceTools.load().benchKernels(backend.device, repeats)).forEach(System.out::println);
            return 0;
        }
    }

    static String join(int[] w) {
        return String.join("-", Arrays.stream(w).mapToObj(String::valueOf).toList());
    }
}
