package org.agreementledger.importing;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
 * ICE's sheet saved as CSV (UTF-8, comma separated, RFC 4180 quoting, optional byte-order mark); bytes
 * that are not UTF-8 refuse the file, naming the line.
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
        Reader reader = new LineLengthLimit(new InputStreamReader(Files.newInputStream(file), utf8()));
        return CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
    }

    /**
     * Strict UTF-8: a byte sequence that is not UTF-8 is an error, not a U+FFFD silently put in an
     * agency's name (a sheet saved in a Windows code page would otherwise import as mojibake).
     */
    private static CharsetDecoder utf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * The 1-based line of the file's first byte sequence that is not UTF-8. Read again only to word
     * the refusal: a line feed byte is never part of a longer UTF-8 sequence, so counting them up to
     * where the decoder stops is exact.
     */
    private static long illFormedLine(Path file) throws IOException {
        CharsetDecoder decoder = utf8();
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (ReadableByteChannel in = Files.newByteChannel(file)) {
            boolean end = false;
            while (!end) {
                end = in.read(bytes) < 0;
                bytes.flip();
                int start = bytes.position();
                CoderResult result;
                do {
                    chars.clear();
                    result = decoder.decode(bytes, chars, end);
                } while (result.isOverflow());
                for (int i = start; i < bytes.position(); i++) {
                    line += bytes.get(i) == '\n' ? 1 : 0;
                }
                if (result.isError()) {
                    return line;
                }
                bytes.compact();
            }
        }
        return line;
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

    private static boolean notUtf8(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static SheetRefusedException broken(Path file, IOException e) {
        if (notUtf8(e)) {
            String where;
            try {
                where = "line " + illFormedLine(file);
            } catch (IOException again) {
                where = "a line";
            }
            return SheetRefusedException.file("'" + file.getFileName() + "' is not UTF-8: " + where + " holds bytes"
                    + " that are not well-formed UTF-8 (save the sheet as CSV UTF-8); no rule reads such text, so the"
                    + " file is refused", e);
        }
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
