package org.agreementledger.importing;

import java.util.function.Function;

/** Turns a pending-agencies row into a {@link PendingRow}, or a {@link RowProblem}; null for a blank row. */
final class PendingRows implements Function<RawRow, PendingLine> {

    private final AgencyColumns columns;

    PendingRows(SheetHeader header) {
        this.columns = new AgencyColumns(header);
    }

    @Override
    public PendingLine apply(RawRow row) {
        return columns.line(row, agency -> new PendingRow(row.sheetRow(), agency.state(), agency.agencyName(),
                agency.agencyType(), agency.county(), agency.model(), agency.repairs()), problem -> problem);
    }
}
