package org.agreementledger.importing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;

/** One worksheet or CSV row: its 1-based row number and its cells by 0-based column. */
final class RawRow {

    private final int sheetRow;
    private final List<RawCell> cells;

    RawRow(int sheetRow, List<RawCell> cells) {
        this.sheetRow = sheetRow;
        this.cells = Collections.unmodifiableList(new ArrayList<>(cells));
        for (int column = 0; column < cells.size(); column++) {
            RawCell cell = cells.get(column);
            if (cell != null) {
                wellFormed(column, "cell", cell.text());
                wellFormed(column, "cell's hyperlink", cell.hyperlink());
            }
        }
    }

    /**
     * A cell's text must be Unicode scalar values before any rule reads it: an xlsx can spell a lone
     * UTF-16 surrogate ({@code _xD800_}, which POI decodes as written), and such text would reach the
     * import report and the events. No rule can say what the cell meant, so the file is refused whole,
     * naming the cell, rather than a guess stored.
     */
    private void wellFormed(int column, String what, String text) {
        try {
            Fields.wellFormed("cell", text);
        } catch (InvalidFieldException e) {
            throw SheetRefusedException.file("row " + sheetRow + ", column " + WorksheetXml.columnName(column) + ": the "
                    + what + " " + e.problem() + "; no rule reads such a cell, so the file is refused");
        }
    }

    int sheetRow() {
        return sheetRow;
    }

    /** The cell in a column, or null if the row has none there. */
    RawCell cell(int column) {
        return column >= 0 && column < cells.size() ? cells.get(column) : null;
    }

    int width() {
        return cells.size();
    }

    /** ICE's sheets end in rows that carry formatting and nothing else. */
    boolean blank() {
        for (RawCell cell : cells) {
            if (cell != null && !cell.blank()) {
                return false;
            }
        }
        return true;
    }
}
