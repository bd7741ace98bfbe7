package io.initlab.results;

import io.initlab.train.LayerStat;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema of the tables beside runs.csv (docs/results-format.md): batches.csv, layers.csv and
 * init_hist.csv, their columns and how the study runner writes them from the run records. The report
 * reads them by these column names.
 */
public final class DetailTables {
    private DetailTables() {}

    public static final String BATCHES = "batches.csv";
    public static final List<String> BATCHES_COLUMNS = List.of("run_id", "group", "seed", "fold", "epoch", "step", "loss");

    public static final String LAYERS = "layers.csv";
    public static final List<String> LAYERS_COLUMNS = List.of("run_id", "group", "seed", "fold", "epoch", "layer",
            "quantity", "mean", "variance", "zero_fraction", "l2_norm");

    public static final String INIT_HIST = "init_hist.csv";
    public static final List<String> INIT_HIST_COLUMNS = List.of("group", "layer", "bin_lo", "bin_hi", "count");

    /** One row per logged batch: its epoch (from the run's steps per epoch), global step and loss. */
    public static List<List<String>> batchRows(List<RunRecord> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (RunRecord r : runs) {
            for (int i = 0; i < r.batchLosses().length; i++) {
                int epoch = r.stepsPerEpoch() > 0 ? i / r.stepsPerEpoch() + 1 : 1;
                rows.add(List.of(r.runId(), r.group(), String.valueOf(r.seed()), String.valueOf(r.fold()),
                        String.valueOf(epoch), String.valueOf(i + 1), Num.fmt7(r.batchLosses()[i])));
            }
        }
        return rows;
    }

    /** One row per layer statistic of each run. */
    public static List<List<String>> layerRows(List<RunRecord> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (RunRecord r : runs) {
            for (LayerStat s : r.layers()) {
                rows.add(List.of(r.runId(), r.group(), String.valueOf(r.seed()), String.valueOf(r.fold()),
                        String.valueOf(s.epoch()), s.layer(), s.quantity(), Num.fmt7(s.mean()), Num.fmt7(s.variance()),
                        Num.fmt7(s.zeroFraction()), Num.fmt7(s.l2Norm())));
            }
        }
        return rows;
    }

    /** One row per bin of each initial-weight histogram. */
    public static List<List<String>> initHistRows(List<RunRecord> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (RunRecord r : runs) {
            for (RunRecord.Histogram h : r.histograms()) {
                double width = (h.hi() - h.lo()) / h.counts().length;
                for (int b = 0; b < h.counts().length; b++) {
                    rows.add(List.of(r.group(), h.layer(), Num.fmt7(h.lo() + b * width), Num.fmt7(h.lo() + (b + 1) * width),
                            String.valueOf(h.counts()[b])));
                }
            }
        }
        return rows;
    }
}
