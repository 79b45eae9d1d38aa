package org.agreementledger.reporting;

import java.time.LocalDate;

/**
 * The benchmark's window (ledger-bench) on the report snapshot's two ways of counting: from
 * corners, as reports answer, and by the pass over every version it replaced, timed side by side on
 * the same snapshot and questions. Without the revision round trip, so the two figures are the
 * structures alone. It lives beside the snapshot so that the snapshot's structures stay
 * package-private and no package spans two modules.
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

    public Counts byScan(LocalDate asOf, LocalDate knownAt) {
        return index.countsByScan(asOf, knownAt);
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
