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

    private static final org.apache.commons.text.similarity.DamerauLevenshteinDistance DISTANCE =
            new org.apache.commons.text.similarity.DamerauLevenshteinDistance();

    private final int sheetRow;
    private final Map<SheetColumn, Integer> positions;
    private final List<String> printed;
    private final List<CellRepair> repairs;

    private SheetHeader(int sheetRow, Map<SheetColumn, Integer> positions, List<String> printed,
                        List<CellRepair> repairs) {
        this.sheetRow = sheetRow;
        this.positions = positions;
        this.printed = printed;
        this.repairs = repairs;
    }

    /** Reads a header row; refuses it if a required column is missing or a known one appears twice. */
    static SheetHeader of(RawRow row, Set<SheetColumn> required) {
        Map<SheetColumn, Integer> positions = new EnumMap<>(SheetColumn.class);
        List<String> printed = new ArrayList<>();
        Map<Integer, String> unknown = new java.util.TreeMap<>();
        for (int i = 0; i < row.width(); i++) {
            RawCell cell = row.cell(i);
            String text = cell == null ? null : CellText.clean(cell.text());
            if (text == null) {
                continue;
            }
            printed.add(text);
            String key = CellText.headerKey(text);
            boolean known = false;
            for (SheetColumn column : SheetColumn.values()) {
                if (column.key().equals(key)) {
                    known = true;
                    if (positions.putIfAbsent(column, i) != null) {
                        throw new SheetRefusedException(column.header(), "the header (row " + row.sheetRow()
                                + ") has this column twice, so which one holds the data is unclear");
                    }
                }
            }
            if (!known) {
                unknown.put(i, text);
            }
        }
        List<CellRepair> repairs = new ArrayList<>();
        unknown.forEach((position, text) -> {
            SheetColumn column = misspelt(CellText.headerKey(text), positions);
            if (column != null) {
                positions.put(column, position);
                repairs.add(new CellRepair(column.header(), text, column.header(), SpellingRule.HEADER_SPELLING));
            }
        });
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
        return new SheetHeader(row.sheetRow(), positions, Collections.unmodifiableList(printed), List.copyOf(repairs));
    }

    /** The one column, absent so far, whose name the header is a misspelling of; null if none or several. */
    private static SheetColumn misspelt(String key, Map<SheetColumn, Integer> present) {
        SheetColumn found = null;
        for (SheetColumn column : SheetColumn.values()) {
            int allowed = column.key().length() < 5 ? 1 : 2;
            if (!present.containsKey(column) && DISTANCE.apply(key, column.key()) <= allowed) {
                if (found != null) {
                    return null;
                }
                found = column;
            }
        }
        return found;
    }

    /** Headers read by {@link SpellingRule#HEADER_SPELLING}. */
    List<CellRepair> repairs() {
        return repairs;
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
