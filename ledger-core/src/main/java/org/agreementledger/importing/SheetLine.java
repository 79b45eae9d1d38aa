package org.agreementledger.importing;

/** What one data row of a participating-agencies sheet yields: an agreement, or why it could not be read. */
public sealed interface SheetLine permits SheetRow, RowProblem {

    /** The 1-based row number Excel shows. */
    int sheetRow();
}
