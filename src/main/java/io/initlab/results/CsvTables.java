package io.initlab.results;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
public final class CsvTables {

    private CsvTables() {}

    static final CSVFormat READ = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setAllowMissingColumnNames(true)
            .build();

    /** Streams the records of {@code file}; throws if any column of {@code required} is missing. */
    public static void read(Path file, List<String> required, Consumer<Row> sink) {
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

    public static List<String> header(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = READ.parse(r)) {
            return List.copyOf(p.getHeaderNames());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** One record; absent columns read as "". */
    public record Row(CSVRecord rec) {
        public String str(String col) {
            if (!rec.isMapped(col) || !rec.isSet(col)) return "";
            String v = rec.get(col);
            return v == null ? "" : v;
        }

        public double num(String col) { return Num.parse(str(col)); }

        public long lng(String col, long dflt) { return Num.parseLong(str(col), dflt); }
    }

    static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    /** Writes a CSV file with the given header and rows (each row already formatted to strings). */
    public static void write(Path file, List<String> header, List<List<String>> rows) {
        try {
            Files.writeString(file, text(header, rows), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /** The text of a CSV file with the given header and rows. */
    public static String text(List<String> header, List<List<String>> rows) {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, WRITE)) {
            p.printRecord(header);
            for (List<String> row : rows) p.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }
}
