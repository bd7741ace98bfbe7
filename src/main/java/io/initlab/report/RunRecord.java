package io.initlab.report;

import java.util.List;
import java.util.Map;

/**
 * One training run as read from runs.csv: its identity, its outcome and its per-epoch rows (sorted by
 * epoch). {@code divergedStep} is -1 when the run did not diverge (or the step is unknown).
 */
public record RunRecord(String runId, String group, long seed, long fold, Status status, long divergedStep,
                        List<EpochRow> epochs) {

    public enum Status {
        OK, DIVERGED, FAILED;

        static Status parse(String s) {
            return switch (s == null ? "" : s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "diverged" -> DIVERGED;
                case "failed", "error" -> FAILED;
                default -> OK;
            };
        }

        @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public RunRecord {
        epochs = List.copyOf(epochs);
    }

    /** One row of runs.csv: the epoch number and every column's raw text. */
    public record EpochRow(int epoch, Map<String, String> cells) {
        public double num(String column) { return Num.parse(cells.get(column)); }
        public String str(String column) { return cells.getOrDefault(column, ""); }
    }

    public boolean diverged() { return status == Status.DIVERGED; }

    public boolean failed() { return status == Status.FAILED; }

    public boolean ok() { return status == Status.OK; }

    /** The key runs of different groups are paired on. */
    public SeedFold seedFold() { return new SeedFold(seed, fold); }

    public record SeedFold(long seed, long fold) {
        @Override public String toString() { return fold < 0 ? "seed " + seed : "seed " + seed + " fold " + fold; }
    }

    public int lastEpoch() { return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch(); }

    /** {@code column} on the row of the last epoch (NaN when absent or empty). */
    public double atLastEpoch(String column) {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).num(column);
    }

    /** {@code column} on the row of {@code epoch} (NaN when there is no such row). */
    public double at(int epoch, String column) {
        for (EpochRow r : epochs) if (r.epoch() == epoch) return r.num(column);
        return Double.NaN;
    }

    /**
     * The first epoch whose train or validation loss is not finite (where a diverged run's rows stop
     * carrying values), or -1.
     */
    public int firstNonFiniteEpoch() {
        for (EpochRow r : epochs) {
            if (!Double.isFinite(r.num("train_loss")) || !Double.isFinite(r.num("val_loss"))) return r.epoch();
        }
        return -1;
    }

    /** A short human description of the divergence, e.g. "diverged at step 312". */
    public String divergenceText() {
        if (!diverged()) return "";
        if (divergedStep > 0) return "diverged at step " + divergedStep;
        int e = firstNonFiniteEpoch();
        return e > 0 ? "diverged in epoch " + e : "diverged";
    }
}
