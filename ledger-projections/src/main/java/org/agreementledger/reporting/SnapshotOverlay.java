package org.agreementledger.reporting;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The changes applied to a snapshot since its arrays were built: per agency, how many more (or,
 * negative, fewer) rows of each kind it holds than the arrays say. Immutable: applying a change
 * copies the map of the agencies it touches only, in a persistent map that shares the rest, so a
 * reader holding an older overlay keeps a whole, consistent answer while a newer one is made, and
 * a batch costs the time of its own rows, not of the thousands the overlay holds by then (copying
 * the whole map was 80% of the report processor's CPU under single appends). Multiplicities are
 * signed, so changes that arrive out of commit order (two segments committing at once) add up all
 * the same.
 */
final class SnapshotOverlay {

    static final SnapshotOverlay EMPTY = new SnapshotOverlay(HashTreePMap.empty(), 0);

    private final PMap<String, Map<SnapshotVersion, Integer>> byAgency;
    /** Sum of |multiplicity|: the rows a count may have to look at besides the arrays. */
    private final long rows;

    private SnapshotOverlay(PMap<String, Map<SnapshotVersion, Integer>> byAgency, long rows) {
        this.byAgency = byAgency;
        this.rows = rows;
    }

    boolean isEmpty() {
        return byAgency.isEmpty();
    }

    long rows() {
        return rows;
    }

    /** Agencies with any change, each with its rows' net multiplicities (none zero). */
    Map<String, Map<SnapshotVersion, Integer>> byAgency() {
        return byAgency;
    }

    SnapshotOverlay plus(SnapshotChange change) {
        Sum sum = new Sum();
        change.removed().forEach(row -> sum.add(row, -1));
        change.added().forEach(row -> sum.add(row, 1));
        return sum.result();
    }

    /** This overlay plus rows, copying each touched agency's map once. */
    private final class Sum {
        private final Map<String, Map<SnapshotVersion, Integer>> copied = new HashMap<>();
        private long total = rows;

        void add(SnapshotVersion row, int times) {
            Map<SnapshotVersion, Integer> versions = copied.computeIfAbsent(row.agencyId(), agency -> {
                Map<SnapshotVersion, Integer> before = byAgency.get(agency);
                return before == null ? new HashMap<>() : new HashMap<>(before);
            });
            int was = versions.getOrDefault(row, 0);
            int now = was + times;
            total += Math.abs(now) - Math.abs(was);
            if (now == 0) {
                versions.remove(row);
            } else {
                versions.put(row, now);
            }
        }

        SnapshotOverlay result() {
            PMap<String, Map<SnapshotVersion, Integer>> next = byAgency;
            for (Map.Entry<String, Map<SnapshotVersion, Integer>> agency : copied.entrySet()) {
                next = agency.getValue().isEmpty() ? next.minus(agency.getKey())
                        : next.plus(agency.getKey(), Collections.unmodifiableMap(agency.getValue()));
            }
            return new SnapshotOverlay(next, total);
        }
    }
}
