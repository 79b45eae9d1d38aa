package org.agreementledger.reporting;

/**
 * What the in-memory report snapshot has done since the application started and what it holds now.
 *
 * @param loads          full reads of the report table (the first, after a rebuild, after being set aside)
 * @param changesApplied committed batches applied in memory instead
 * @param rowsApplied    report rows those batches deleted and inserted
 * @param applyNanos     time spent applying them (the projection's thread, after its commit)
 * @param folds          overlays folded into new arrays in the background, and the time they took
 * @param foldCatchUps   batches applied to folded arrays because they were committed while the fold ran
 * @param foldsLeftOut   folds made but not swapped in (a reload meanwhile, or a batch they could not take)
 * @param setAsides      times a change could not be applied and a reload was needed
 * @param versions       rows in the arrays now; {@code overlayRows} changed rows beside them
 * @param arrayBytes     bytes the arrays hold ({@link InForceIndex#bytes()})
 */
public record SnapshotStatistics(long loads, long changesApplied, long rowsApplied, long applyNanos, long folds,
                                 long foldNanos, long foldCatchUps, long foldsLeftOut, long setAsides, long versions,
                                 long overlayRows, long arrayBytes) {
}
