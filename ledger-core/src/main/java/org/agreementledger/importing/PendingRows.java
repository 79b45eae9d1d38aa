package org.agreementledger.importing;

import java.util.function.Function;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/** Turns a pending-agencies row into a {@link PendingRow}, or a {@link RowProblem}; null for a blank row. */
final class PendingRows implements Function<RawRow, PendingLine> {

    private final AgencyColumns columns;

    PendingRows(SheetHeader header) {
        this.columns = new AgencyColumns(header);
    }

    @Override
    public PendingLine apply(RawRow row) {
        if (row.blank()) {
            return null;
        }
        try {
            UsState state = columns.state(row);
            String agencyName = columns.agencyName(row);
            SupportModel model = columns.model(row);
            return new PendingRow(row.sheetRow(), state, agencyName,
                    columns.optional(row, SheetColumn.TYPE),
                    columns.optional(row, SheetColumn.COUNTY),
                    model, columns.takeRepairs());
        } catch (AgencyColumns.Unreadable e) {
            columns.takeRepairs();
            return e.problem();
        }
    }
}
