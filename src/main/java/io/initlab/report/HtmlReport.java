package io.initlab.report;

import static io.initlab.report.Html.esc;

import io.initlab.results.Num;
import io.initlab.results.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;

/**
 * Renders the report page: one self-contained HTML file (inline CSS, plots as base64 PNG data URIs, no
 * external URL). All text coming from the study (names, groups, description, config) is escaped.
 */
public final class HtmlReport {

    /** Everything the page shows. */
    public record Model(ReportOptions options, StudyData data, List<String> metrics, List<Summary.Row> summary,
                        List<Comparisons.Row> comparisons, ExpectedResults expected,
                        List<PublishedComparison.Row> published, List<FigureWriter.PlotFile> plots, String configYaml,
                        List<String> warnings) {

        /** Without published single numbers (reports of studies whose sources gave ranges). */
        public Model(ReportOptions options, StudyData data, List<String> metrics, List<Summary.Row> summary,
                     List<Comparisons.Row> comparisons, ExpectedResults expected, List<FigureWriter.PlotFile> plots,
                     String configYaml, List<String> warnings) {
            this(options, data, metrics, summary, comparisons, expected, List.of(), plots, configYaml, warnings);
        }
    }

    private HtmlReport() {}

    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;margin:0;
              color:#222;background:#fafafa;line-height:1.45}
            *,*::before,*::after{box-sizing:border-box}
            main{max-width:1180px;margin:0 auto;padding:24px 32px 64px;background:#fff}
            h1{font-size:1.8em;margin:.2em 0 .3em}
            h2{font-size:1.35em;margin-top:2em;border-bottom:2px solid #e3e3e3;padding-bottom:.2em}
            .meta{color:#555;font-size:.95em}
            .meta span{margin-right:1.4em;display:inline-block;max-width:100%}
            code,pre{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.9em}
            code{background:#f1f1f1;padding:1px 4px;border-radius:3px}
            pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:12px;overflow:auto;white-space:pre}
            table{border-collapse:collapse;margin:.6em 0 1em;font-size:.88em}
            .nw{white-space:nowrap}
            th,td{border:1px solid #d6d6d6;padding:4px 6px;text-align:right;vertical-align:top;white-space:nowrap}
            th{background:#f0f3f7;text-align:center}
            td.t{text-align:left;white-space:normal;max-width:22em}
            td.pub{white-space:normal;min-width:8em;max-width:12em}
            td.flag{white-space:normal;text-align:left;min-width:7em;max-width:11em}
            td code{overflow-wrap:anywhere}
            .scroll{overflow-x:auto}
            tr.outside td{background:#fdecea}
            tr.near td{background:#fff8e1}
            .flag-out{color:#fff;background:#c62828;border-radius:3px;padding:1px 6px;font-weight:600}
            .flag-in{color:#1b5e20;font-weight:600}
            .flag-near{color:#5d4037;background:#ffe0b2;border-radius:3px;padding:1px 6px;font-weight:600}
            .flag-na{color:#777;white-space:nowrap}
            .sig{font-weight:700}
            .div{color:#b71c1c}
            figure{margin:1.4em 0 2em}
            figure img{max-width:100%;height:auto;border:1px solid #e5e5e5}
            figcaption{color:#444;font-size:.92em;margin-top:.3em}
            nav a{margin-right:1em}
            .warn{background:#fff8e1;border:1px solid #ffe082;padding:8px 12px}
            """;

    public static void write(Model m, java.nio.file.Path file) {
        try {
            Files.writeString(file, render(m));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    public static String render(Model m) {
        ReportOptions o = m.options();
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(o.effectiveTitle())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>").append(esc(o.effectiveTitle())).append("</h1>\n");
        meta(h, m);
        if (o.description() != null && !o.description().isBlank()) {
            for (String para : o.description().strip().split("\\R\\s*\\R")) {
                h.append("<p>").append(esc(para.strip())).append("</p>\n");
            }
        }
        h.append("<p><b>How to re-run:</b> ");
        if (o.rerunCommand() != null && !o.rerunCommand().isBlank()) {
            h.append("<code>").append(esc(o.rerunCommand())).append("</code>");
        } else {
            h.append("run the study config shown <a href=\"#config\">below</a> with initlab's study runner");
            if (!o.studyName().isBlank()) h.append(" (study <code>").append(esc(o.studyName())).append("</code>)");
            h.append(".");
        }
        h.append(" This page is rebuilt from the CSV files next to it by <code>io.initlab.report.StudyReport.write</code>.</p>\n");
        h.append("<nav>").append(m.published().isEmpty() ? "" : "<a href=\"#published\">Published</a>")
                .append("<a href=\"#summary\">Summary</a><a href=\"#layer-inits\">Initializers</a>")
                .append("<a href=\"#comparisons\">Comparisons</a>")
                .append("<a href=\"#plots\">Plots</a><a href=\"#diverged\">Diverged runs</a>")
                .append("<a href=\"#config\">Config</a></nav>\n");
        if (!m.warnings().isEmpty()) {
            h.append("<div class=\"warn\"><b>Notes:</b><ul>\n");
            for (String w : m.warnings()) h.append("<li>").append(esc(w)).append("</li>\n");
            h.append("</ul></div>\n");
        }
        if (m.data().regression()) {
            h.append("<p>Regression (loss mse): every score below is the mean absolute error (MAE, lower is better) and")
                    .append(" every loss the mean squared error (MSE); in the CSV files these are the *_accuracy and")
                    .append(" *_loss columns.</p>\n");
        }
        published(h, m);
        summary(h, m);
        layerInits(h, m);
        comparisons(h, m);
        plots(h, m);
        diverged(h, m);
        h.append("<h2 id=\"config\">Study config</h2>\n");
        if (m.configYaml() != null) {
            h.append("<pre id=\"config-yaml\">").append(esc(m.configYaml())).append("</pre>\n");
        } else {
            h.append("<p class=\"flag-na\">No config text was given and there is no study.yaml.</p>\n");
        }
        h.append("<p class=\"meta\">Files: <code>runs.csv</code>, <code>batches.csv</code>, <code>layers.csv</code>,")
                .append(" <code>init_hist.csv</code> (inputs); <code>summary.csv</code>, <code>comparisons.csv</code>,")
                .append(" <code>plots/</code> (outputs). Their columns are described in docs/results-format.md.</p>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void meta(StringBuilder h, Model m) {
        StudyData d = m.data();
        h.append("<p class=\"meta\">");
        if (!m.options().studyName().isBlank()) span(h, "study", m.options().studyName());
        span(h, "runs", Integer.toString(d.runs().size()));
        span(h, "groups", Integer.toString(d.groups().size()));
        span(h, "epochs", Integer.toString(d.maxEpoch()));
        for (String c : List.of("dataset", "model", "optimizer", "backend", "version")) {
            List<String> v = d.distinct(c);
            if (!v.isEmpty()) span(h, c, String.join(", ", v));
        }
        h.append("</p>\n");
    }

    private static void span(StringBuilder h, String k, String v) {
        h.append("<span>").append(esc(k)).append(": <b>").append(esc(v)).append("</b></span>");
    }

    static String showP(double p) {
        if (!Double.isFinite(p)) return "";
        String s = p < 1e-4 ? String.format(java.util.Locale.ROOT, "%.1e", p) : Num.fixed(p, 4);
        return p < 0.05 ? "<span class=\"sig\">" + s + "</span>" : s;
    }

    /**
     * The source's single published numbers beside ours (published.csv), judged by {@link Agreement}; a group
     * without finished runs shows how its runs ended instead of numbers.
     */
    private static void published(StringBuilder h, Model m) {
        if (m.published().isEmpty()) return;
        h.append("<h2 id=\"published\">Published numbers beside ours</h2>\n");
        h.append("<p>The source published one run per cell");
        if (m.expected() != null && !m.expected().source().isBlank()) h.append(" (").append(esc(m.expected().source())).append(")");
        h.append("; ours are the runs of each group at their last epoch (min–max and mean over the runs that finished).")
                .append(" A published number <b>agrees</b> when it lies inside our min–max, or outside it by at most ")
                .append(Math.round(100 * Agreement.ACCURACY_TOLERANCE)).append(" percentage point for an accuracy, ")
                .append(Math.round(Agreement.EPOCHS_TOLERANCE)).append(" epochs for an epoch count, ")
                .append(Math.round(100 * Agreement.RELATIVE_TOLERANCE)).append("&nbsp;% of the published value otherwise")
                .append(" (<em>near</em>). A plausibility check, not a test: a few seeds' min–max understates the spread,")
                .append(" one run's range is a point, and the tolerances are our choice. Also in <code>published.csv</code>.</p>\n");
        h.append("<div class=\"scroll\"><table id=\"published-table\">\n<thead><tr><th>group</th><th>metric</th>")
                .append("<th>published</th><th>ours: mean</th><th>ours: min – max</th><th>n</th><th>verdict</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (PublishedComparison.Row r : m.published()) {
            MetricLabel met = r.metric();
            Agreement.Verdict v = r.verdict();
            h.append(v == Agreement.Verdict.DIFFERS ? "<tr class=\"outside\">" : v == Agreement.Verdict.NEAR
                    ? "<tr class=\"near\">" : "<tr>");
            td(h, "t", esc(r.group()));
            td(h, "t", esc(met.label()));
            td(h, null, esc(met.show(r.published())));
            if (v == Agreement.Verdict.NO_VALUE) {
                h.append("<td class=\"flag\" colspan=\"4\"><span class=\"flag-na\">").append(esc(r.status()))
                        .append("</span></td>");
            } else {
                td(h, null, esc(met.show(r.ours().mean())));
                td(h, null, esc(met.showRange(r.ours().min(), r.ours().max())));
                td(h, null, Integer.toString(r.ours().n()));
                String cls = v == Agreement.Verdict.IN_RANGE ? "flag-in" : v == Agreement.Verdict.NEAR ? "flag-near" : "flag-out";
                String words = v == Agreement.Verdict.NEAR ? "near: within " + Agreement.toleranceText(met) : v.words();
                td(h, "flag", "<span class=\"" + cls + "\">" + esc(words) + "</span>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
        long agree = m.published().stream().filter(r -> r.verdict().agrees()).count();
        long judged = m.published().stream().filter(r -> r.verdict() != Agreement.Verdict.NO_VALUE).count();
        h.append("<p>").append(agree).append(" of ").append(judged).append(" published numbers with a value of ours agree");
        if (judged < m.published().size()) h.append("; ").append(m.published().size() - judged).append(" have no value of ours");
        h.append(".</p>\n");
    }

    private static void summary(StringBuilder h, Model m) {
        h.append("<h2 id=\"summary\">Summary</h2>\n");
        h.append("<p>Each run's metric at its last epoch; mean, standard deviation and 95&nbsp;% confidence interval")
                .append(" (mean ± t<sub>0.975, n−1</sub>·sd/√n) over the runs of a group that did not diverge.");
        // published ranges (expected:), if any: single published numbers have their own table above
        ExpectedResults ex = m.expected() == null || m.expected().expected().isEmpty() ? null : m.expected();
        if (ex != null) {
            h.append(" Published ranges (").append(esc(m.data().label(ex.metric()).label())).append(")");
            if (!ex.source().isBlank()) h.append(" from ").append(esc(ex.source()));
            h.append("; a mean outside its range is flagged: <em>near</em> when our 95&nbsp;% CI still overlaps it,"
                    + " <em>outside</em> when it does not.");
        }
        h.append(" Also in <code>summary.csv</code>.</p>\n");
        h.append("<div class=\"scroll\"><table id=\"summary-table\" class=\"summary\">\n<thead><tr><th>group</th><th>metric</th><th>n</th>")
                .append("<th>mean</th><th>sd</th><th>95&nbsp;% CI</th><th>min</th><th>max</th><th>diverged</th>");
        if (ex != null) h.append("<th>published</th><th>vs. published</th>");
        h.append("</tr></thead>\n<tbody>\n");
        for (Summary.Row r : m.summary()) {
            Statistics.Describe s = r.stats();
            MetricLabel met = m.data().label(r.metric());
            h.append(!r.outsidePublished() ? "<tr>" : r.ciOverlapsPublished().orElse(false) ? "<tr class=\"near\">"
                    : "<tr class=\"outside\">");
            td(h, "t", esc(r.group()));
            td(h, "t", esc(met.label()));
            td(h, null, s.n() + (r.runs() != s.n() ? " <small>of " + r.runs() + "</small>" : ""));
            td(h, null, s.n() == 0 ? "<span class=\"flag-na\">" + esc(m.data().statusText(r.group())) + "</span>"
                    : esc(met.show(s.mean())));
            td(h, null, esc(met.showDiff(s.std())));
            td(h, null, esc(met.showRange(s.ciLow(), s.ciHigh())));
            td(h, null, esc(met.show(s.min())));
            td(h, null, esc(met.show(s.max())));
            td(h, null, r.diverged() == 0 ? "0" : "<span class=\"div\">" + r.diverged() + "</span>"
                    + (r.failed() > 0 ? " <small>(+" + r.failed() + " failed)</small>" : ""));
            if (ex != null) {
                if (r.hasPublished()) {
                    String pub = "<span class=\"nw\">" + esc(met.showRange(r.publishedLow(), r.publishedHigh())) + "</span>";
                    if (!r.publishedNote().isBlank()) pub += "<br><small>" + esc(r.publishedNote()) + "</small>";
                    td(h, "pub", pub);
                    // the flags wrap (td.flag): the last column must fit a 1400-px window (CheckReportScriptTest)
                    if (r.withinPublished().isEmpty()) td(h, "flag", "<span class=\"flag-na\">no value to compare</span>");
                    else if (r.withinPublished().get()) td(h, "flag", "<span class=\"flag-in\">within published range</span>");
                    else if (r.ciOverlapsPublished().orElse(false)) {
                        td(h, "flag", "<span class=\"flag-near\">near: mean outside, 95&nbsp;% CI overlaps</span>");
                    } else td(h, "flag", "<span class=\"flag-out\">outside published range</span>");
                } else {
                    td(h, null, "");
                    td(h, null, "");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
        long out = m.summary().stream().filter(Summary.Row::outsidePublished).count();
        long far = m.summary().stream().filter(r -> r.outsidePublished() && !r.ciOverlapsPublished().orElse(false)).count();
        if (ex != null) {
            h.append("<p>").append(out == 0 ? "All compared groups fall within their published ranges."
                    : out + " group(s) have a mean outside their published range; for " + (out - far)
                    + " of them our 95&nbsp;% CI overlaps it, " + far + " fall <span class=\"flag-out\">outside published range</span>.")
                    .append("</p>\n");
        }
    }

    /**
     * Each configuration's initializer per layer (runs.csv's layer_inits): which layers the study's
     * initializer reached and which kept their own or the framework's. "–" where runs.csv does not say
     * (tables written before the column existed).
     */
    private static void layerInits(StringBuilder h, Model m) {
        h.append("<h2 id=\"layer-inits\">Initializers per layer</h2>\n");
        java.util.Map<String, java.util.Map<String, String>> byGroup = new java.util.LinkedHashMap<>();
        java.util.Set<String> layers = new java.util.LinkedHashSet<>();
        for (String g : m.data().groups()) {
            java.util.Map<String, String> perLayer = new java.util.LinkedHashMap<>();
            for (RunRecord r : m.data().runsOf(g)) {
                for (String entry : r.layerInits().split(";")) {
                    int eq = entry.indexOf('=');
                    if (eq <= 0) continue;
                    String layer = entry.substring(0, eq).strip();
                    layers.add(layer);
                    perLayer.merge(layer, entry.substring(eq + 1).strip(),
                            (a, b) -> a.equals(b) || a.contains(" / " + b) ? a : a + " / " + b);
                }
            }
            byGroup.put(g, perLayer);
        }
        h.append("<p>").append(layers.isEmpty()
                ? "runs.csv does not record each layer's initializer (it was written before initlab recorded it): "
                        + "shown as –; the study's initializer is in the second column."
                : "The initializer each layer's weights started from (and its bias, where that did not start at zero),"
                        + " as the runs recorded it; the study's own initializer is in the second column.")
                .append("</p>\n");
        h.append("<div class=\"scroll\"><table id=\"layer-inits-table\">\n<thead><tr><th>group</th><th>study initializer</th>");
        if (layers.isEmpty()) h.append("<th>per layer</th>");
        for (String l : layers) h.append("<th>").append(esc(l)).append("</th>");
        h.append("</tr></thead>\n<tbody>\n");
        for (var e : byGroup.entrySet()) {
            h.append("<tr>");
            td(h, "t", esc(e.getKey()));
            List<String> axis = m.data().runsOf(e.getKey()).stream().map(RunRecord::initParams)
                    .filter(x -> !x.isBlank()).distinct().toList();
            td(h, "t", axis.isEmpty() ? "–" : "<code>" + esc(String.join(" / ", axis)) + "</code>");
            if (layers.isEmpty()) td(h, "t", "–");
            for (String l : layers) {
                String v = e.getValue().get(l);
                td(h, "t", v == null ? "–" : "<code>" + esc(v) + "</code>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static void comparisons(StringBuilder h, Model m) {
        h.append("<h2 id=\"comparisons\">Paired comparisons</h2>\n");
        h.append("<p>Runs of two groups are paired by (seed, fold); difference = a − b. Paired t-test (two-sided)")
                .append(" with 95&nbsp;% CI of the mean difference, and the Wilcoxon signed-rank test from ")
                .append(Statistics.WILCOXON_MIN_PAIRS).append(" pairs on. p &lt; 0.05 in bold. Also in")
                .append(" <code>comparisons.csv</code>.</p>\n");
        if (m.comparisons().isEmpty()) {
            h.append("<p class=\"flag-na\">No comparisons (fewer than two groups).</p>\n");
            return;
        }
        h.append("<div class=\"scroll\"><table id=\"comparisons-table\">\n<thead><tr><th>metric</th><th>group a</th><th>group b</th>")
                .append("<th>pairs</th><th>mean diff (a − b)</th><th>95&nbsp;% CI</th><th>t</th><th>p (t-test)</th>")
                .append("<th>p (Wilcoxon)</th></tr></thead>\n<tbody>\n");
        for (Comparisons.Row r : m.comparisons()) {
            Statistics.Paired p = r.test();
            MetricLabel met = m.data().label(r.metric());
            h.append("<tr>");
            td(h, "t", esc(met.label()));
            td(h, "t", esc(r.groupA()));
            td(h, "t", esc(r.groupB()));
            td(h, null, Integer.toString(p.nPairs()));
            td(h, null, esc(met.showDiff(p.meanDiff())));
            td(h, null, !Double.isFinite(p.ciLow()) ? "" : met.percent()
                    ? esc(Num.fixed(100 * p.ciLow(), 2) + " – " + Num.fixed(100 * p.ciHigh(), 2) + " pp")
                    : esc(Num.fmt(p.ciLow()) + " – " + Num.fmt(p.ciHigh())));
            td(h, null, Double.isFinite(p.t()) ? Num.fixed(p.t(), 3) : "");
            td(h, null, showP(p.pValueT()));
            td(h, null, showP(p.pValueWilcoxon()));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static void plots(StringBuilder h, Model m) {
        h.append("<h2 id=\"plots\">Plots</h2>\n");
        if (m.plots().isEmpty()) {
            h.append("<p class=\"flag-na\">No plots.</p>\n");
            return;
        }
        for (FigureWriter.PlotFile p : m.plots()) {
            byte[] png;
            try {
                png = Files.readAllBytes(p.png());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            h.append("<figure id=\"plot-").append(esc(p.name())).append("\">\n<img alt=\"").append(esc(p.title()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                    .append("\">\n<figcaption>").append(esc(p.caption())).append(" <small>(<a href=\"plots/")
                    .append(esc(p.name())).append(".svg\">SVG</a>, <a href=\"plots/").append(esc(p.name()))
                    .append(".png\">PNG</a>)</small></figcaption>\n</figure>\n");
        }
    }

    private static void diverged(StringBuilder h, Model m) {
        h.append("<h2 id=\"diverged\">Diverged, failed and not-run runs</h2>\n");
        List<RunRecord> bad = m.data().runs().stream().filter(r -> !r.ok()).toList();
        if (bad.isEmpty()) {
            h.append("<p>None: every run finished with finite losses.</p>\n");
            return;
        }
        h.append("<p>").append(bad.size()).append(" of ").append(m.data().runs().size())
                .append(" runs did not finish normally; they are left out of means, CIs and comparisons but shown")
                .append(" in the plots' legends.</p>\n");
        h.append("<div class=\"scroll\"><table id=\"diverged-table\">\n<thead><tr><th>run</th><th>group</th><th>seed</th><th>fold</th>")
                .append("<th>status</th><th>diverged at step</th><th>first epoch without finite loss</th>")
                .append("<th>epochs recorded</th><th>why</th></tr></thead>\n<tbody>\n");
        for (RunRecord r : bad) {
            h.append("<tr>");
            td(h, "t", esc(r.runId()));
            td(h, "t", esc(r.group()));
            td(h, null, Long.toString(r.seed()));
            td(h, null, r.fold() < 0 ? "–" : Long.toString(r.fold()));
            td(h, "t", "<span class=\"div\">" + esc(r.status().toString()) + "</span>");
            td(h, null, r.divergedStep() > 0 ? Long.toString(r.divergedStep()) : "");
            int e = r.firstNonFiniteEpoch();
            td(h, null, e > 0 ? Integer.toString(e) : "");
            td(h, null, Integer.toString(r.epochs().size()));
            td(h, "t", esc(m.data().error(r).strip().lines().findFirst().orElse("")));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static void td(StringBuilder h, String cls, String html) {
        h.append(cls == null ? "<td>" : "<td class=\"" + cls + "\">").append(html).append("</td>");
    }
}
