package org.agreementledger.reporting;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agreementledger.api.UsState;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

/**
 * The published report table in memory: arrays read from the table ({@link InForceIndex}) and the
 * changes committed since ({@link SnapshotOverlay}), tagged with the read model's revision they
 * add up to and the generation they are of. {@code typesBeyondArrays}: the agency types the
 * overlay has brought that the arrays lack; it only grows until a fold (a type whose rows are all
 * removed again still counts, which at worst makes a reload come sooner), so a batch need not
 * look at the whole overlay to know them. Immutable: a committed batch makes a new snapshot, so
 * a reader holding one answers from whole batches only.
 */
record ReportSnapshot(InForceIndex arrays, SnapshotOverlay overlay, PMap<String, AgencyRows> changed,
                      PSet<String> typesBeyondArrays, long revision, int generation) {

    /** The arrays with {@code overlay}'s changes, each changed agency's rows made once here. */
    static ReportSnapshot of(InForceIndex arrays, SnapshotOverlay overlay, long revision, int generation) {
        Map<String, AgencyRows> changed = new HashMap<>();
        Set<String> types = new HashSet<>();
        overlay.byAgency().forEach((agencyId, changes) -> {
            Map<SnapshotVersion, Integer> merged = arrays.merged(agencyId, changes);
            if (merged == null) {
                throw new IllegalStateException("the overlay removes rows agency " + agencyId + " does not hold");
            }
            changed.put(agencyId, AgencyRows.of(merged));
            changes.keySet().stream().filter(row -> arrays.cellOf(row) < 0).forEach(row -> types.add(row.agencyType()));
        });
        return new ReportSnapshot(arrays, overlay, HashTreePMap.from(changed), HashTreePSet.from(types), revision,
                generation);
    }

    Counts counts(LocalDate asOf, LocalDate knownAt) {
        return arrays.counts(asOf, knownAt, changed);
    }

    List<TimelinePoint> timeline(List<LocalDate> days, LocalDate knownAt) {
        return arrays.timeline(days, knownAt, changed);
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
            return new ReportSnapshot(arrays, overlay, changed, typesBeyondArrays, revision + 1, generation);
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
        SnapshotOverlay next = overlay.plus(change);
        Set<String> touched = new HashSet<>();
        change.removed().forEach(row -> touched.add(row.agencyId()));
        change.added().forEach(row -> touched.add(row.agencyId()));
        PMap<String, AgencyRows> nextChanged = changed;
        for (String agencyId : touched) {
            Map<SnapshotVersion, Integer> changes = next.byAgency().get(agencyId);
            if (changes == null) {
                nextChanged = nextChanged.minus(agencyId); // back to the arrays' rows exactly
                continue;
            }
            Map<SnapshotVersion, Integer> merged = arrays.merged(agencyId, changes);
            if (merged == null) {
                throw new Unfit("the batch removes a row of agency " + agencyId + " the snapshot does not hold");
            }
            Set<UsState> states = new HashSet<>();
            merged.keySet().forEach(row -> states.add(row.state()));
            if (states.size() > 1) {
                throw new Unfit("agency " + agencyId + " appears in " + states);
            }
            nextChanged = nextChanged.plus(agencyId, AgencyRows.of(merged));
        }
        return new ReportSnapshot(arrays, next, nextChanged, types, revision + 1, generation);
    }

    /** The overlay folded into new arrays: the same answers, and counts that look at the arrays alone. */
    ReportSnapshot folded() {
        return new ReportSnapshot(arrays.plus(overlay, revision), SnapshotOverlay.EMPTY, HashTreePMap.empty(),
                HashTreePSet.empty(), revision, generation);
    }

    /** A batch this snapshot cannot apply: only a reload from the table can follow it. */
    static final class Unfit extends Exception {
        Unfit(String reason) {
            super(reason);
        }
    }
}
