package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scripts/check-report.sh (headless Chromium) on a generated report. Without Chromium: skipped on a
 * developer's machine, failed on CI ({@link Prerequisites#chromium}).
 */
class CheckReportScriptTest {

    @TempDir
    Path tmp;

    /** The script under test: part of the project, so its absence is a failure, not a skip. */
    static Path script() {
        Path script = Path.of("scripts/check-report.sh").toAbsolutePath();
        assertThat(script).as("scripts/check-report.sh from " + Path.of("").toAbsolutePath()).isExecutable();
        return script;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void chromiumRendersTheReport() throws Exception {
        Prerequisites.chromium();
        Path script = script();

        ReportResult r = StudyReportTest.writeStandard(tmp.resolve("study"));
        Path shot = tmp.resolve("shot.png");
        Process p = new ProcessBuilder("bash", script.toString(), r.html().toString(), shot.toString())
                .redirectErrorStream(true).start();
        String out;
        boolean done = p.waitFor(50, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            throw new AssertionError("check-report.sh timed out");
        }
        out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("summary table rows: 11", "img: 13");
        // every table fits a 1400-px window: the summary's last column ("vs. published") is not cut off
        assertThat(out).contains("layout: window=1400 document=1400 overflowing=none");
        PlotsTest.assertPng(shot);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);
    }

    /** The layout check fails a page whose table is wider than the window, in a scrolling wrapper or not. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void failsOnATableWiderThanTheWindow() throws Exception {
        Prerequisites.chromium();
        Path script = script();
        String cells = "<td>0.123456789</td>".repeat(160);
        Path html = tmp.resolve("wide.html");
        Files.writeString(html, "<!DOCTYPE html><html><body><main><div class=\"scroll\" style=\"overflow-x:auto\">"
                + "<table id=\"summary-table\"><tr><th>a</th></tr><tr>" + cells + "</tr></table></div>"
                + "<img alt=\"x\" src=\"data:image/png;base64,iVBORw0KGgo=\"></main></body></html>");
        Process p = new ProcessBuilder("bash", script.toString(), html.toString(), tmp.resolve("wide.png").toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(50, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("cut off: summary-table@");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void failsOnAPageWithoutTheSummaryTable() throws Exception {
        Prerequisites.chromium();
        Path script = script();
        Path html = tmp.resolve("bad.html");
        Files.writeString(html, "<!DOCTYPE html><html><body><p>nothing here</p></body></html>");
        Process p = new ProcessBuilder("bash", script.toString(), html.toString(), tmp.resolve("bad.png").toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(50, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("no summary table");
    }

    static String read(Path p) throws IOException { return Files.readString(p); }
}
