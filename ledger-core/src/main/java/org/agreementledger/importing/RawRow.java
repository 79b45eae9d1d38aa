package org.agreementledger.importing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One worksheet or CSV row: its 1-based row number and its cells by 0-based column. */
final class RawRow {

    private final int sheetRow;
    private final List<RawCell> cells;

    RawRow(int sheetRow, List<RawCell> cells) {
        this.sheetRow = sheetRow;
        this.cells = Collections.unmodifiableList(new ArrayList<>(cells));
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
