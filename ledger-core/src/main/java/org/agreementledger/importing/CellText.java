package org.agreementledger.importing;

import java.util.regex.Pattern;

/**
 * Whitespace as ICE's sheets have it: trailing spaces on agency names and counties, and
 * non-breaking spaces pasted from the web ({@code link\u00a0|\u00a0addendum}), which
 * {@link String#strip()} does not consider whitespace.
 */
final class CellText {

    private static final Pattern RUNS = Pattern.compile("[\\s\\u00a0\\u2007\\u202f]+");

    private CellText() {
    }

    /** The text without surrounding whitespace; null if nothing is left. */
    static String trim(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && space(text.charAt(start))) {
            start++;
        }
        while (end > start && space(text.charAt(end - 1))) {
            end--;
        }
        return start == end ? null : text.substring(start, end);
    }

    private static boolean space(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200b' || c == '\ufeff';
    }

    /** Trimmed, and every inner run of whitespace one plain space; null if blank. */
    static String clean(String text) {
        String trimmed = trim(text);
        return trimmed == null ? null : RUNS.matcher(trimmed).replaceAll(" ");
    }

    /** Header names compare without case or any spacing: "Support  Type" is SUPPORT TYPE. */
    static String headerKey(String text) {
        String trimmed = trim(text);
        return trimmed == null ? "" : RUNS.matcher(trimmed).replaceAll("").toUpperCase(java.util.Locale.ROOT);
    }
}
