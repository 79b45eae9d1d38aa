package org.agreementledger.importing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * ICE's sheet saved as CSV (UTF-8, comma separated, RFC 4180 quoting, optional byte-order mark).
 * Every value is text, so SIGNED arrives as {@code 5/8/2025} or {@code 45785}; there are no
 * hyperlinks, so an MOA link survives only if the cell text is the URL. Empty lines are kept
 * as blank rows so row numbers stay those a spreadsheet program would show.
 */
final class CsvRowSource implements RowSource {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    private CsvRowSource(CSVParser parser) {
        this.parser = parser;
        this.records = parser.iterator();
    }

    static CsvRowSource open(Path file) {
        try {
            Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
            return new CsvRowSource(CSVParser.builder().setReader(reader).setFormat(FORMAT).get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public OptionalInt declaredRows() {
        return OptionalInt.empty();
    }

    @Override
    public boolean date1904() {
        return false;
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw broken(e);
        }
    }

    @Override
    public RawRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record;
        try {
            record = records.next();
        } catch (UncheckedIOException e) {
            throw broken(e);
        }
        List<RawCell> cells = new ArrayList<>(record.size());
        for (String value : record) {
            cells.add(RawCell.text(record.getRecordNumber() == 1 ? stripByteOrderMark(value) : value));
        }
        return new RawRow(Math.toIntExact(record.getRecordNumber()), cells);
    }

    private SheetRefusedException broken(UncheckedIOException e) {
        return SheetRefusedException.file("the CSV is malformed near line " + parser.getCurrentLineNumber()
                + ": " + e.getCause().getMessage(), e);
    }

    private static String stripByteOrderMark(String value) {
        return value.startsWith("\ufeff") ? value.substring(1) : value;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // read-only; nothing to flush
        }
    }
}
