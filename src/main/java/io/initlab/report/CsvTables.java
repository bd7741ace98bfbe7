package io.initlab.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** The CSV dialect of initlab's result files: RFC 4180, a header row, "\n" line ends, UTF-8. */
final class CsvTables {

    private CsvTables() {}

    static final CSVFormat READ = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setAllowMissingColumnNames(true)
            .build();

    /** Streams the records of {@code file}; throws if any column of {@code required} is missing. */
    static void read(Path file, List<String> required, Consumer<Row> sink) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = READ.parse(r)) {
            List<String> header = p.getHeaderNames();
            for (String c : required) {
                if (!header.contains(c)) {
                    throw new IllegalArgumentException(file + ": missing column '" + c + "' (header: " + header + ")");
                }
            }
            for (CSVRecord rec : p) sink.accept(new Row(rec));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    static List<String> header(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = READ.parse(r)) {
            return List.copyOf(p.getHeaderNames());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** One record; absent columns read as "". */
    record Row(CSVRecord rec) {
        String str(String col) {
            if (!rec.isMapped(col) || !rec.isSet(col)) return "";
            String v = rec.get(col);
            return v == null ? "" : v;
        }

        double num(String col) { return Num.parse(str(col)); }

        long lng(String col, long dflt) { return Num.parseLong(str(col), dflt); }
    }

    /** Writes a CSV file with the given header and rows (each row already formatted to strings). */
    static void write(Path file, List<String> header, List<List<String>> rows) {
        CSVFormat fmt = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, fmt)) {
            p.printRecord(header);
            for (List<String> row : rows) p.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
