package io.initlab.report;

import io.initlab.results.CsvTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rows of {@code layers.csv}: per-layer statistics of weights, activations and gradients. */
public final class LayerDiagnostics {

    public static final List<String> REQUIRED = List.of("run_id", "group", "epoch", "layer", "quantity", "variance");

    public record Row(String runId, String group, long seed, long fold, int epoch, String layer, String quantity,
                      double mean, double variance, double zeroFraction, double l2Norm) {}

    private final List<Row> rows;
    private final List<String> layers;

    private LayerDiagnostics(List<Row> rows) {
        this.rows = List.copyOf(rows);
        Set<String> l = new LinkedHashSet<>();
        for (Row r : rows) l.add(r.layer());
        this.layers = List.copyOf(l);
    }

    public static LayerDiagnostics of(List<Row> rows) { return new LayerDiagnostics(rows); }

    /** Reads {@code layersCsv}; an absent file gives no rows. */
    public static LayerDiagnostics read(Path layersCsv) {
        List<Row> rows = new ArrayList<>();
        if (Files.isRegularFile(layersCsv)) {
            CsvTables.read(layersCsv, REQUIRED, r -> rows.add(new Row(r.str("run_id"), r.str("group"),
                    r.lng("seed", 0), r.lng("fold", -1), (int) r.lng("epoch", 0), r.str("layer"),
                    r.str("quantity").strip().toLowerCase(java.util.Locale.ROOT), r.num("mean"), r.num("variance"),
                    r.num("zero_fraction"), r.num("l2_norm"))));
        }
        return new LayerDiagnostics(rows);
    }

    public List<Row> rows() { return rows; }

    /** Layer names in order of first appearance (network order). */
    public List<String> layers() { return layers; }

    public boolean isEmpty() { return rows.isEmpty(); }

    public boolean has(String quantity) {
        for (Row r : rows) if (r.quantity().equals(quantity)) return true;
        return false;
    }

    /** Epochs present, ascending. */
    public List<Integer> epochs() {
        return rows.stream().map(Row::epoch).distinct().sorted().toList();
    }

    /**
     * The mean over runs of {@code group} of the variance of {@code quantity} in {@code layer} at
     * {@code epoch}, over the runs whose value is finite (NaN when none).
     */
    public double meanVariance(String group, String quantity, String layer, int epoch) {
        if (means == null) {
            Map<Key, double[]> acc = new HashMap<>();
            for (Row r : rows) {
                if (!Double.isFinite(r.variance())) continue;
                double[] a = acc.computeIfAbsent(new Key(r.group(), r.quantity(), r.layer(), r.epoch()), k -> new double[2]);
                a[0] += r.variance();
                a[1]++;
            }
            Map<Key, Double> m = new HashMap<>();
            acc.forEach((k, a) -> m.put(k, a[0] / a[1]));
            means = m;
        }
        return means.getOrDefault(new Key(group, quantity, layer, epoch), Double.NaN);
    }

    private record Key(String group, String quantity, String layer, int epoch) {}

    private volatile Map<Key, Double> means;
}
