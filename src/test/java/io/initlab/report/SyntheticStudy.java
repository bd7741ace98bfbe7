package io.initlab.report;

import io.initlab.results.RunsTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes a fake study output directory (runs.csv, batches.csv, layers.csv, init_hist.csv) with the
 * study runner's columns, for tests. Deterministic for a given configuration.
 */
final class SyntheticStudy {

    /**
     * A group: its final accuracy level and spread over seeds, the std of its initial weights
     * (0 = all-zeros init), and which seeds diverge (at which global step).
     */
    record Group(String name, double accuracy, double spread, double weightStd, Set<Long> divergingSeeds,
                 int divergeStep) {
        static Group of(String name, double accuracy, double spread, double weightStd) {
            return new Group(name, accuracy, spread, weightStd, Set.of(), -1);
        }

        Group diverging(int step, Long... seeds) { return new Group(name, accuracy, spread, weightStd, Set.of(seeds), step); }
    }

    static final String RUNS_HEADER = String.join(",", RunsTable.names());

    List<Group> groups = new ArrayList<>();
    List<Long> seeds = List.of(1L, 2L, 3L, 4L, 5L);
    int epochs = 4;
    int stepsPerEpoch = 80;
    List<String> layers = List.of("dense1", "dense2", "dense3");
    boolean testAccuracy = true;
    boolean withBatches = true, withLayers = true, withHist = true;

    SyntheticStudy group(Group g) {
        groups.add(g);
        return this;
    }

