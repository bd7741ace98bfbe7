package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs scripts/check-report.sh (headless Chromium) on a generated report; skipped without Chromium. */
class CheckReportScriptTest {

    @TempDir
    Path tmp;

    static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) return true;
        }
        return false;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void chromiumRendersTheReport() throws Exception {
        assumeTrue(onPath("chromium") || onPath("chromium-browser") || onPath("google-chrome"),
                "headless Chromium not installed (apt-get install -y chromium)");
        Path script = Path.of("scripts/check-report.sh").toAbsolutePath();
        assumeTrue(Files.isExecutable(script), "scripts/check-report.sh not found from " + Path.of("").toAbsolutePath());

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
        assertThat(out).contains("summary table rows: 11", "img: 12");
        PlotsTest.assertPng(shot);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void failsOnAPageWithoutTheSummaryTable() throws Exception {
        assumeTrue(onPath("chromium") || onPath("chromium-browser") || onPath("google-chrome"),
                "headless Chromium not installed");
        Path script = Path.of("scripts/check-report.sh").toAbsolutePath();
        assumeTrue(Files.isExecutable(script));
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
