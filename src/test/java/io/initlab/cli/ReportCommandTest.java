package io.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code initlab report}: one folder's report (its older runs.csv rewritten with test_loss), and --combined. */
class ReportCommandTest {

    @TempDir
    Path tmp;

    /** A copy of a committed study folder (its runs.csv was written before test_loss existed). */
    Path copyOfCommittedStudy(boolean withRunFiles) throws IOException {
        Path from = Path.of("results/keras-iris-initializers");
        Path to = tmp.resolve(from.getFileName());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (!withRunFiles && rel.startsWith("runs")) continue;
                if (Files.isDirectory(f)) Files.createDirectories(to.resolve(rel.toString()));
                else Files.copy(f, to.resolve(rel.toString()));
            }
        }
        return to;
    }

    @Test
    void reportRewritesARunsTableWrittenBeforeTestLossWithItsOtherColumnsUnchanged() throws Exception {
        Path dir = copyOfCommittedStudy(true);
        // a table as written before test_loss existed: today's without its last column
        List<String> today = Files.readAllLines(dir.resolve("runs.csv"));
        assertThat(today.get(0)).endsWith(",test_loss");
        List<String> before = today.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
        Files.write(dir.resolve("runs.csv"), before);
        assertThat(before.get(0)).doesNotContain("test_loss");
        CliTest.Result r = CliTest.run("report", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lastLine()).isEqualTo("report=" + dir.resolve("report.html"));
        List<String> after = Files.readAllLines(dir.resolve("runs.csv"));
        assertThat(after.get(0)).endsWith(",test_loss");
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < after.size(); i++) { // every other column as it was
            assertThat(after.get(i)).startsWith(before.get(i) + ",");
        }
    }

    @Test
    void combinedWritesOneMarkdownTableAndItsCsv() throws Exception {
        Path dir = copyOfCommittedStudy(false);
        String expectedFile = "keras-iris-initializers.expected.yaml";
        Files.writeString(dir.resolve(expectedFile), Files.readString(dir.resolve(expectedFile)) + """
                published:
                  - {group: zeros, train_accuracy: 0.31}
                  - {group: ones, train_accuracy: 0.64, epochs_run: 10}
                """);
        Path out = tmp.resolve("combined.md");
        CliTest.Result r = CliTest.run("report", "--combined", out.toString(), dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lastLine()).isEqualTo("combined=" + out + " csv=" + tmp.resolve("combined.csv"));
        String md = Files.readString(out);
        assertThat(md).contains("| study | dataset | model | group | training accuracy | epochs run | verdict |",
                "| keras-iris-initializers | iris | MLP | zeros | 31.00 % → ", "| keras-iris-initializers | iris | MLP | ones | 64.00 % → ");
        // that table predates epochs_run: no value of ours, said so
        assertThat(md).contains("| 10 → – | ");
        assertThat(Files.readAllLines(tmp.resolve("combined.csv"))).hasSize(1 + 3);
    }

    @Test
    void combinedErrorsAreOneLineAndHelpExplainsIt() {
        for (String[] args : new String[][] {
                {"report", "--combined", tmp.resolve("x.md").toString(), "/nonexistent"},
                {"report", "--combined", tmp.resolve("x.md").toString(), tmp.toString()}}) {
            CliTest.Result r = CliTest.run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip()).startsWith("initlab: ").doesNotContain("\n").doesNotContain("Exception");
        }
        CliTest.Result help = CliTest.run("report", "--help");
        assertThat(help.out()).contains("--combined=OUT.md", "OUT.csv", "inside our", "1 percentage point",
                "not run: data not available here");
    }
}
