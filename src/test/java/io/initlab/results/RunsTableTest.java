package io.initlab.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runs.csv read by the report and written by the runner through one schema. */
class RunsTableTest {

    @TempDir
    Path tmp;

    static List<Path> committedRunTables() throws IOException {
        List<Path> files;
        try (Stream<Path> dirs = Files.list(Path.of("results"))) {
            files = dirs.map(d -> d.resolve(RunsTable.FILE)).filter(Files::isRegularFile).sorted().toList();
        }
        return files;
    }

    /**
     * Every committed table, including those written before a column was added (train_accuracy,
     * layer_inits), reads back and writes again to the same bytes with its own columns, which are the
     * schema's minus the later ones, in the schema's order.
     */
    @Test
    void readingThenWritingGivesTheSameBytes() throws IOException {
        List<Path> files = new java.util.ArrayList<>(committedRunTables());
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        files.add(Path.of("src/test/resources/results/golden/runs.csv"));
        for (Path f : files) {
            RunsTable.Contents c = RunsTable.read(f);
            List<String> missing = RunsTable.names().stream().filter(n -> !c.header().contains(n)).toList();
            assertThat(RunsTable.names()).as(f.toString()).containsSubsequence(c.header());
            assertThat(missing).as(f.toString()).isSubsetOf(RunsTable.TRAIN_ACCURACY, RunsTable.LAYER_INITS, RunsTable.LOSS,
                    RunsTable.EPOCHS_RUN, RunsTable.BEST_EPOCH, RunsTable.BEST_VAL_ACCURACY, RunsTable.TEST_LOSS);
            assertThat(CsvTables.text(c.header(), RunsTable.rows(c.runs(), c.header()))).as(f.toString())
                    .isEqualTo(Files.readString(f));
        }
    }

    @Test
    void theGoldenTableHasEveryColumnOfTheSchema() {
        assertThat(RunsTable.read(Path.of("src/test/resources/results/golden/runs.csv")).header())
                .isEqualTo(RunsTable.names());
    }

    @Test
    void aTableWithoutTheLaterColumnsReadsThemAsMissing() throws IOException {
        Path f = tmp.resolve("runs.csv");
        Files.writeString(f, """
                run_id,group,seed,epoch,status,train_loss
                a,g,1,1,ok,0.5
                """);
        RunRecord a = RunsTable.read(f).runs().get(0);
        assertThat(a.at(1, RunsTable.TRAIN_LOSS)).isEqualTo(0.5);
        assertThat(a.at(1, RunsTable.TRAIN_ACCURACY)).isNaN();
        assertThat(a.layerInits()).isEmpty();
        assertThat(a.testLoss()).isNaN();
        assertThat(a.atLastEpoch(RunsTable.TEST_LOSS)).isNaN();
        assertThat(RunsTable.text(a, 1, RunsTable.TRAIN_ACCURACY)).isEmpty();
        assertThatThrownBy(() -> RunsTable.rows(List.of(a), List.of("run_id", "nope")))
                .hasMessageContaining("no column 'nope'");
    }