    /** The default mix: a dead init, two good ones, one with a diverging seed, and one that always diverges. */
    static SyntheticStudy standard() {
        return new SyntheticStudy()
                .group(Group.of("zeros", 0.0983, 0.0004, 0))
                .group(Group.of("U[-0.5,0.5)", 0.951, 0.004, 0.2887))
                .group(Group.of("he_normal", 0.972, 0.002, 0.05))
                .group(Group.of("xavier_normal", 0.968, 0.003, 0.04).diverging(150, 3L))
                .group(Group.of("huge <N(0,10)> & \"friends\"", 0.1, 0.01, 10).diverging(40, 1L, 2L, 3L, 4L, 5L));
    }

    Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            StringBuilder runs = new StringBuilder(RUNS_HEADER).append('\n');
            StringBuilder batches = new StringBuilder("run_id,group,seed,fold,epoch,step,loss\n");
            StringBuilder lay = new StringBuilder(
                    "run_id,group,seed,fold,epoch,layer,quantity,mean,variance,zero_fraction,l2_norm\n");
            StringBuilder hist = new StringBuilder("group,layer,bin_lo,bin_hi,count\n");
            int gi = 0;
            for (Group g : groups) {
                gi++;
                for (long seed : seeds) {
                    Random rnd = new Random(1000L * gi + seed);
                    String runId = "r" + gi + "-s" + seed;
                    boolean div = g.divergingSeeds().contains(seed);
                    int divStep = div ? g.divergeStep() : -1;
                    double finalAcc = g.accuracy() + g.spread() * rnd.nextGaussian();
                    for (int e = 1; e <= epochs; e++) {
                        boolean dead = div && divStep <= e * stepsPerEpoch;
                        double frac = (double) e / epochs;
                        double acc = g.weightStd() == 0 ? finalAcc : 0.5 + (finalAcc - 0.5) * Math.sqrt(frac);
                        double trainLoss = g.weightStd() == 0 ? 2.302585 : 0.1 + 0.6 / e + 0.01 * rnd.nextGaussian();
                        double valLoss = trainLoss + 0.02;
                        boolean last = e == epochs;
                        runs.append(String.join(",", csv(runId), csv(g.name()), "abc123", "synthetic", "mnist", "mlp",
                                "relu", csv(g.name()), "\"{}\"", "zeros", csv(layerInits(g)), "sgd", "0.01", "64", "0",
                                Long.toString(seed), "-1", Integer.toString(e), dead ? "NaN" : num(trainLoss),
                                dead ? "" : num(Math.min(1, acc + 0.01)), dead ? "" : num(valLoss),
                                dead ? "0.098" : num(acc), "", last && !dead && testAccuracy ? num(acc - 0.002) : "",
                                div ? "diverged" : "ok", div ? Integer.toString(divStep) : "", "1.5", "jvm", "0.1.0"))
                                .append('\n');
                    }
                    if (withBatches) {
                        for (int s = 1; s <= epochs * stepsPerEpoch; s++) {
                            double loss;
                            if (div && s >= divStep) loss = Double.NaN;
                            else if (div && s > divStep - 10) loss = 50.0 * (s - divStep + 12);
                            else if (g.weightStd() == 0) loss = 2.302585;
                            else loss = 0.15 + 2.2 * Math.exp(-s / (30.0 + 10 * gi)) + 0.05 * rnd.nextGaussian();
                            batches.append(csv(runId)).append(',').append(csv(g.name())).append(',').append(seed)
                                    .append(",-1,").append((s - 1) / stepsPerEpoch + 1).append(',').append(s).append(',')
                                    .append(Double.isNaN(loss) ? "NaN" : num(Math.abs(loss))).append('\n');
                        }
                    }
                    if (withLayers) {
                        for (int e = 0; e <= epochs; e++) {
                            boolean dead = div && divStep <= Math.max(1, e) * stepsPerEpoch && e > 0;
                            for (int l = 0; l < layers.size(); l++) {
                                for (String q : List.of("weight", "activation", "gradient")) {
                                    double v;
                                    if (g.weightStd() == 0) v = q.equals("gradient") && l == layers.size() - 1 ? 1e-3 : 0;
                                    else if (q.equals("weight")) v = g.weightStd() * g.weightStd();
                                    else if (q.equals("activation")) v = Math.pow(g.weightStd() * 20, l + 1) * (1 + 0.1 * e);
                                    else v = 1e-4 * Math.pow(0.5, layers.size() - l) * (1 + 0.2 * e);
                                    v *= 1 + 0.05 * rnd.nextGaussian();
                                    lay.append(String.join(",", csv(runId), csv(g.name()), Long.toString(seed), "-1",
                                            Integer.toString(e), layers.get(l), q, dead ? "NaN" : "0.001",
                                            dead ? "NaN" : num(Math.abs(v)), "0.5", dead ? "" : "3.2")).append('\n');
                                }
                            }
                        }
                    }
                }
                if (withHist) {
                    for (String layer : layers) {
                        if (g.weightStd() == 0) {
                            hist.append(csv(g.name())).append(',').append(layer).append(",0,0,78400\n");
                            continue;
                        }
                        int bins = 30;
                        boolean uniform = g.name().startsWith("U[");
                        double half = uniform ? g.weightStd() * Math.sqrt(3) : 3 * g.weightStd();
                        double lo = -half, w = 2 * half / bins;
                        for (int b = 0; b < bins; b++) {
                            double mid = lo + (b + 0.5) * w;
                            long count = uniform ? 2600
                                    : Math.round(78400 * w * Math.exp(-mid * mid / (2 * g.weightStd() * g.weightStd()))
                                    / (g.weightStd() * Math.sqrt(2 * Math.PI)));
                            hist.append(csv(g.name())).append(',').append(layer).append(',').append(num(lo + b * w))
                                    .append(',').append(num(lo + (b + 1) * w)).append(',').append(count).append('\n');
                        }
                    }
                }
            }
            Files.writeString(dir.resolve("runs.csv"), runs);
            if (withBatches) Files.writeString(dir.resolve("batches.csv"), batches);
            if (withLayers) Files.writeString(dir.resolve("layers.csv"), lay);
            if (withHist) Files.writeString(dir.resolve("init_hist.csv"), hist);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The layer_inits cell of a group: its initializer on the hidden layers, Glorot on the output layer. */
    String layerInits(Group g) {
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            parts.add(layers.get(l) + "=" + (l == layers.size() - 1 ? "glorot_uniform" : g.name()));
        }
        return String.join(";", parts);
    }

    static String num(double x) { return String.format(Locale.ROOT, "%.6g", x); }

    /** RFC 4180 quoting when needed. */
    static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) return '"' + s.replace("\"", "\"\"") + '"';
        return s;
    }

    /** Writes a runs.csv from literal rows: each row (group, seed, fold, status, diverged_step, val_accuracy). */
    static void writeRuns(Path dir, List<Object[]> rows) {
        StringBuilder sb = new StringBuilder(RUNS_HEADER).append('\n');
        int i = 0;
        for (Object[] r : rows) {
            i++;
            String group = (String) r[0];
            String status = (String) r[3];
            sb.append(String.join(",", "run" + i, csv(group), "h", "t", "mnist", "mlp", "relu", "x", "\"{}\"", "zeros",
                    "", "sgd", "0.1", "64", "0", r[1].toString(), r[2].toString(), "1", status.equals("ok") ? "0.5" : "NaN",
                    status.equals("ok") ? "0.8" : "",
                    status.equals("ok") ? "0.5" : "", r[5] == null ? "" : r[5].toString(), "", "", status,
                    r[4] == null ? "" : r[4].toString(), "1", "jvm", "0.1.0")).append('\n');
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("runs.csv"), sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
