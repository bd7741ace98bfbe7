package io.initlab.study;

import io.initlab.results.CsvTables;
import io.initlab.results.DetailTables;
import io.initlab.results.RunRecord;
import io.initlab.results.RunsTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the study's tables (runs.csv, batches.csv, layers.csv, init_hist.csv; schema in
 * {@link RunsTable} and {@link DetailTables}) from the finished runs, in study order, each file replaced
 * atomically.
 */
final class ResultTables {
    private ResultTables() {}

    static void write(Path dir, List<RunRecord> runs) throws IOException {
        table(dir.resolve(RunsTable.FILE), RunsTable.names(), RunsTable.rows(runs));
        table(dir.resolve(DetailTables.BATCHES), DetailTables.BATCHES_COLUMNS, DetailTables.batchRows(runs));
        table(dir.resolve(DetailTables.LAYERS), DetailTables.LAYERS_COLUMNS, DetailTables.layerRows(runs));
        table(dir.resolve(DetailTables.INIT_HIST), DetailTables.INIT_HIST_COLUMNS, DetailTables.initHistRows(runs));
    }

    private static void table(Path file, List<String> header, List<List<String>> rows) throws IOException {
        RunStore.writeAtomically(file, CsvTables.text(header, rows).getBytes(StandardCharsets.UTF_8));
    }
}
