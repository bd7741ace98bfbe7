package io.initlab.study;

import io.initlab.train.EpochRecord;
import io.initlab.train.LayerStat;
import java.util.List;

/**
 * Everything one finished run produced, written as one JSON file (runs/RUN_ID.json) by an atomic
 * rename, so a study killed at any moment leaves only whole runs behind.
 *
 * @param stepsPerEpoch training batches per epoch
 * @param batchLosses the first batch losses (all, unless the study limits batch_log)
 * @param histograms  initial weight histograms per layer (the first seed and fold of each variant)
 */
public record RunFile(String runId, String group, String configHash, String study, String dataset, String model,
                      String activation, String init, String initParams, String biasInit, String optimizer, double lr,
                      int batch, double dropout, long seed, int fold, int epochsPlanned, int stepsPerEpoch, String status,
                      int divergedStep, String error, double testAccuracy, double testLoss, double wallSeconds,
                      double samplesPerSecond, String backend, String version, List<EpochRecord> epochs,
                      float[] batchLosses, List<LayerStat> layers, List<Histogram> histograms) {

    /** Counts of one layer's initial weights in equal bins over [lo, hi]. */
    public record Histogram(String layer, double lo, double hi, long[] counts) {

        static Histogram of(String layer, float[] w, int bins) {
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
}
