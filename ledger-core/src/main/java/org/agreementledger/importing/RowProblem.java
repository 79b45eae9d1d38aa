package org.agreementledger.importing;

/**
 * A row that could not be read, with enough to find and fix it in the sheet. Reading goes on
 * with the next row.
 *
 * @param sheetRow the 1-based row number Excel shows
 * @param column   the header of the column at fault, e.g. {@code STATE}
 * @param raw      the cell as stored ("" if blank)
 * @param message  what is wrong, in words
 */
public record RowProblem(int sheetRow, String column, String raw, String message) implements SheetLine, PendingLine {

    @Override
    public String toString() {
        return "row " + sheetRow + ", " + column + " '" + raw + "': " + message;
    }
}
