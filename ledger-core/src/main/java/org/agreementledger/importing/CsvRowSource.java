package org.agreementledger.importing;

import java.io.FilterReader;
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
 *
 * <p>Like the xlsx reader it reads the file twice: the first pass counts the records and refuses
 * broken quoting or an endless line before any row is handed out.
 */
final class CsvRowSource implements RowSource {

    /** No line of an ICE sheet comes near this; a longer one would make the parser buffer without end. */
    static final int MAX_LINE_CHARS = 1 << 20;

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .get();

    private final Path file;
    private final int records;
    private final CSVParser parser;
    private final Iterator<CSVRecord> iterator;

    private CsvRowSource(Path file, int records) throws IOException {
        this.file = file;
        this.records = records;
        this.parser = parser(file);
        this.iterator = parser.iterator();
    }

    static CsvRowSource open(Path file) {
        try {
            int records = 0;
            try (CSVParser scan = parser(file)) {
                for (CSVRecord ignored : scan) {
                    records++;
                }
            } catch (UncheckedIOException e) {
                throw broken(file, e.getCause());
            }
            return new CsvRowSource(file, records);
        } catch (IOException e) {
            throw broken(file, e);
        }
    }

    private static CSVParser parser(Path file) throws IOException {
        Reader reader = new LineLengthLimit(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        return CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
    }

    @Override
    public OptionalInt declaredRows() {
        return OptionalInt.of(records);
    }

    @Override
    public boolean date1904() {
        return false;
    }

    @Override
    public boolean hasNext() {
        try {
            return iterator.hasNext();
        } catch (UncheckedIOException e) {
            throw broken(file, e.getCause());
        }
    }

    @Override
    public RawRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record;
        try {
            record = iterator.next();
        } catch (UncheckedIOException e) {
            throw broken(file, e.getCause());
        }
        List<RawCell> cells = new ArrayList<>(record.size());
        for (String value : record) {
            cells.add(RawCell.text(record.getRecordNumber() == 1 ? stripByteOrderMark(value) : value));
        }
        return new RawRow(Math.toIntExact(record.getRecordNumber()), cells);
    }

    private static SheetRefusedException broken(Path file, IOException e) {
        return SheetRefusedException.file("'" + file.getFileName() + "' is not a readable CSV: " + e.getMessage(), e);
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

    /** Fails on a line longer than {@link #MAX_LINE_CHARS}, a CSV's answer to the zip bomb. */
    private static final class LineLengthLimit extends FilterReader {
        private int sinceNewline;

        LineLengthLimit(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                count(buffer[offset + i]);
            }
            return n;
        }

        private void count(int c) throws IOException {
            if (c == '\n' || c == '\r') {
                sinceNewline = 0;
            } else if (c >= 0 && ++sinceNewline > MAX_LINE_CHARS) {
                throw new IOException("a line is longer than " + MAX_LINE_CHARS + " characters");
            }
        }
    }
}
