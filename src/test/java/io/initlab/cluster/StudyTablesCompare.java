package io.initlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.results.CsvTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Compares the tables of two results folders: equal apart from the wall time of each run. */
final class StudyTablesCompare {
    static final List<String> TABLES = List.of("batches.csv", "layers.csv", "init_hist.csv", "summary.csv", "comparisons.csv");

    private StudyTablesCompare() {}

    static void assertSameResults(Path actual, Path expected) throws IOException {
        assertThat(withoutWallTime(actual.resolve("runs.csv"))).as(actual + "/runs.csv without wall_s")
                .isEqualTo(withoutWallTime(expected.resolve("runs.csv")));
        for (String f : TABLES) {
            assertThat(Files.readAllLines(actual.resolve(f))).as(actual + "/" + f).isEqualTo(Files.readAllLines(expected.resolve(f)));
        }
    }

    /** runs.csv's rows as column=value lists without wall_s (read with the project's CSV reader). */
    static List<String> withoutWallTime(Path runsCsv) throws IOException {
        List<String> header = CsvTables.header(runsCsv);
        assertThat(header).as("columns of " + runsCsv).contains("wall_s");
        List<String> out = new ArrayList<>();
        CsvTables.read(runsCsv, List.of(), row -> {
            StringBuilder b = new StringBuilder();
            for (String column : header) {
                if (!column.equals("wall_s")) b.append(column).append('=').append(row.str(column)).append(' ');
            }
            out.add(b.toString());
        });
        assertThat(out).as("rows of " + runsCsv).isNotEmpty();
        return out;
    }
}
