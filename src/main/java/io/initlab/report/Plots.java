package io.initlab.report;

import io.initlab.results.Num;
import io.initlab.results.RunRecord;
import io.initlab.results.RunsTable;
import io.initlab.train.EpochRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Builds the report's charts (XChart) from the data classes; writing them is {@link FigureWriter}'s job.
 * Every builder is NaN-safe: non-finite points are dropped, log axes never receive values ≤ 0, and a
 * chart that would have no data is not made ({@link Optional#empty()}). Diverged runs are named in the
 * legend ("(2/5 diverged, first at step 312)") and, on the batch-loss plot, marked where they diverged.
 */
public final class Plots {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    /** Ratio of largest to smallest positive value above which loss plots switch to a log y axis. */
    static final double LOG_AXIS_RATIO = 100;

    /** tab10: distinguishable colours, assigned to groups in study order and kept across all plots. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
        new Color(0x393b79), new Color(0xad494a), new Color(0x637939), new Color(0x7b4173), new Color(0x3182bd),
    };

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 5f}, 0f);
    static final BasicStroke SOLID = new BasicStroke(2f);

    /** How a legend entry is drawn. */
    public enum Glyph { LINE, LINE_DOT, DASHED_DOT, CROSS }

    /** A legend entry drawn by {@link FigureWriter} under the figure's title (it wraps over the full width). */
    public record LegendEntry(String label, Color color, Glyph glyph) {
        public LegendEntry(String label, Color color) { this(label, color, Glyph.LINE_DOT); }
    }

    /**
     * One figure: a title strip (and, for grids, a shared legend) drawn above one chart or a grid of panels.
     * The XChart title of a single chart is hidden; panels of a grid keep theirs.
     */
    public record Figure(String name, String title, String caption, List<Chart<?, ?>> panels, int columns,
                         int panelWidth, int panelHeight, List<LegendEntry> legend) {

        public Figure {
            panels = List.copyOf(panels);
            legend = legend == null ? List.of() : List.copyOf(legend);
            columns = Math.max(1, Math.min(columns, panels.size()));
        }

        public static Figure single(String name, String title, String caption, Chart<?, ?> chart) {
            return single(name, title, caption, chart, List.of());
        }

        /** A single chart whose legend is drawn above it (the chart's own legend is hidden). */
        public static Figure single(String name, String title, String caption, Chart<?, ?> chart,
                                    List<LegendEntry> legend) {
            if (!legend.isEmpty()) chart.getStyler().setLegendVisible(false);
            return new Figure(name, title, caption, List.of(chart), 1, chart.getWidth(), chart.getHeight(), legend);
        }

        public int rows() { return (panels.size() + columns - 1) / columns; }

        public int width() { return columns * panelWidth; }
    }

    /** Height of the title strip above a figure's panels. */
    public static final int TITLE_HEIGHT = 40;
    /** Height of a single chart below its title strip. */
    public static final int CHART_HEIGHT = HEIGHT - TITLE_HEIGHT;

    private final StudyData data;
    private final Map<String, Color> colors = new LinkedHashMap<>();

    public Plots(StudyData data) {
        this.data = data;
        for (String g : data.groups()) color(g);
    }

    /** The colour of a group (stable: study order, then order of first request). */
    public Color color(String group) {
        return colors.computeIfAbsent(group, g -> PALETTE[colors.size() % PALETTE.length]);
    }

    // ------------------------------------------------------------------------------------------ labels

    /**
     * The legend label of a group: the group, plus "(k/n diverged, first at step S)" when some of its runs
     * diverged, or "(all n diverged, ...)" when all did (then its curves are those of the diverged runs).
     */
    public String label(String group) {
        List<RunRecord> runs = data.runsOf(group);
        long div = runs.stream().filter(RunRecord::diverged).count();
        if (div == 0) return group;
        long first = runs.stream().filter(RunRecord::diverged).mapToLong(RunRecord::divergedStep)
                .filter(s -> s > 0).min().orElse(-1);
        String where = first > 0 ? ", first at step " + first : "";
        return div == runs.size()
                ? group + " (all " + div + " diverged" + where + ")"
                : group + " (" + div + "/" + runs.size() + " diverged" + where + ")";
    }

    /** The runs whose curves represent a group: its ok runs, or (none ok) its diverged runs. */
    List<RunRecord> curveRuns(String group) {
        List<RunRecord> ok = data.runsOf(group).stream().filter(RunRecord::ok).toList();
        if (!ok.isEmpty()) return ok;
        return data.runsOf(group).stream().filter(RunRecord::diverged).toList();
    }

    // ------------------------------------------------------------------------------------------ styling

    static <S extends AxesChartStyler> S style(S s, boolean panel) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x999999));
        s.setPlotGridLinesColor(new Color(0xe0e0e0));
        // solid grid lines: XChart's default dashes become thousands of separate SVG paths (MBs per plot)
        s.setPlotGridLinesStroke(new BasicStroke(0.6f));
        s.setChartTitleVisible(panel);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(panel ? PANEL_TITLE_FONT : TITLE_FONT);
        s.setAxisTitleFont(panel ? PANEL_AXIS_FONT : AXIS_TITLE_FONT);
        s.setAxisTickLabelsFont(panel ? PANEL_TICK_FONT : TICK_FONT);
        s.setLegendFont(LEGEND_FONT);
        s.setLegendBorderColor(new Color(0xcccccc));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendVisible(!panel);
        s.setAntiAlias(true);
        s.setMarkerSize(panel ? 5 : 7);
        s.setErrorBarsColorSeriesColor(true);
        s.setChartPadding(10);
        s.setLocale(java.util.Locale.ROOT);
        return s;
    }

    static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Font PANEL_AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font PANEL_TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** An XY chart; {@code panel}: part of a grid (own small title, no legend). */
    static XYChart xy(String title, String xTitle, String yTitle, int w, int h, boolean panel) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler(), panel);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return c;
    }

    /** Integer tick labels only (epochs); ticks between integers stay unlabelled. */
    static final Function<Double, String> INTEGER_TICKS =
            x -> Math.abs(x - Math.rint(x)) < 1e-9 ? Long.toString(Math.round(x)) : "";

    /**
     * Log y axis: ticks at decades only when the values span more than a decade (else at 2, 3, ... too);
     * scientific labels ("1.5E-5") for very small or very large values.
     */
    static void logY(AxesChartStyler s, List<double[]> ys) {
        s.setYAxisLogarithmic(true);
        double[] mm = positiveRange(ys);
        s.setYAxisLogarithmicDecadeOnly(!(mm[1] > 0 && mm[1] / mm[0] < 10));
        if (mm[1] > 0 && (mm[1] < 1e-2 || mm[0] >= 1e4)) s.setYAxisDecimalPattern("0.##E0");
    }

    /** {min, max} of the positive finite values ({+inf, 0} when none). */
    static double[] positiveRange(List<double[]> ys) {
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (double[] y : ys) for (double v : y) if (Double.isFinite(v) && v > 0) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] {min, max};
    }

    /** Whether the positive finite values span more than {@link #LOG_AXIS_RATIO}. */
    static boolean wantsLog(List<double[]> ys) {
        double[] mm = positiveRange(ys);
        return mm[1] > 0 && mm[1] / mm[0] > LOG_AXIS_RATIO;
    }

    /** A series' points with non-finite x/y (and, when {@code positive}, y ≤ 0) dropped. */
    record Points(double[] x, double[] y, double[] err) {
        static Points of(double[] x, double[] y, double[] err, boolean positive) {
            int n = 0;
            double[] xs = new double[x.length], ys = new double[x.length], es = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || (positive && y[i] <= 0)) continue;
                xs[n] = x[i];
                ys[n] = y[i];
                es[n] = err == null || !Double.isFinite(err[i]) ? 0 : err[i];
                n++;
            }
            return new Points(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), err == null ? null : Arrays.copyOf(es, n));
        }

        boolean isEmpty() { return x.length == 0; }

        boolean hasErrors() {
            if (err == null) return false;
            for (double e : err) if (e > 0) return true;
            return false;
        }
    }

    static XYSeries addLine(XYChart c, String name, Points p, Color color, BasicStroke stroke, boolean markers) {
        XYSeries s = p.err() != null && p.hasErrors() ? c.addSeries(name, p.x(), p.y(), p.err())
                : c.addSeries(name, p.x(), p.y());
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(stroke);
        s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return s;
    }

    /**
     * XChart puts x ticks on the data points when they are equally spaced (1, 8, 15, ... for 200 steps);
     * an invisible two-point series at unequal spacing makes it choose round ticks (0, 20, 40, ...).
     */
    static void roundXTicks(XYChart c, double y) {
        XYSeries pad = c.addSeries(" ", new double[] {0.0, 0.37}, new double[] {y, y});
        pad.setShowInLegend(false);
        pad.setMarker(SeriesMarkers.NONE);
        pad.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
        pad.setLineColor(new Color(0, 0, 0, 0));
    }

    /** Ensures an axis over a single x value still has a width. */
    static void padSingleX(XYChart c, double lo, double hi) {
        if (hi - lo < 1e-12) {
            c.getStyler().setXAxisMin(lo - 0.5);
            c.getStyler().setXAxisMax(hi + 0.5);
            c.getStyler().setxAxisTickLabelsFormattingFunction(null);
        }
    }

    private static String noData(List<String> groups, String what) {
        return groups.isEmpty() ? "" : " No finite " + what + " to draw for: " + String.join(", ", groups) + ".";
    }

    // ------------------------------------------------------------------------------------------ charts

    /**
     * Training loss over the first {@code n} global steps, per group: the mean over the group's runs
     * (ok runs; the diverged ones when none is ok), with a red cross where a run diverged within the window
     * (at its last finite loss).
     */
    public Optional<Figure> firstBatchesLoss(BatchLosses batches, int n) {
        if (batches.isEmpty()) return Optional.empty();
        int steps = Math.min(n, batches.maxStep());
        Map<String, List<BatchLosses.RunLosses>> byGroup = new LinkedHashMap<>();
        for (String g : data.groups()) byGroup.put(g, new ArrayList<>());
        for (BatchLosses.RunLosses r : batches.runs()) byGroup.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(r);

        double[] x = new double[steps];
        for (int i = 0; i < steps; i++) x[i] = i + 1;
        Map<String, Points> lines = new LinkedHashMap<>();
        List<double[]> divPts = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (var e : byGroup.entrySet()) {
            List<BatchLosses.RunLosses> all = e.getValue();
            if (all.isEmpty()) continue;
            List<BatchLosses.RunLosses> use = all.stream().filter(r -> !isDiverged(r)).toList();
            if (use.isEmpty()) use = all;
            double[] y = new double[steps];
            for (int s = 0; s < steps; s++) {
                double sum = 0;
                int k = 0;
                for (BatchLosses.RunLosses r : use) {
                    double v = r.loss()[s];
                    if (Double.isFinite(v)) {
                        sum += v;
                        k++;
                    }
                }
                y[s] = k == 0 ? Double.NaN : sum / k;
            }
            Points p = Points.of(x, y, null, false);
            if (p.isEmpty()) empty.add(e.getKey());
            else lines.put(e.getKey(), p);
            for (BatchLosses.RunLosses r : all) {
                if (!isDiverged(r)) continue;
                long step = divergedStep(r);
                if (step < 1 || step > steps) continue;
                for (int s = (int) step - 1; s >= 0; s--) {
                    if (r.recorded()[s] && Double.isFinite(r.loss()[s])) {
                        divPts.add(new double[] {step, r.loss()[s]});
                        break;
                    }
                }
            }
        }
        if (lines.isEmpty()) return Optional.empty();
        List<double[]> ys = new ArrayList<>(lines.values().stream().map(Points::y).toList());
        ys.add(divPts.stream().mapToDouble(p -> p[1]).toArray());
        boolean log = wantsLog(ys);
        String loss = MetricLabel.loss(data.regression());
        XYChart c = xy("", "batch (global step)", "training " + loss + (log ? " (log scale)" : ""), WIDTH, CHART_HEIGHT,
                false);
        if (log) logY(c.getStyler(), ys);
        List<LegendEntry> legend = new ArrayList<>();
        for (var e : lines.entrySet()) {
            Points p = log ? Points.of(e.getValue().x(), e.getValue().y(), null, true) : e.getValue();
            if (p.isEmpty()) continue;
            addLine(c, label(e.getKey()), p, color(e.getKey()), SOLID, false);
            legend.add(new LegendEntry(label(e.getKey()), color(e.getKey()), Glyph.LINE));
        }
        Points d = Points.of(divPts.stream().mapToDouble(p -> p[0]).toArray(),
                divPts.stream().mapToDouble(p -> p[1]).toArray(), null, log);
        if (!d.isEmpty()) {
            XYSeries s = c.addSeries("run diverged here (next loss NaN/Inf)", d.x(), d.y());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CROSS);
            s.setMarkerColor(Color.RED);
            legend.add(new LegendEntry("run diverged here (next loss NaN/Inf)", Color.RED, Glyph.CROSS));
        }
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax((double) steps);
        double padY = lines.values().stream().flatMapToDouble(p -> Arrays.stream(p.y()))
                .filter(v -> v > 0).findFirst().orElse(1.0);
        roundXTicks(c, padY);
        return Optional.of(Figure.single("first_batches_loss",
                "Training " + loss + " over the first " + steps + " batches (mean over seeds)",
                "Training " + loss + " of each of the first " + steps + " batches, averaged over the seeds/folds of each"
                        + " group; diverged runs are left out of a group's mean unless all its runs diverged."
                        + (d.isEmpty() ? "" : " Red crosses: the last finite loss of a run before it diverged.")
                        + (log ? " Log scale: the losses span more than two decades." : "") + noData(empty, "losses"),
                c, legend));
    }

    private boolean isDiverged(BatchLosses.RunLosses r) {
        RunRecord rr = data.run(r.runId());
        return rr != null ? !rr.ok() : r.firstNonFiniteStep() > 0;
    }

    private long divergedStep(BatchLosses.RunLosses r) {
        RunRecord rr = data.run(r.runId());
        if (rr != null && rr.divergedStep() > 0) return rr.divergedStep();
        return r.firstNonFiniteStep();
    }

    /** Per group and epoch: mean and sd of {@code column} over the group's curve runs. */
    private record EpochCurve(double[] epochs, double[] mean, double[] sd) {}

    private EpochCurve epochCurve(String group, String column) {
        List<RunRecord> runs = curveRuns(group);
        Set<Integer> eps = new java.util.TreeSet<>();
        for (RunRecord r : runs) for (EpochRecord e : r.epochs()) eps.add(e.epoch());
        int len = eps.size();
        double[] ep = new double[len], mean = new double[len], sd = new double[len];
        int i = 0;
        for (int epoch : eps) {
            ep[i] = epoch;
            double[] v = runs.stream().mapToDouble(r -> r.at(epoch, column)).filter(Double::isFinite).toArray();
            Statistics.Describe d = Statistics.describe(v);
            mean[i] = d.mean();
            sd[i] = d.std();
            i++;
        }
        return new EpochCurve(ep, mean, sd);
    }

    /** Validation accuracy per epoch, mean over seeds/folds, ± 1 sd error bars when there are several. */
    public Optional<Figure> valAccuracyPerEpoch() {
        return accuracyPerEpoch(RunsTable.VAL_ACCURACY);
    }

    /**
     * Training accuracy per epoch (Keras' running metric: the epoch's batches, each scored with the weights
     * of its step, dropout on), drawn like the validation curve.
     */
    public Optional<Figure> trainAccuracyPerEpoch() {
        return accuracyPerEpoch(RunsTable.TRAIN_ACCURACY);
    }

    /** The figure name of the per-epoch plot of {@code column}. */
    public static String perEpochName(String column) {
        return column + "_per_epoch";
    }

    private Optional<Figure> accuracyPerEpoch(String column) {
        if (!data.hasColumn(column)) return Optional.empty();
        boolean train = column.equals(RunsTable.TRAIN_ACCURACY);
        String what = data.label(column).label(); // "validation accuracy", or "validation MAE" in a regression study
        XYChart c = xy("", "epoch", what, WIDTH, CHART_HEIGHT, false);
        c.getStyler().setxAxisTickLabelsFormattingFunction(INTEGER_TICKS);
        boolean bars = false;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        List<String> empty = new ArrayList<>();
        List<LegendEntry> legend = new ArrayList<>();
        for (String g : data.groups()) {
            EpochCurve ec = epochCurve(g, column);
            Points p = Points.of(ec.epochs(), ec.mean(), ec.sd(), false);
            if (p.isEmpty()) {
                empty.add(g);
                continue;
            }
            addLine(c, label(g), p, color(g), SOLID, true);
            legend.add(new LegendEntry(label(g), color(g)));
            bars |= p.hasErrors();
            lo = Math.min(lo, p.x()[0]);
            hi = Math.max(hi, p.x()[p.x().length - 1]);
        }
        if (c.getSeriesMap().isEmpty()) return Optional.empty();
        padSingleX(c, lo, hi);
        String title = Character.toUpperCase(what.charAt(0)) + what.substring(1) + " per epoch";
        String when = train ? "over each epoch's training batches, each scored with the weights of its own step"
                + " (dropout on), as Keras reports it" : "after each epoch";
        return Optional.of(Figure.single(perEpochName(column),
                title + (bars ? " (mean ± 1 sd over seeds/folds)" : " (mean over seeds)"),
                Character.toUpperCase(what.charAt(0)) + what.substring(1) + " " + when
                        + ", mean over the seeds/folds of each group"
                        + (bars ? "; error bars: ± 1 standard deviation." : ".") + noData(empty, "values"), c,
                legend));
    }

    /** Train (solid) and validation (dashed) loss per epoch, mean over seeds/folds. */
    public Optional<Figure> lossPerEpoch() {
        Map<String, Points> train = new LinkedHashMap<>(), val = new LinkedHashMap<>();
        for (String g : data.groups()) {
            if (data.hasColumn("train_loss")) {
                EpochCurve t = epochCurve(g, "train_loss");
                train.put(g, Points.of(t.epochs(), t.mean(), null, false));
            }
            if (data.hasColumn("val_loss")) {
                EpochCurve v = epochCurve(g, "val_loss");
                val.put(g, Points.of(v.epochs(), v.mean(), null, false));
            }
        }
        List<double[]> ys = new ArrayList<>();
        train.values().forEach(p -> ys.add(p.y()));
        val.values().forEach(p -> ys.add(p.y()));
        boolean log = wantsLog(ys);
        String loss = MetricLabel.loss(data.regression());
        XYChart c = xy("", "epoch", loss + (log ? " (log scale)" : ""), WIDTH, CHART_HEIGHT, false);
        if (log) logY(c.getStyler(), ys);
        c.getStyler().setxAxisTickLabelsFormattingFunction(INTEGER_TICKS);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        List<String> empty = new ArrayList<>();
        List<LegendEntry> legend = new ArrayList<>();
        for (String g : data.groups()) {
            boolean drawn = false;
            for (int k = 0; k < 2; k++) {
                Points p0 = (k == 0 ? train : val).get(g);
                if (p0 == null) continue;
                Points p = Points.of(p0.x(), p0.y(), null, log);
                if (p.isEmpty()) continue;
                String name = label(g) + (k == 0 ? " – train" : " – validation");
                addLine(c, name, p, color(g), k == 0 ? SOLID : DASHED, true);
                legend.add(new LegendEntry(name, color(g), k == 0 ? Glyph.LINE_DOT : Glyph.DASHED_DOT));
                drawn = true;
                lo = Math.min(lo, p.x()[0]);
                hi = Math.max(hi, p.x()[p.x().length - 1]);
            }
            if (!drawn) empty.add(g);
        }
        if (c.getSeriesMap().isEmpty()) return Optional.empty();
        padSingleX(c, lo, hi);
        return Optional.of(Figure.single("loss_per_epoch", "Training and validation " + loss + " per epoch (mean over seeds)",
                "Mean training " + loss + " (solid) and validation " + loss + " (dashed) per epoch and group"
                        + (log ? "; log scale because the losses span more than two decades." : ".")
                        + noData(empty, "losses"), c, legend));
    }

    /** Box plot of the final-epoch {@code metric} over the seeds/folds of each group (ok runs only). */
    public Optional<Figure> accuracyDistribution(String metric) {
        String label = data.label(metric).label();
        BoxChart c = new BoxChartBuilder().width(WIDTH).height(CHART_HEIGHT).title("")
                .xAxisTitle("group").yAxisTitle(label + " at the last epoch").build();
        style(c.getStyler(), false);
        c.getStyler().setLegendVisible(false);
        List<String> empty = new ArrayList<>();
        int longest = 0;
        for (String g : data.groups()) {
            double[] v = Summary.finalValues(data, g, metric);
            if (v.length == 0) {
                empty.add(g);
                continue;
            }
            org.knowm.xchart.BoxSeries s = c.addSeries(g, v);
            Color col = color(g);
            s.setLineColor(col.darker());
            s.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 150));
            longest = Math.max(longest, g.length());
        }
        if (c.getSeriesMap().isEmpty()) return Optional.empty();
        rotateIfCrowded(c.getStyler(), c.getSeriesMap().size(), longest);
        String caption = "Box plot (median, quartiles, whiskers) of " + label
                + " at the last epoch over the seeds/folds of each group; diverged and failed runs are left out.";
        if (!empty.isEmpty()) caption += " No value (all runs diverged or failed) for: " + String.join(", ", empty) + ".";
        return Optional.of(Figure.single("accuracy_distribution",
                "Final-epoch " + label + " per group (distribution over seeds/folds)", caption, c));
    }

    static void rotateIfCrowded(AxesChartStyler s, int categories, int longestLabel) {
        if (categories * Math.max(longestLabel, 4) * 8 > WIDTH - 150) s.setXAxisLabelRotation(25);
    }

    /** Bar chart of the mean final {@code metric} with 95 % CI error bars, and published ranges if any. */
    public Optional<Figure> accuracyBar(List<Summary.Row> rows, String metric) {
        return accuracyBar(rows, metric, Map.of());
    }

    /**
     * The bar chart, with the source's single published numbers of {@code metric} ({@code publishedOneRun}:
     * group → value, one run each) as diamonds beside the published ranges.
     */
    public Optional<Figure> accuracyBar(List<Summary.Row> rows, String metric, Map<String, Double> publishedOneRun) {
        List<Summary.Row> rs = rows.stream().filter(r -> r.metric().equals(metric)).toList();
        if (rs.stream().noneMatch(r -> Double.isFinite(r.stats().mean()))) return Optional.empty();
        String label = data.label(metric).label();
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(CHART_HEIGHT).title("")
                .xAxisTitle("group").yAxisTitle(label + " at the last epoch").build();
        style(c.getStyler(), false);
        c.getStyler().setAvailableSpaceFill(0.55);
        c.getStyler().setOverlapped(true);
        c.getStyler().setErrorBarsColorSeriesColor(false);
        c.getStyler().setErrorBarsColor(Color.BLACK);
        c.getStyler().setMarkerSize(11);
        List<String> cats = new ArrayList<>();
        List<Double> mean = new ArrayList<>(), err = new ArrayList<>(), pubLo = new ArrayList<>(), pubHi = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        boolean anyPub = false;
        int longest = 0;
        for (Summary.Row r : rs) {
            cats.add(r.group());
            longest = Math.max(longest, r.group().length());
            double m = r.stats().mean();
            if (!Double.isFinite(m)) empty.add(r.group());
            mean.add(Double.isFinite(m) ? m : 0.0);
            double h = r.stats().ciHalfWidth();
            err.add(Double.isFinite(h) ? h : 0.0);
            anyPub |= r.hasPublished();
            pubLo.add(r.hasPublished() ? r.publishedLow() : null);
            pubHi.add(r.hasPublished() ? r.publishedHigh() : null);
        }
        CategorySeries ours = c.addSeries("ours: mean ± 95 % CI", cats, mean, err);
        ours.setFillColor(new Color(0x8fb4d9));
        ours.setLineColor(new Color(0x4c72b0));
        if (cats.stream().anyMatch(publishedOneRun::containsKey)) {
            CategorySeries p = c.addSeries("published (one run)", cats, cats.stream().map(publishedOneRun::get).toList());
            p.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            p.setMarker(SeriesMarkers.DIAMOND);
            p.setMarkerColor(new Color(0xd9480f));
        }
        if (anyPub) {
            for (int k = 0; k < 2; k++) {
                CategorySeries p = c.addSeries(k == 0 ? "published low" : "published high", cats, k == 0 ? pubLo : pubHi);
                p.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
                p.setMarker(k == 0 ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.TRIANGLE_DOWN);
                p.setMarkerColor(new Color(0xd9480f));
            }
        }
        rotateIfCrowded(c.getStyler(), cats.size(), longest);
        String caption = "Mean of " + label + " at the last epoch over the runs of each group that did not diverge;"
                + " error bars: 95 % confidence interval (Student t; none for a single run).";
        if (anyPub) caption += " Orange triangles: the low (▲) and high (▼) end of the published range.";
        if (cats.stream().anyMatch(publishedOneRun::containsKey)) caption += " Orange diamonds: the published number (one run).";
        if (!empty.isEmpty()) caption += " No value (bar at 0) for: " + String.join(", ", empty) + ".";
        return Optional.of(Figure.single("accuracy_bar", "Mean final-epoch " + label + " per group (95 % CI)",
                caption, c));
    }

    /** Grid geometry for k panels: columns, panel width, panel height. */
    private static int[] grid(int k, int panelHeight) {
        int cols = k == 1 ? 1 : k <= 4 ? 2 : 3;
        int pw = cols == 1 ? WIDTH : cols == 2 ? 450 : 360;
        int ph = cols == 1 ? CHART_HEIGHT : panelHeight;
        return new int[] {cols, pw, ph};
    }

    /** Histograms of the initial weights of {@code layer}, one panel per group. */
    public Optional<Figure> initHistogram(InitHistograms hist, String layer) {
        List<String> groups = new ArrayList<>(new LinkedHashSet<>(concat(data.groups(), hist.groups())));
        groups.removeIf(g -> hist.bins(g, layer).isEmpty());
        if (groups.isEmpty()) return Optional.empty();
        int[] geo = grid(groups.size(), 300);
        List<Chart<?, ?>> panels = new ArrayList<>();
        for (String g : groups) {
            List<InitHistograms.Bin> bins = hist.bins(g, layer);
            double total = 0, m1 = 0, m2 = 0;
            for (InitHistograms.Bin b : bins) {
                double mid = (b.lo() + b.hi()) / 2;
                total += b.count();
                m1 += b.count() * mid;
                m2 += b.count() * mid * mid;
            }
            double mean = total > 0 ? m1 / total : Double.NaN;
            double sd = total > 0 ? Math.sqrt(Math.max(0, m2 / total - mean * mean)) : Double.NaN;
            double lo = bins.get(0).lo(), hi = bins.stream().mapToDouble(InitHistograms.Bin::hi).max().orElse(lo);
            boolean constant = !(hi - lo > 0);
            String title = constant ? g + "  (all weights = " + Num.fmt(roundSig(lo, 4)) + ")"
                    : g + "  (sd ≈ " + Num.fmt(roundSig(sd, 3)) + ")";
            XYChart c = xy(title, "initial weight", "count", geo[1], geo[2], true);
            c.getStyler().setYAxisMin(0.0);
            double[] xs, ys;
            if (constant) {                       // a constant initialization: a narrow spike
                double w = Math.max(1e-3, Math.abs(lo) * 0.01);
                xs = new double[] {lo - w, lo - w, lo + w, lo + w};
                ys = new double[] {0, total, total, 0};
                c.getStyler().setXAxisMin(lo - 50 * w);
                c.getStyler().setXAxisMax(lo + 50 * w);
            } else {
                xs = new double[2 * bins.size() + 2];
                ys = new double[2 * bins.size() + 2];
                int i = 0;
                xs[i] = lo;
                ys[i++] = 0;
                for (InitHistograms.Bin b : bins) {
                    xs[i] = b.lo();
                    ys[i++] = b.count();
                    xs[i] = b.hi();
                    ys[i++] = b.count();
                }
                xs[i] = hi;
                ys[i] = 0;
                double step = niceStep((hi - lo) / 4);
                c.getStyler().setXAxisMin(Math.floor(lo / step - 1e-9) * step);
                c.getStyler().setXAxisMax(Math.ceil(hi / step + 1e-9) * step);
            }
            XYSeries s = c.addSeries(g, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            Color col = color(g);
            s.setLineColor(col);
            s.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 110));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(1.2f));
            panels.add(c);
        }
        return Optional.of(new Figure("init_hist_" + safeName(layer), "Initial weights of " + layer
                + " (first seed of each group)", "Histogram of the initial weights of layer " + layer
                + ", one panel per group, each with its own axes; sd ≈ is the standard deviation of the histogram.",
                panels, geo[0], geo[1], geo[2], List.of()));
    }

    /**
     * Per-layer variance of {@code quantity} (activation or gradient) at initialization (the first epoch in
     * layers.csv, normally 0), one line per group over the layers, log y axis (Glorot &amp; Bengio's diagnostic).
     */
    public Optional<Figure> layerVariance(LayerDiagnostics ld, String quantity) {
        if (!ld.has(quantity)) return Optional.empty();
        List<String> layers = layersOf(ld, quantity);
        int epoch0 = ld.epochs().get(0);
        Map<String, List<Double>> series = new LinkedHashMap<>();
        List<String> omitted = new ArrayList<>();
        for (String g : groupsOf(ld)) {
            List<Double> y = new ArrayList<>();
            boolean zero = false, any = false;
            for (String layer : layers) {
                double v = ld.meanVariance(g, quantity, layer, epoch0);
                zero |= Double.isFinite(v) && v <= 0;
                boolean ok = Double.isFinite(v) && v > 0;
                any |= ok;
                y.add(ok ? v : null);
            }
            if (zero) omitted.add(g);
            if (any) series.put(g, y);
        }
        if (series.isEmpty()) return Optional.empty();
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(CHART_HEIGHT).title("")
                .xAxisTitle("layer").yAxisTitle("variance of " + plural(quantity) + " (log scale)").build();
        style(c.getStyler(), false);
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        c.getStyler().setOverlapped(true);
        logY(c.getStyler(), series.values().stream()
                .map(l -> l.stream().filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray())
                .toList());
        List<LegendEntry> legend = new ArrayList<>();
        for (var e : series.entrySet()) {
            String name = e.getKey() + (omitted.contains(e.getKey()) ? " (zeros not drawn)" : "");
            legend.add(new LegendEntry(name, color(e.getKey())));
            CategorySeries s = c.addSeries(name, layers, e.getValue());
            s.setLineColor(color(e.getKey()));
            s.setMarkerColor(color(e.getKey()));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(SOLID);
        }
        String caption = "Variance of the " + plural(quantity) + " of each layer " + (quantity.equals("gradient")
                ? "(gradient of the loss w.r.t. the layer's weights)" : "(the layer's output)")
                + " on a fixed probe batch at initialization (epoch " + epoch0 + "), mean over seeds; log scale.";
        if (!omitted.isEmpty()) caption += " Zero variances cannot be drawn on a log axis and are left out for: "
                + String.join(", ", omitted) + ".";
        List<String> none = groupsOf(ld).stream().filter(g -> !series.containsKey(g) && !omitted.contains(g)).toList();
        caption += noData(none, "variances");
        return Optional.of(Figure.single("layer_variance_" + quantity,
                "Variance of " + plural(quantity) + " per layer at initialization", caption, c, legend));
    }

    /** The same variance over epochs (0 = initialization): one panel per layer, one line per group. */
    public Optional<Figure> layerVarianceEpochs(LayerDiagnostics ld, String quantity) {
        if (!ld.has(quantity)) return Optional.empty();
        List<String> layers = layersOf(ld, quantity);
        List<Integer> epochs = ld.epochs();
        int[] geo = grid(layers.size(), 320);
        List<Chart<?, ?>> panels = new ArrayList<>();
        Set<String> drawn = new LinkedHashSet<>();
        for (String layer : layers) {
            XYChart c = xy(layer, "epoch (0 = initialization)", "variance (log scale)", geo[1], geo[2], true);
            c.getStyler().setxAxisTickLabelsFormattingFunction(INTEGER_TICKS);
            List<double[]> ys = new ArrayList<>();
            Map<String, Points> pts = new LinkedHashMap<>();
            for (String g : groupsOf(ld)) {
                double[] x = epochs.stream().mapToDouble(Integer::doubleValue).toArray();
                double[] y = epochs.stream().mapToDouble(e -> ld.meanVariance(g, quantity, layer, e)).toArray();
                Points p = Points.of(x, y, null, true);
                if (p.isEmpty()) continue;
                pts.put(g, p);
                ys.add(p.y());
            }
            if (pts.isEmpty()) continue;
            logY(c.getStyler(), ys);
            for (var e : pts.entrySet()) {
                addLine(c, e.getKey(), e.getValue(), color(e.getKey()), SOLID, true);
                drawn.add(e.getKey());
            }
            padSingleX(c, epochs.get(0), epochs.get(epochs.size() - 1));
            panels.add(c);
        }
        if (panels.isEmpty()) return Optional.empty();
        int[] g2 = grid(panels.size(), 320);
        List<LegendEntry> legend = groupsOf(ld).stream().filter(drawn::contains)
                .map(g -> new LegendEntry(label(g), color(g))).toList();
        return Optional.of(new Figure("layer_variance_" + quantity + "_epochs",
                "Variance of " + plural(quantity) + " per layer over training", "Variance of the " + plural(quantity)
                + " of each layer on the probe batch at initialization (epoch 0) and after each epoch, mean over"
                + " seeds; one panel per layer, log scale (zeros, and NaN after a divergence, are not drawn).",
                panels, g2[0], g2[1], g2[2], legend));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private List<String> layersOf(LayerDiagnostics ld, String quantity) {
        Set<String> s = new LinkedHashSet<>();
        for (LayerDiagnostics.Row r : ld.rows()) if (r.quantity().equals(quantity)) s.add(r.layer());
        return List.copyOf(s);
    }

    private List<String> groupsOf(LayerDiagnostics ld) {
        Set<String> s = new LinkedHashSet<>();
        Set<String> present = new LinkedHashSet<>();
        for (LayerDiagnostics.Row r : ld.rows()) present.add(r.group());
        for (String g : data.groups()) if (present.contains(g)) s.add(g);
        s.addAll(present);
        return List.copyOf(s);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    private static String plural(String quantity) {
        return switch (quantity) {
            case "activation" -> "activations";
            case "gradient" -> "gradients";
            case "weight" -> "weights";
            default -> quantity;
        };
    }

    /** The 1-2-5 × 10^k value nearest above {@code raw} (for round axis bounds). */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    static double roundSig(double x, int digits) {
        if (!Double.isFinite(x) || x == 0) return x;
        return new java.math.BigDecimal(x).round(new java.math.MathContext(digits)).doubleValue();
    }

    /** A file-name-safe form of a layer or group name. */
    static String safeName(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return t.isEmpty() ? "x" : t;
    }
}
