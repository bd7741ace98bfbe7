package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path tmp;

    @Test
    void escapesText() {
        assertThat(Html.esc("<script>alert('x' & \"y\")</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
        assertThat(Html.esc(null)).isEmpty();
        assertThat(Html.esc("U[-0.5,0.5)")).isEqualTo("U[-0.5,0.5)");
    }

    @Test
    void theReportIsSelfContainedEscapedAndFlagsOutliers() throws Exception {
        Path dir = tmp.resolve("s");
        ReportResult r = StudyReportTest.writeStandard(dir);
        String html = Files.readString(r.html());

        // structure
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).contains("id=\"summary-table\"", "id=\"comparisons-table\"", "id=\"diverged-table\"",
                "id=\"config-yaml\"");
        assertThat(count(html, "<img ")).isEqualTo(r.plots().size());
        assertThat(count(html, "src=\"data:image/png;base64,")).isEqualTo(r.plots().size());

        // no external resources: every src/href is a data URI, an in-page anchor or a relative file
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            assertThat(m.group(1)).as("resource").matches("(data:|#|plots/).*");
        }
        assertThat(html).doesNotContain("<link", "<script", "@import", "url(");

        // escaping of everything that came from the study
        assertThat(html).contains("<title>Synthetic &lt;init&gt; study</title>");
        assertThat(html).contains("huge &lt;N(0,10)&gt; &amp; &quot;friends&quot;");
        assertThat(html).doesNotContain("huge <N(0,10)>");
        assertThat(html).contains("Second paragraph with &lt;b&gt;markup&lt;/b&gt; &amp; an ampersand.");
        assertThat(html).doesNotContain("<b>markup</b>");
        // config shown verbatim (escaped)
        String config = StudyReportTest.resource("study-example.yaml");
        assertThat(html).contains(Html.esc(config));
        assertThat(html).contains("title: &quot;Synthetic &lt;init&gt; study &amp; friends&quot;");
        // published source escaped
        assertThat(html).contains("weight-initialization notebook &lt;synthetic copy&gt;");

        // the published range next to ours, and the flag on he_normal (0.973 vs 0.90–0.95)
        assertThat(html).contains("outside published range", "within published range");
        String heRow = rowOf(html, "summary-table", "he_normal");
        assertThat(heRow).contains("class=\"outside\"", "90.00 – 95.00 %", "outside published range");
        String zerosRow = rowOf(html, "summary-table", "zeros");
        assertThat(zerosRow).contains("within published range").doesNotContain("class=\"outside\"");

        // diverged runs listed
        String div = html.substring(html.indexOf("id=\"diverged-table\""));
        assertThat(div).contains("r4-s3", "150");
        assertThat(count(div.substring(0, div.indexOf("</table>")), "<tr>")).isEqualTo(1 + 6);
        assertThat(html).contains("bin/initlab study run studies/synthetic.yaml");
    }

    @Test
    void studyYamlInTheDirectoryIsShownWhenNoConfigTextIsGiven() throws Exception {
        Path dir = SyntheticStudy.standard().write(tmp.resolve("y"));
        Files.writeString(dir.resolve("study.yaml"), "name: from-file\nnote: \"<tag> & more\"\n");
        ReportResult r = StudyReport.write(dir, ReportOptions.defaults("y"));
        String html = Files.readString(r.html());
        assertThat(html).contains("<pre id=\"config-yaml\">name: from-file\nnote: &quot;&lt;tag&gt; &amp; more&quot;\n</pre>");
        assertThat(html).doesNotContain("published range");
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) n++;
        return n;
    }

    /** The first table row of table {@code id} whose first cell is {@code group}. */
    static String rowOf(String html, String id, String group) {
        String table = html.substring(html.indexOf("id=\"" + id + "\""));
        table = table.substring(0, table.indexOf("</table>"));
        for (String row : table.split("</tr>")) {
            if (row.contains("<td class=\"t\">" + Html.esc(group) + "</td>")) return row;
        }
        throw new AssertionError("no row for " + group);
    }
}
