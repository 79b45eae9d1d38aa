package org.agreementledger.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * The sheet's hyperlink targets by cell. Excel stores them after all the rows, so they are
 * collected in a first pass; their number is bounded by the rows that have a link (about 420 in
 * ICE's sheets), not by the size of the sheet.
 */
final class Hyperlinks {

    private final Map<Long, String> byCell = new HashMap<>();
    private final List<Map.Entry<CellRangeAddress, String>> ranges = new ArrayList<>();

    void add(String ref, String target) {
        if (ref.indexOf(':') < 0) {
            int row = WorksheetXml.row(ref);
            int column = WorksheetXml.column(ref);
            if (row > 0 && column >= 0) {
                byCell.putIfAbsent(key(row, column), target);
            }
        } else {
            ranges.add(Map.entry(CellRangeAddress.valueOf(ref), target));
        }
    }

    /** The target on a cell (1-based row, 0-based column), or null. */
    String target(int row, int column) {
        String target = byCell.get(key(row, column));
        if (target == null) {
            for (Map.Entry<CellRangeAddress, String> range : ranges) {
                if (range.getKey().isInRange(row - 1, column)) {
                    return range.getValue();
                }
            }
        }
        return target;
    }

    int size() {
        return byCell.size() + ranges.size();
    }

    private static long key(int row, int column) {
        return ((long) row << 16) | column;
    }
}
