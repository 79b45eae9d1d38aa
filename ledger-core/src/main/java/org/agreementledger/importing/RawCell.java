package org.agreementledger.importing;

/**
 * One cell as the file stores it, before any meaning is given to it.
 *
 * @param text      the string, or the number as stored ({@code 45785}), or the error code ({@code #N/A})
 * @param number    the value of a numeric cell, else null
 * @param error     an Excel error value such as {@code #N/A} (ICE's COUNTY lookups leave many)
 * @param hyperlink the hyperlink target on the cell, if any
 */
record RawCell(String text, Double number, boolean error, String hyperlink) {

    static RawCell text(String text) {
        return new RawCell(text, null, false, null);
    }

    boolean blank() {
        return CellText.trim(text) == null && hyperlink == null;
    }

    /** The text a reader should see: trimmed, null if blank or an error such as #N/A. */
    String value() {
        return error ? null : CellText.trim(text);
    }
}
