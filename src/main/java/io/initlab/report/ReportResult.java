package io.initlab.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link StudyReport#write} wrote.
 *
 * @param html        DIR/report.html
 * @param summaryCsv  DIR/summary.csv
 * @param comparisonsCsv DIR/comparisons.csv
 * @param plots       the plots written to DIR/plots (each a PNG and an SVG)
 * @param warnings    what the report noted as missing or odd (also shown in the page)
 */
public record ReportResult(Path html, Path summaryCsv, Path comparisonsCsv, List<FigureWriter.PlotFile> plots,
                           List<String> warnings) {

    public ReportResult {
        plots = List.copyOf(plots);
        warnings = List.copyOf(warnings);
    }

    /** Every file written: html, the two CSVs, then each plot's PNG and SVG. */
    public List<Path> files() {
        List<Path> l = new java.util.ArrayList<>(List.of(html, summaryCsv, comparisonsCsv));
        for (FigureWriter.PlotFile p : plots) {
            l.add(p.png());
            l.add(p.svg());
        }
        return l;
    }
}
