package org.agreementledger.reporting;

import java.time.LocalDate;

/**
 * The benchmark's window (ledger-bench) on the report snapshot: its count from corners, as reports
 * answer, without the revision round trip, so the figure is the structure alone; and its size. It
 * lives beside the snapshot so that the snapshot's structures stay package-private and no package
 * spans two modules.
 */
public final class SnapshotCounts {

    private final InForceIndex index;

    public SnapshotCounts(AgreementReports reports) {
        this.index = reports.index();
        if (index == null) {
            throw new IllegalStateException("no report snapshot loaded");
        }
    }

    public Counts byCorners(LocalDate asOf, LocalDate knownAt) {
        return index.counts(asOf, knownAt);
    }

    public int versions() {
        return index.size();
    }

    public int corners() {
        return index.corners();
    }

    public long cornersMs() {
        return index.cornersMs();
    }

    public long bytes() {
        return index.bytes();
    }
}
