package io.initlab.report;

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

    /** One figure: a single chart, or a grid of panels drawn under a common title. */
    public record Figure(String name, String title, String caption, List<Chart<?, ?>> panels, int columns,
                         int panelWidth, int panelHeight) {
        public static final int HEADER = 44;

        public static Figure single(String name, String caption, Chart<?, ?> chart) {
            return new Figure(name, chart.getTitle(), caption, List.of(chart), 1, chart.getWidth(), chart.getHeight());
        }

        public boolean isGrid() { return panels.size() > 1 || columns > 1; }

        public int rows() { return (panels.size() + columns - 1) / columns; }

        public int width() { return isGrid() ? columns * panelWidth : panelWidth; }

        public int height() { return isGrid() ? HEADER + rows() * panelHeight : panelHeight; }
    }

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

    static <S extends AxesChartStyler> S style(S s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x999999));
        s.setPlotGridLinesColor(new Color(0xdddddd));
        s.setChartTitleFont(TITLE_FONT);
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(AXIS_TITLE_FONT);
        s.setAxisTickLabelsFont(TICK_FONT);
        s.setLegendFont(LEGEND_FONT);
        s.setLegendBorderColor(new Color(0xcccccc));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setAntiAlias(true);
        s.setMarkerSize(7);
        s.setErrorBarsColorSeriesColor(true);
        s.setChartPadding(10);
        s.setLocale(java.util.Locale.ROOT);
        return s;
    }

    static XYChart xy(String title, String xTitle, String yTitle, int w, int h) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return c;
    }

    /** Integer tick labels only (epochs, steps); ticks between integers stay unlabelled. */
    static final Function<Double, String> INTEGER_TICKS =
            x -> Math.abs(x - Math.rint(x)) < 1e-9 ? Long.toString(Math.round(x)) : "";

    static void logY(XYChart c) {
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmicDecadeOnly(false);
    }

    /** Whether the positive finite values span more than {@link #LOG_AXIS_RATIO}. */
    static boolean wantsLog(List<double[]> ys) {
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (double[] y : ys) for (double v : y) if (Double.isFinite(v) && v > 0) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max > 0 && max / min > LOG_AXIS_RATIO;
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

    /** Ensures an axis over a single x value still has a width. */
    static void padSingleX(XYChart c, double lo, double hi) {
        if (hi - lo < 1e-12) {
            c.getStyler().setXAxisMin(lo - 0.5);
            c.getStyler().setXAxisMax(hi + 0.5);
        }
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
        List<double[]> divX = new ArrayList<>();
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
            lines.put(e.getKey(), Points.of(x, y, null, false));
            for (BatchLosses.RunLosses r : all) {
                if (!isDiverged(r)) continue;
                long step = divergedStep(r);
                if (step < 1 || step > steps) continue;
                for (int s = (int) step - 1; s >= 0; s--) {
                    if (r.recorded()[s] && Double.isFinite(r.loss()[s])) {
                        divX.add(new double[] {step, r.loss()[s]});
                        break;
                    }
                }
            }
        }
        lines.values().removeIf(Points::isEmpty);
        if (lines.isEmpty()) return Optional.empty();
        List<double[]> ys = new ArrayList<>(lines.values().stream().map(Points::y).toList());
        ys.add(divX.stream().mapToDouble(p -> p[1]).toArray());
        boolean log = wantsLog(ys);
        XYChart c = xy("Training loss over the first " + steps + " batches (mean over seeds)", "batch (global step)",
                "training loss" + (log ? " (log scale)" : ""), WIDTH, HEIGHT);
        if (log) logY(c);
        c.getStyler().setxAxisTickLabelsFormattingFunction(INTEGER_TICKS);
        for (var e : lines.entrySet()) {
            Points p = log ? Points.of(e.getValue().x(), e.getValue().y(), null, true) : e.getValue();
            if (!p.isEmpty()) addLine(c, label(e.getKey()), p, color(e.getKey()), SOLID, false);
        }
        Points d = Points.of(divX.stream().mapToDouble(p -> p[0]).toArray(),
                divX.stream().mapToDouble(p -> p[1]).toArray(), null, log);
        if (!d.isEmpty()) {
            XYSeries s = c.addSeries("divergence (loss became NaN/Inf)", d.x(), d.y());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CROSS);
            s.setMarkerColor(Color.RED);
        }
        padSingleX(c, 1, steps);
        return Optional.of(Figure.single("first_batches_loss",
                "Training loss of each of the first " + steps + " batches, averaged over the seeds/folds of each"
                        + " group (diverged runs are left out of a group's mean unless all its runs diverged).", c));
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
    private record EpochCurve(double[] epochs, double[] mean, double[] sd, int maxN) {}

    private EpochCurve epochCurve(String group, String column) {
        List<RunRecord> runs = curveRuns(group);
        int maxE = runs.stream().mapToInt(RunRecord::lastEpoch).max().orElse(0);
        int first = runs.stream().flatMap(r -> r.epochs().stream()).mapToInt(RunRecord.EpochRow::epoch)
                .filter(e -> e >= 0).min().orElse(1);
        int len = Math.max(0, maxE - first + 1);
        double[] ep = new double[len], mean = new double[len], sd = new double[len];
        int maxN = 0;
        for (int i = 0; i < len; i++) {
            int epoch = first + i;
            ep[i] = epoch;
            double[] v = runs.stream().mapToDouble(r -> r.at(epoch, column)).filter(Double::isFinite).toArray();
            Statistics.Describe d = Statistics.describe(v);
            mean[i] = d.mean();
            sd[i] = d.std();
            maxN = Math.max(maxN, d.n());
        }
        return new EpochCurve(ep, mean, sd, maxN);
    }

    /** Validation accuracy per epoch, mean over seeds/folds, ± 1 sd error bars when there are several. */
    public Optional<Figure> valAccuracyPerEpoch() {
        if (!data.hasColumn("val_accuracy")) return Optional.empty();
        XYChart c = xy("Validation accuracy per epoch", "epoch", "validation accuracy", WIDTH, HEIGHT);
        c.getStyler().setxAxisTickLabelsFormattingFunction(INTEGER_TICKS);
        boolean any = false, bars = false;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (String g : data.groups()) {
            EpochCurve ec = epochCurve(g, "val_accuracy");
            Points p = Points.of(ec.epochs(), ec.mean(), ec.sd(), false);
            if (p.isEmpty()) continue;
            addLine(c, label(g), p, color(g), SOLID, true);
            any = true;
            bars |= p.hasErrors();
            lo = Math.min(lo, p.x()[0]);
            hi = Math.max(hi, p.x()[p.x().length - 1]);
        }
        if (!any) return Optional.empty();
        if (bars) c.setTitle("Validation accuracy per epoch (mean ± 1 sd over seeds/folds)");
        padSingleX(c, lo, hi);
        return Optional.of(Figure.single("val_accuracy_per_epoch",
                "Validation accuracy after each epoch, mean over the seeds/folds of each group"
                        + (bars ? "; error bars: ± 1 standard deviation." : "."), c));
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
        XYChart c = xy("Training and validation loss per epoch", "epoch",
                "loss" + (log ? " (log scale)" : ""), WIDTH, HEIGHT);
        if (log) logY(c);
        c.getStyler().setxAxisTickLabelsFormattingFunction(INTEGER_TICKS);
        boolean any = false;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (String g : data.groups()) {
            for (int k = 0; k < 2; k++) {
                Points p0 = (k == 0 ? train : val).get(g);
                if (p0 == null) continue;
                Points p = Points.of(p0.x(), p0.y(), null, log);
                if (p.isEmpty()) continue;
                addLine(c, label(g) + (k == 0 ? " – train" : " – validation"), p, color(g), k == 0 ? SOLID : DASHED,
                        true);
                any = true;
                lo = Math.min(lo, p.x()[0]);
                hi = Math.max(hi, p.x()[p.x().length - 1]);
            }
        }
        if (!any) return Optional.empty();
        padSingleX(c, lo, hi);
        return Optional.of(Figure.single("loss_per_epoch",
                "Mean training loss (solid; the runner's per-epoch training loss) and validation loss (dashed)"
                        + " per epoch and group" + (log ? "; log scale because the losses span several decades."
                        : "."), c));
    }

    /** Box plot of the final-epoch {@code metric} over the seeds/folds of each group (ok runs only). */
    public Optional<Figure> accuracyDistribution(String metric) {
        BoxChart c = new BoxChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Final-epoch " + metric + " per group (distribution over seeds/folds)")
                .xAxisTitle("group").yAxisTitle(metric).build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setMarkerSize(6);
        List<String> left = new ArrayList<>();
        int k = 0;
        List<Color> seriesColors = new ArrayList<>();
        for (String g : data.groups()) {
            double[] v = Summary.finalValues(data, g, metric);
            if (v.length == 0) {
                left.add(g);
                continue;
            }
            c.addSeries(label(g), v);
            seriesColors.add(color(g));
            k++;
        }
        if (k == 0) return Optional.empty();
        c.getStyler().setSeriesColors(seriesColors.toArray(Color[]::new));
        if (data.groups().size() > 5) c.getStyler().setXAxisLabelRotation(30);
        String caption = "Box plot (median, quartiles, whiskers) of " + metric
                + " at the last epoch, over the seeds/folds of each group; diverged and failed runs are left out.";
        if (!left.isEmpty()) caption += " No value for: " + String.join(", ", left) + ".";
        return Optional.of(Figure.single("accuracy_distribution", caption, c));
    }

    /** Bar chart of the mean final {@code metric} with 95 % CI error bars, and published ranges if any. */
    public Optional<Figure> accuracyBar(List<Summary.Row> rows, String metric) {
        List<Summary.Row> rs = rows.stream().filter(r -> r.metric().equals(metric)).toList();
        if (rs.stream().noneMatch(r -> Double.isFinite(r.stats().mean()))) return Optional.empty();
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Mean final-epoch " + metric + " per group (95 % CI)").xAxisTitle("group")
                .yAxisTitle(metric).build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setAvailableSpaceFill(0.6);
        if (rs.size() > 5) c.getStyler().setXAxisLabelRotation(30);
        List<String> cats = new ArrayList<>();
        List<Double> mean = new ArrayList<>(), err = new ArrayList<>(), pub = new ArrayList<>(), pubErr = new ArrayList<>();
        boolean anyPub = false;
        for (Summary.Row r : rs) {
            cats.add(r.group() + (Double.isFinite(r.stats().mean()) ? "" : " (no value)"));
            double m = r.stats().mean();
            mean.add(Double.isFinite(m) ? m : 0.0);
            double h = r.stats().ciHalfWidth();
            err.add(Double.isFinite(h) ? h : 0.0);
            if (r.hasPublished()) {
                anyPub = true;
                pub.add((r.publishedLow() + r.publishedHigh()) / 2);
                pubErr.add((r.publishedHigh() - r.publishedLow()) / 2);
            } else {
                pub.add(0.0);
                pubErr.add(0.0);
            }
        }
        CategorySeries ours = c.addSeries("ours: mean ± 95 % CI", cats, mean, err);
        ours.setFillColor(new Color(0x4c72b0));
        ours.setLineColor(new Color(0x4c72b0));
        if (anyPub) {
            CategorySeries p = c.addSeries("published range", cats, pub, pubErr);
            p.setFillColor(new Color(0xdd8452));
            p.setLineColor(new Color(0xdd8452));
        }
        c.getStyler().setErrorBarsColorSeriesColor(false);
        c.getStyler().setErrorBarsColor(Color.BLACK);
        String caption = "Mean of " + metric + " at the last epoch over the runs of each group that did not diverge;"
                + " error bars: 95 % confidence interval (Student t; none for a single run).";
        if (anyPub) caption += " Orange: the published range (bar = its midpoint, error bar = the range);"
                + " 0 where nothing was published.";
        return Optional.of(Figure.single("accuracy_bar", caption, c));
    }

    /** Histograms of the initial weights of {@code layer}, one panel per group. */
    public Optional<Figure> initHistogram(InitHistograms hist, String layer) {
        List<String> groups = new ArrayList<>(new LinkedHashSet<>(concat(data.groups(), hist.groups())));
        groups.removeIf(g -> hist.bins(g, layer).isEmpty());
        if (groups.isEmpty()) return Optional.empty();
        int cols = groups.size() == 1 ? 1 : groups.size() <= 4 ? 2 : 3;
        int pw = cols == 1 ? WIDTH : cols == 2 ? 450 : 360;
        int ph = cols == 1 ? HEIGHT - Figure.HEADER : 300;
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
            XYChart c = xy(g + "  (sd ≈ " + Num.fmt(roundSig(sd, 3)) + ")", "initial weight", "count", pw, ph);
            c.getStyler().setLegendVisible(false);
            c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            c.getStyler().setXAxisMaxLabelCount(6);
            c.getStyler().setYAxisMin(0.0);
            double lo = bins.get(0).lo(), hi = bins.stream().mapToDouble(InitHistograms.Bin::hi).max().orElse(lo);
            double[] xs, ys;
            if (hi - lo <= 0) {                       // a constant initialization: one spike
                double w = Math.max(1e-3, Math.abs(lo) * 0.01);
                xs = new double[] {lo - w, lo - w, lo + w, lo + w};
                ys = new double[] {0, total, total, 0};
            } else {
                xs = new double[2 * bins.size() + 2];
                ys = new double[2 * bins.size() + 2];
                int i = 0;
                xs[i] = bins.get(0).lo();
                ys[i++] = 0;
                for (InitHistograms.Bin b : bins) {
                    xs[i] = b.lo();
                    ys[i++] = b.count();
                    xs[i] = b.hi();
                    ys[i++] = b.count();
                }
                xs[i] = hi;
                ys[i] = 0;
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
                + ", one panel per group (each with its own axes); sd ≈ is the standard deviation of the histogram.",
                panels, cols, pw, ph));
    }

    /**
     * Per-layer variance of {@code quantity} (activation or gradient) at initialization (epoch 0), one line
     * per group over the layers, log y axis (Glorot &amp; Bengio's diagnostic).
     */
    public Optional<Figure> layerVariance(LayerDiagnostics ld, String quantity) {
        if (!ld.has(quantity)) return Optional.empty();
        List<String> layers = layersOf(ld, quantity);
        int epoch0 = ld.epochs().isEmpty() ? 0 : ld.epochs().get(0);
        XYChart c = xy("Variance of " + plural(quantity) + " per layer at initialization (log scale)", "layer",
                "variance of " + plural(quantity), WIDTH, HEIGHT);
        logY(c);
        c.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
            long i = Math.round(x);
            return Math.abs(x - i) < 1e-9 && i >= 1 && i <= layers.size() ? layers.get((int) i - 1) : "";
        });
        c.getStyler().setXAxisMin(0.7);
        c.getStyler().setXAxisMax(layers.size() + 0.3);
        List<String> omitted = new ArrayList<>();
        boolean any = false;
        for (String g : groupsOf(ld)) {
            double[] x = new double[layers.size()], y = new double[layers.size()];
            boolean zero = false;
            for (int i = 0; i < layers.size(); i++) {
                x[i] = i + 1;
                y[i] = ld.meanVariance(g, quantity, layers.get(i), epoch0);
                zero |= Double.isFinite(y[i]) && y[i] <= 0;
            }
            Points p = Points.of(x, y, null, true);
            if (zero) omitted.add(g);
            if (p.isEmpty()) continue;
            addLine(c, g + (zero ? " (zero variance not shown)" : ""), p, color(g), SOLID, true);
            any = true;
        }
        if (!any) return Optional.empty();
        String caption = "Variance of the " + plural(quantity) + " of each layer " + (quantity.equals("gradient")
                ? "(gradient of the loss w.r.t. the layer's weights)" : "(the layer's output)")
                + " on a fixed probe batch, at initialization (epoch " + epoch0 + "), mean over seeds; log scale.";
        if (!omitted.isEmpty()) caption += " Zero variances cannot be drawn on a log axis and are left out for: "
                + String.join(", ", omitted) + ".";
        return Optional.of(Figure.single("layer_variance_" + quantity, caption, c));
    }

    /** The same variance over epochs (0 = initialization): one panel per layer, one line per group. */
    public Optional<Figure> layerVarianceEpochs(LayerDiagnostics ld, String quantity) {
        if (!ld.has(quantity)) return Optional.empty();
        List<String> layers = layersOf(ld, quantity);
        List<Integer> epochs = ld.epochs();
        int cols = layers.size() == 1 ? 1 : layers.size() <= 4 ? 2 : 3;
        int pw = cols == 1 ? WIDTH : cols == 2 ? 450 : 360;
        int ph = cols == 1 ? HEIGHT - Figure.HEADER : 320;
        List<Chart<?, ?>> panels = new ArrayList<>();
        boolean any = false;
        for (String layer : layers) {
            XYChart c = xy(layer, "epoch (0 = init)", "variance (log)", pw, ph);
            logY(c);
            c.getStyler().setxAxisTickLabelsFormattingFunction(INTEGER_TICKS);
            c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            c.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            c.getStyler().setMarkerSize(5);
            boolean panelAny = false;
            for (String g : groupsOf(ld)) {
                double[] x = epochs.stream().mapToDouble(Integer::doubleValue).toArray();
                double[] y = epochs.stream().mapToDouble(e -> ld.meanVariance(g, quantity, layer, e)).toArray();
                Points p = Points.of(x, y, null, true);
                if (p.isEmpty()) continue;
                addLine(c, g, p, color(g), SOLID, true);
                panelAny = true;
            }
            if (!panelAny) continue;
            padSingleX(c, epochs.get(0), epochs.get(epochs.size() - 1));
            panels.add(c);
            any = true;
        }
        if (!any) return Optional.empty();
        cols = Math.min(cols, panels.size());
        if (cols == 1 && panels.size() == 1) pw = WIDTH;
        return Optional.of(new Figure("layer_variance_" + quantity + "_epochs",
                "Variance of " + plural(quantity) + " per layer over training", "Variance of the " + plural(quantity)
                + " of each layer on the probe batch at initialization (epoch 0) and after each epoch, mean over"
                + " seeds; one panel per layer, log scale (zeros and NaN after a divergence are not drawn).",
                panels, cols, pw, ph));
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
