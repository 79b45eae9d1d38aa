package org.agreementledger.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes CSV that a spreadsheet opens as data, never as formulas. Agency names come from ICE's
 * sheets and from archivists; a name like {@code =HYPERLINK("http://evil","x")} or
 * {@code +cmd|' /C calc'!A0} would run in Excel or LibreOffice if written as is (CSV injection).
 * Text beginning with {@code = + - @}, a tab or a carriage return gets a leading single quote,
 * which spreadsheets show as text (OWASP's advice). Numbers and dates are written as they are, so
 * a count of -1 stays a number; only text is neutralised. Quoting follows RFC 4180.
 */
public final class CsvCells {

    private static final String LINE_END = "\r\n"; // RFC 4180

    private CsvCells() {
    }

    /** Text that a spreadsheet would evaluate gets a leading quote; anything else is returned as is. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }

    /** One cell: text neutralised then quoted if needed; numbers, dates and booleans as they print; null empty. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof java.time.temporal.Temporal) {
            return quote(value.toString());
        }
        return quote(neutralise(value.toString()));
    }

    /** One record with its line end. */
    public static String line(Object... values) {
        return Arrays.stream(values).map(CsvCells::cell).collect(Collectors.joining(",")) + LINE_END;
    }

    public static void write(Appendable out, Object... values) {
        try {
            out.append(line(values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String text) {
        boolean needs = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return needs ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