    @Test
    void readsTypedFieldsAndTheStatusOfEachRun() {
        RunsTable.Contents c = RunsTable.read(Path.of("src/test/resources/results/golden/runs.csv"));
        assertThat(c.runs()).extracting(RunRecord::runId).containsExactly("u_0_5-abcd-s1", "he_x-1234-s7-f2", "zeros-2ec2-s3");
        RunRecord ok = c.runs().get(0);
        assertThat(ok.status()).isEqualTo(RunStatus.OK);
        assertThat(ok.group()).isEqualTo("U[-0.5,0.5)");
        assertThat(ok.lr()).isEqualTo(0.001);
        assertThat(ok.epochsPlanned()).isEqualTo(2);
        assertThat(ok.testAccuracy()).isEqualTo(0.9712346);
        assertThat(ok.at(1, "test_accuracy")).isNaN();
        assertThat(ok.testLoss()).isEqualTo(0.1);             // on the last epoch's row only, like test_accuracy
        assertThat(ok.at(1, RunsTable.TEST_LOSS)).isNaN();
        assertThat(ok.atLastEpoch(RunsTable.TEST_LOSS)).isEqualTo(0.1);
        assertThat(RunsTable.names()).last().isEqualTo(RunsTable.TEST_LOSS); // appended: older tables are a prefix
        assertThat(ok.atLastEpoch("test_accuracy")).isEqualTo(0.9712346);
        assertThat(ok.at(2, "val_loss")).isEqualTo(1.234568e8);
        assertThat(ok.at(1, "seed")).isEqualTo(1);
        assertThat(ok.at(1, "model")).isNaN();                 // text column
        assertThat(ok.at(1, "no_such_column")).isNaN();
        assertThat(RunsTable.text(ok, 1, "model")).isEqualTo("784 | dense 16 relu | dense 10 identity");
        RunRecord diverged = c.runs().get(1);
        assertThat(diverged.status()).isEqualTo(RunStatus.DIVERGED);
        assertThat(diverged.group()).isEqualTo("he \"x\", quoted");
        assertThat(diverged.divergedStep()).isEqualTo(3);
        assertThat(diverged.fold()).isEqualTo(2);
        assertThat(diverged.firstNonFiniteEpoch()).isEqualTo(2);
        assertThat(diverged.divergenceText()).isEqualTo("diverged at step 3");
        assertThat(c.runs().get(2).status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void aRunIsFailedIfAnyRowSaysSoElseDivergedIfAnyRowSaysSoOrHasAStep() throws IOException {
        Path f = tmp.resolve("runs.csv");
        Files.writeString(f, """
                run_id,group,seed,epoch,status,diverged_step
                a,g,1,2,ok,
                a,g,1,1,failed,
                b,g,2,1,ok,
                b,g,2,2,ERROR,
                c,g,3,1,ok,
                c,g,3,2,diverged,
                d,g,4,1,ok,9
                d,g,4,2,ok,7
                e,g,5,1,,
                """);
        List<RunRecord> runs = RunsTable.read(f).runs();
        assertThat(runs).extracting(RunRecord::status).containsExactly(RunStatus.FAILED, RunStatus.FAILED,
                RunStatus.DIVERGED, RunStatus.DIVERGED, RunStatus.OK);
        assertThat(runs.get(0).epochs()).extracting(e -> e.epoch()).containsExactly(1, 2); // sorted by epoch
        assertThat(runs.get(2).divergedStep()).isZero();
        assertThat(runs.get(3).divergedStep()).isEqualTo(7);                               // the earliest step
        assertThat(runs.get(3).divergenceText()).isEqualTo("diverged at step 7");
        assertThat(runs.get(0).fold()).isEqualTo(-1);                                      // no fold column
        assertThat(runs.get(4).at(1, "train_loss")).isNaN();
    }

    @Test
    void aMissingRequiredColumnOrFileIsNamed() throws IOException {
        Path f = tmp.resolve("runs.csv");
        Files.writeString(f, "run_id,group,epoch,status\na,g,1,ok\n");
        assertThatThrownBy(() -> RunsTable.read(f)).hasMessageContaining("missing column 'seed'");
        assertThatThrownBy(() -> RunsTable.read(tmp.resolve("none.csv"))).hasMessageContaining("no runs.csv at");
    }

    @Test
    void statusTextAndNumbers() {
        assertThat(RunStatus.parse(" Diverged ")).isEqualTo(RunStatus.DIVERGED);
        assertThat(RunStatus.parse(null)).isEqualTo(RunStatus.OK);
        assertThat(RunStatus.FAILED.text()).isEqualTo("failed");
        assertThat(Num.fmt7(0.001)).isEqualTo("0.001000000");
        assertThat(Num.fmt7(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(Num.fmt7(Double.NaN)).isEmpty();
        assertThat(Num.parseLong("9007199254740993", 0)).isEqualTo(9007199254740993L); // beyond 2^53, exact
        assertThat(Num.parseLong("3.0", 0)).isEqualTo(3);
        assertThat(Num.parseLong("", -1)).isEqualTo(-1);
    }
}
