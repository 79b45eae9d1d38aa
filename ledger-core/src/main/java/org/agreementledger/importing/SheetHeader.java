package org.agreementledger.importing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where each known column is, found by header name rather than position because ICE has added
 * columns (ADDENDUM) and may reorder them. Unknown columns are ignored.
 */
final class SheetHeader {

    private final int sheetRow;
    private final Map<SheetColumn, Integer> positions;
    private final List<String> printed;

    private SheetHeader(int sheetRow, Map<SheetColumn, Integer> positions, List<String> printed) {
        this.sheetRow = sheetRow;
        this.positions = positions;
        this.printed = printed;
    }

    /** Reads a header row; refuses it if a required column is missing or a known one appears twice. */
    static SheetHeader of(RawRow row, Set<SheetColumn> required) {
        Map<SheetColumn, Integer> positions = new EnumMap<>(SheetColumn.class);
        List<String> printed = new ArrayList<>();
        for (int i = 0; i < row.width(); i++) {
            RawCell cell = row.cell(i);
            String text = cell == null ? null : CellText.clean(cell.text());
            if (text == null) {
                continue;
            }
            printed.add(text);
            String key = CellText.headerKey(text);
            for (SheetColumn column : SheetColumn.values()) {
                if (column.key().equals(key) && positions.putIfAbsent(column, i) != null) {
                    throw new SheetRefusedException(column.header(), "the header (row " + row.sheetRow()
                            + ") has this column twice, so which one holds the data is unclear");
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (SheetColumn column : SheetColumn.values()) { // in ICE's column order, whatever the set's
            if (required.contains(column) && !positions.containsKey(column)) {
                missing.add(column.header());
            }
        }
        if (!missing.isEmpty()) {
            throw new SheetRefusedException(missing.get(0), "required column missing from the header (row "
                    + row.sheetRow() + "); missing " + String.join(", ", missing) + "; the header has "
                    + (printed.isEmpty() ? "no names" : cap(String.join(" | ", printed))));
        }
        return new SheetHeader(row.sheetRow(), positions, Collections.unmodifiableList(printed));
    }

    private static String cap(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    int sheetRow() {
        return sheetRow;
    }

    OptionalInt position(SheetColumn column) {
        Integer position = positions.get(column);
        return position == null ? OptionalInt.empty() : OptionalInt.of(position);
    }

    /** The cell of a column in a row; null if the column is absent or the row has no cell there. */
    RawCell cell(RawRow row, SheetColumn column) {
        Integer position = positions.get(column);
        return position == null ? null : row.cell(position);
    }

    boolean has(SheetColumn column) {
        return positions.containsKey(column);
    }

    List<String> printed() {
        return printed;
    }
}
