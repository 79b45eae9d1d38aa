package org.agreementledger.importing;

/** What one data row of a pending-agencies sheet yields: a request, or why it could not be read. */
public sealed interface PendingLine permits PendingRow, RowProblem {

    /** The 1-based row number Excel shows. */
    int sheetRow();
}
