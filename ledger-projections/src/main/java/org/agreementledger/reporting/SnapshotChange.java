package org.agreementledger.reporting;

import java.util.List;

/**
 * What one committed batch of the report projection did to the report table: in generation
 * {@code generation}, the rows it deleted and the rows it inserted, written by database
 * transaction {@code transactionId} (which tells a snapshot load whether the rows it read already
 * hold this change). The in-memory snapshot applies it instead of reloading the table.
 */
record SnapshotChange(int generation, long transactionId, List<SnapshotVersion> removed,
                      List<SnapshotVersion> added) {

    SnapshotChange {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    int rows() {
        return removed.size() + added.size();
    }
}
