package io.initlab.study;

import io.initlab.report.StudyData;
import io.initlab.train.EpochRecord;
import io.initlab.train.LayerStat;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the study's tables (runs.csv, batches.csv, layers.csv, init_hist.csv; columns documented in
 * docs/results-format.md) from the finished runs, in study order, each file replaced atomically.
 */
final class ResultTables {
    private ResultTables() {}

    static void write(Path dir, List<RunFile> runs) throws IOException {
        table(dir.resolve("runs.csv"), StudyData.COLUMNS, rows -> {
            for (RunFile r : runs) {
                for (int e = 1; e <= r.epochsPlanned(); e++) {
                    EpochRecord rec = e <= r.epochs().size() ? r.epochs().get(e - 1) : null;
                    boolean last = e == r.epochsPlanned();
                    rows.add(List.of(r.runId(), r.group(), r.configHash(), r.study(), r.dataset(), r.model(), r.activation(),
                            r.init(), r.initParams(), r.biasInit(), r.optimizer(), num(r.lr()), String.valueOf(r.batch()),
                            num(r.dropout()), String.valueOf(r.seed()), String.valueOf(r.fold()), String.valueOf(e),
                            rec == null ? "" : num(rec.trainLoss()), rec == null ? "" : num(rec.valLoss()),
                            rec == null ? "" : num(rec.valAccuracy()), rec == null ? "" : num(rec.valAccuracyDropout()),
                            last ? num(r.testAccuracy()) : "", r.status(),
                            r.status().equals("diverged") ? String.valueOf(r.divergedStep()) : "",
                            num(r.wallSeconds()), r.backend(), r.version()));
                }
            }
        });
        table(dir.resolve("batches.csv"), List.of("run_id", "group", "seed", "fold", "epoch", "step", "loss"), rows -> {
            for (RunFile r : runs) {
                for (int i = 0; i < r.batchLosses().length; i++) {
                    int epoch = r.stepsPerEpoch() > 0 ? i / r.stepsPerEpoch() + 1 : 1;
                    rows.add(List.of(r.runId(), r.group(), String.valueOf(r.seed()), String.valueOf(r.fold()),
                            String.valueOf(epoch), String.valueOf(i + 1), num(r.batchLosses()[i])));
                }
            }
        });
        table(dir.resolve("layers.csv"), List.of("run_id", "group", "seed", "fold", "epoch", "layer", "quantity", "mean",
                "variance", "zero_fraction", "l2_norm"), rows -> {
            for (RunFile r : runs) {
                for (LayerStat s : r.layers()) {
                    rows.add(List.of(r.runId(), r.group(), String.valueOf(r.seed()), String.valueOf(r.fold()),
                            String.valueOf(s.epoch()), s.layer(), s.quantity(), num(s.mean()), num(s.variance()),
                            num(s.zeroFraction()), num(s.l2Norm())));
                }
            }
        });
        table(dir.resolve("init_hist.csv"), List.of("group", "layer", "bin_lo", "bin_hi", "count"), rows -> {
            for (RunFile r : runs) {
                for (RunFile.Histogram h : r.histograms()) {
                    double width = (h.hi() - h.lo()) / h.counts().length;
                    for (int b = 0; b < h.counts().length; b++) {
                        rows.add(List.of(r.group(), h.layer(), num(h.lo() + b * width), num(h.lo() + (b + 1) * width),
                                String.valueOf(h.counts()[b])));
                    }
                }
            }
        });
    }

    interface Rows {
        void fill(List<List<String>> rows);
    }

    private static void table(Path file, List<String> header, Rows content) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        content.fill(rows);
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            p.printRecord(header);
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        }
        RunStore.writeAtomically(file, w.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Numbers with enough digits to recompute statistics; empty for NaN (not measured or diverged). */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.7g", v);
    }
}
