package org.agreementledger.reporting;

import java.util.Comparator;
import java.util.Map;

/**
 * One agency's rows as a snapshot's changes leave them (the arrays' rows plus and minus the
 * overlay's), each with how many times it occurs, by start of valid time: what counts and
 * timelines read for an agency the overlay touches, made once per applied batch rather than per
 * question.
 */
record AgencyRows(SnapshotVersion[] rows, int[] times) {

    static AgencyRows of(Map<SnapshotVersion, Integer> merged) {
        SnapshotVersion[] rows = merged.keySet().toArray(SnapshotVersion[]::new);
        java.util.Arrays.sort(rows, Comparator.comparingInt(SnapshotVersion::validFrom));
        int[] times = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            times[i] = merged.get(rows[i]);
        }
        return new AgencyRows(rows, times);
    }
}
