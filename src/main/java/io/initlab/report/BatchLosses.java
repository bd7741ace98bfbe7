package io.initlab.report;

import io.initlab.results.CsvTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-batch training loss of the first {@code maxStep} global steps of every run, from
 * {@code batches.csv}. Steps that are absent read as NaN.
 */
public final class BatchLosses {

    public static final List<String> REQUIRED = List.of("run_id", "group", "step", "loss");

    /** One run's first losses: {@code loss[s-1]} is the loss of global step s. */
    public record RunLosses(String runId, String group, long seed, long fold, double[] loss, boolean[] recorded) {
        /** The first step whose loss was recorded but is not finite (NaN/Inf: divergence), or -1. */
        public int firstNonFiniteStep() {
            for (int i = 0; i < loss.length; i++) if (recorded[i] && !Double.isFinite(loss[i])) return i + 1;
            return -1;
        }
    }

    private final Map<String, RunLosses> byRun;
    private final int maxStep;

    private BatchLosses(Map<String, RunLosses> byRun, int maxStep) {
        this.byRun = byRun;
        this.maxStep = maxStep;
    }

    /** Reads the first {@code maxStep} steps of every run in {@code batchesCsv} (others are skipped). */
    public static BatchLosses read(Path batchesCsv, int maxStep) {
        if (maxStep < 1) throw new IllegalArgumentException("maxStep must be >= 1: " + maxStep);
        Map<String, RunLosses> m = new LinkedHashMap<>();
        int[] seen = {0};
        if (Files.isRegularFile(batchesCsv)) {
            CsvTables.read(batchesCsv, REQUIRED, row -> {
                long step = row.lng("step", -1);
                if (step < 1 || step > maxStep) return;
                RunLosses rl = m.computeIfAbsent(row.str("run_id"), id -> {
                    double[] a = new double[maxStep];
                    Arrays.fill(a, Double.NaN);
                    return new RunLosses(id, row.str("group"), row.lng("seed", 0), row.lng("fold", -1), a,
                            new boolean[maxStep]);
                });
                rl.loss()[(int) step - 1] = row.num("loss");
                rl.recorded()[(int) step - 1] = true;
                seen[0] = Math.max(seen[0], (int) step);
            });
        }
        return new BatchLosses(m, seen[0]);
    }

    /** Runs in order of first appearance. */
    public List<RunLosses> runs() { return List.copyOf(byRun.values()); }

    public boolean isEmpty() { return byRun.isEmpty(); }

    /** The largest step present (at most the requested maximum). */
    public int maxStep() { return maxStep; }
}
