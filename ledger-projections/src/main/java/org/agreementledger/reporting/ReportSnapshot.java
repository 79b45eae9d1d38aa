package org.agreementledger.reporting;

import java.time.LocalDate;
import java.util.List;
import org.pcollections.HashTreePSet;
import org.pcollections.PSet;

/**
 * The published report table in memory: arrays read from the table ({@link InForceIndex}) and the
 * changes committed since ({@link SnapshotOverlay}: each changed agency's rows as they are now),
 * tagged with the read model's revision they add up to and the generation they are of.
 * {@code typesBeyondArrays}: the agency types the overlay has brought that the arrays lack; it only
 * grows until a fold (a type whose rows are all removed again still counts, which at worst makes a
 * reload come sooner), so a batch need not look at the whole overlay to know them. Immutable: a
 * committed batch makes a new snapshot, so a reader holding one answers from whole batches only.
 */
record ReportSnapshot(InForceIndex arrays, SnapshotOverlay overlay, PSet<String> typesBeyondArrays, long revision,
                      int generation) {

    /** The arrays as read, with no changes yet. */
    static ReportSnapshot of(InForceIndex arrays, long revision, int generation) {
        return new ReportSnapshot(arrays, SnapshotOverlay.EMPTY, HashTreePSet.empty(), revision, generation);
    }

    Counts counts(LocalDate asOf, LocalDate knownAt) {
        return arrays.counts(asOf, knownAt, overlay.byAgency());
    }

    List<TimelinePoint> timeline(List<LocalDate> days, LocalDate knownAt) {
        return arrays.timeline(days, knownAt, overlay.byAgency());
    }

    /** Rows held: the arrays' and the overlay's (a row it removes counts too: a count looks at it). */
    long rows() {
        return arrays.size() + overlay.rows();
    }

    /**
     * This snapshot with a committed batch applied. A batch of another generation (a rebuild's)
     * moves only the revision. Refused, with the reason, when the batch does not fit: it removes a
     * row this snapshot does not hold (it was not written on top of it), or adds an agency type the
     * arrays cannot count, or puts an agency in two states.
     */
    ReportSnapshot with(SnapshotChange change) throws Unfit {
        if (change.generation() != generation) {
            return new ReportSnapshot(arrays, overlay, typesBeyondArrays, revision + 1, generation);
        }
        // only the batch's own rows and agencies are looked at: the overlay may hold thousands by now
        PSet<String> types = typesBeyondArrays;
        for (SnapshotVersion row : change.added()) {
            String reason = arrays.cannotHold(row);
            if (reason != null) {
                throw new Unfit(reason);
            }
            if (arrays.cellOf(row) < 0) {
                types = types.plus(row.agencyType());
            }
        }
        if (arrays.agencyTypes() + types.size() > InForceIndex.MAX_AGENCY_TYPES) {
            throw new Unfit("agency types " + types + " are more than a snapshot tells apart");
        }
        return new ReportSnapshot(arrays, overlay.plus(change, arrays), types, revision + 1, generation);
    }

    /** The overlay folded into new arrays: the same answers, and counts that look at the arrays alone. */
    ReportSnapshot folded() {
        return of(arrays.plus(overlay, revision), revision, generation);
    }

    /** A batch this snapshot cannot apply: only a reload from the table can follow it. */
    static final class Unfit extends Exception {
        Unfit(String reason) {
            super(reason);
        }
    }
}
