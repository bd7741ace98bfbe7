package io.initlab.results;

import io.initlab.train.EpochRecord;
import io.initlab.train.LayerStat;
import java.util.List;

/**
 * One run of a study: what the study runner records (saved as runs/RUN_ID.json by an atomic rename, so a
 * study killed at any moment leaves only whole runs behind) and what the report reads back from runs.csv
 * ({@link RunsTable}). A record read from runs.csv carries only what that file holds: no batch
 * losses, layer statistics, histograms or error text.
 *
 * @param layerInits     the initializer of every layer, e.g. {@code conv1=he_normal;dense2=glorot_uniform} (a bias
 *                       named where it does not start at zero); "" when unknown (runs recorded before it existed)
 * @param epochsPlanned  epochs the run was to train: runs.csv has one row per planned epoch
 * @param stepsPerEpoch  training batches per epoch
 * @param divergedStep   the global step at which a diverged run's loss stopped being finite; 0 when unknown or
 *                       the run did not diverge
 * @param error          why a failed run failed, else null
 * @param epochs         the epochs trained (fewer than planned when the run diverged or failed)
 * @param batchLosses    the first batch losses (all, unless the study limits batch_log)
 * @param histograms     initial weight histograms per layer (the first seed and fold of each variant)
 * @param loss           the loss trained on; "" when unknown (runs recorded before it existed: classification).
 *                       With {@code mse} (regression) every "accuracy" of the run is the mean absolute error
 * @param epochsRun      epochs trained (early stopping may stop before {@link #epochsPlanned}); 0 when unknown
 * @param bestEpoch      the epoch early stopping found best (its weights restored when the study says so); 0 without
 */
public record RunRecord(String runId, String group, String configHash, String study, String dataset, String model,
                        String activation, String init, String initParams, String biasInit, String layerInits, String optimizer, double lr,
                        int batch, double dropout, long seed, int fold, int epochsPlanned, int stepsPerEpoch,
                        RunStatus status, int divergedStep, String error, double testAccuracy, double testLoss,
                        double wallSeconds, double samplesPerSecond, String backend, String version,
                        List<EpochRecord> epochs, float[] batchLosses, List<LayerStat> layers, List<Histogram> histograms,
                        String loss, int epochsRun, int bestEpoch) {

    /** A loss whose "accuracy" columns hold the mean absolute error. */
    public static final String REGRESSION_LOSS = "mse";

    /** A run recorded without the loss, epochs run and best epoch (tables and tests written before them). */
    public RunRecord(String runId, String group, String configHash, String study, String dataset, String model,
                     String activation, String init, String initParams, String biasInit, String layerInits, String optimizer,
                     double lr, int batch, double dropout, long seed, int fold, int epochsPlanned, int stepsPerEpoch,
                     RunStatus status, int divergedStep, String error, double testAccuracy, double testLoss,
                     double wallSeconds, double samplesPerSecond, String backend, String version,
                     List<EpochRecord> epochs, float[] batchLosses, List<LayerStat> layers, List<Histogram> histograms) {
        this(runId, group, configHash, study, dataset, model, activation, init, initParams, biasInit, layerInits, optimizer,
                lr, batch, dropout, seed, fold, epochsPlanned, stepsPerEpoch, status, divergedStep, error, testAccuracy,
                testLoss, wallSeconds, samplesPerSecond, backend, version, epochs, batchLosses, layers, histograms, "", 0, 0);
    }

    public RunRecord {
        layerInits = layerInits == null ? "" : layerInits;
        loss = loss == null ? "" : loss;
        epochs = List.copyOf(epochs);
        layers = List.copyOf(layers);
        histograms = List.copyOf(histograms);
    }

    /** Counts of one layer's initial weights in equal bins over [lo, hi]. */
    public record Histogram(String layer, double lo, double hi, long[] counts) {

        public static Histogram of(String layer, float[] w, int bins) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (float v : w) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (lo == hi) { // a constant tensor: one bin around the value
                long[] c = {w.length};
                return new Histogram(layer, lo - 0.5e-3, hi + 0.5e-3, c);
            }
            long[] counts = new long[bins];
            double width = (hi - lo) / bins;
            for (float v : w) {
                counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
            }
            return new Histogram(layer, lo, hi, counts);
        }
    }

    public boolean ok() { return status == RunStatus.OK; }

    public boolean diverged() { return status == RunStatus.DIVERGED; }

    public boolean failed() { return status == RunStatus.FAILED; }

    /** The epoch record numbered {@code epoch}, or null when the run did not reach it. */
    public EpochRecord epoch(int epoch) {
        for (EpochRecord e : epochs) {
            if (e.epoch() == epoch) {
                return e;
            }
        }
        return null;
    }

    /** The key runs of different groups are paired on. */
    public SeedFold seedFold() { return new SeedFold(seed, fold); }

    public record SeedFold(long seed, long fold) {
        @Override public String toString() { return fold < 0 ? "seed " + seed : "seed " + seed + " fold " + fold; }
    }

    /** The runs.csv column {@code column} on the row of {@code epoch}, as a number (NaN when empty or not a column). */
    public double at(int epoch, String column) {
        return RunsTable.value(this, epoch, column);
    }

    /**
     * {@code column} on the row of the last planned epoch (NaN when empty); for a run that early stopping ended
     * sooner, a per-epoch column's value of the last epoch it trained.
     */
    public double atLastEpoch(String column) {
        double v = at(epochsPlanned, column);
        if (Double.isNaN(v) && ok() && epochsRun > 0 && epochsRun < epochsPlanned) {
            return at(epochsRun, column);
        }
        return v;
    }

    /** Whether "accuracy" means the mean absolute error (a regression loss). */
    public boolean regression() {
        return loss.equals(REGRESSION_LOSS);
    }

    /**
     * The best validation metric over the epochs trained: the highest accuracy, or the lowest MAE for a regression
     * run (the published "validation accuracy" of studies that report Keras' history maximum); NaN when none.
     */
    public double bestValAccuracy() {
        double best = Double.NaN;
        for (EpochRecord e : epochs) {
            double v = e.valAccuracy();
            if (Double.isFinite(v) && (Double.isNaN(best) || (regression() ? v < best : v > best))) {
                best = v;
            }
        }
        return best;
    }

    /**
     * The first epoch whose train or validation loss is not finite (where a diverged run's rows stop
     * carrying values), or -1.
     */
    public int firstNonFiniteEpoch() {
        for (int e = 1; e <= epochsPlanned; e++) {
            if (!Double.isFinite(at(e, RunsTable.TRAIN_LOSS)) || !Double.isFinite(at(e, RunsTable.VAL_LOSS))) return e;
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
