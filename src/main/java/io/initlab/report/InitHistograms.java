package io.initlab.report;

import io.initlab.results.CsvTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The histograms of initial weights, from {@code init_hist.csv}. */
public final class InitHistograms {

    public static final List<String> REQUIRED = List.of("group", "layer", "bin_lo", "bin_hi", "count");

    public record Bin(String group, String layer, double lo, double hi, double count) {}

    private final List<Bin> bins;

    private InitHistograms(List<Bin> bins) { this.bins = List.copyOf(bins); }

    public static InitHistograms of(List<Bin> bins) { return new InitHistograms(bins); }

    public static InitHistograms read(Path csv) {
        List<Bin> bins = new ArrayList<>();
        if (Files.isRegularFile(csv)) {
            CsvTables.read(csv, REQUIRED, r -> bins.add(new Bin(r.str("group"), r.str("layer"), r.num("bin_lo"),
                    r.num("bin_hi"), r.num("count"))));
        }
        return new InitHistograms(bins);
    }

    public boolean isEmpty() { return bins.isEmpty(); }

    public List<String> layers() {
        Set<String> s = new LinkedHashSet<>();
        for (Bin b : bins) s.add(b.layer());
        return List.copyOf(s);
    }

    public List<String> groups() {
        Set<String> s = new LinkedHashSet<>();
        for (Bin b : bins) s.add(b.group());
        return List.copyOf(s);
    }

    /** The finite bins of one group and layer, sorted by lower edge. */
    public List<Bin> bins(String group, String layer) {
        return bins.stream()
                .filter(b -> b.group().equals(group) && b.layer().equals(layer))
                .filter(b -> Double.isFinite(b.lo()) && Double.isFinite(b.hi()) && Double.isFinite(b.count()))
                .sorted(java.util.Comparator.comparingDouble(Bin::lo))
                .toList();
    }
}
