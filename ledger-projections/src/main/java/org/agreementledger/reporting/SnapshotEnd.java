package org.agreementledger.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Where a snapshot of the event store ends, as Axon's JDBC engine would track it: the highest
 * global index the snapshot holds and the indexes below it it does not hold. A missing index is
 * an append in flight when the snapshot was taken (or a failed one, which consumed a sequence
 * value); a processor starting from {@link #token()} takes in-flight appends in when they commit.
 */
record SnapshotEnd(long lastIndex, SortedSet<Long> gaps) {

    /**
     * How far below its highest index Axon's {@code JdbcEventStorageEngine} keeps gaps: its default,
     * which {@code EventStorageConfiguration} does not change. Older gaps Axon drops as well.
     */
    static final int MAX_GAP_OFFSET = 10_000;

    /** Axon's lowest global sequence: the first value of the bigserial {@code globalindex}. */
    private static final long LOWEST_INDEX = 1;

    /** The end of the snapshot {@code connection}'s transaction sees. */
    static SnapshotEnd of(Connection connection) throws SQLException {
        long last;
        try (PreparedStatement max = connection.prepareStatement("select max(globalindex) from domainevententry");
             ResultSet row = max.executeQuery()) {
            row.next();
            last = row.getLong(1);
            if (row.wasNull()) {
                return new SnapshotEnd(-1, new TreeSet<>());
            }
        }
        long lowestGap = Math.max(LOWEST_INDEX, last - MAX_GAP_OFFSET);
        SortedSet<Long> gaps = new TreeSet<>();
        try (PreparedStatement present = connection.prepareStatement(
                "select globalindex from domainevententry where globalindex >= ? order by globalindex")) {
            present.setLong(1, lowestGap);
            try (ResultSet rows = present.executeQuery()) {
                long expected = lowestGap;
                while (rows.next()) {
                    long index = rows.getLong(1);
                    for (long missing = expected; missing < index; missing++) {
                        gaps.add(missing);
                    }
                    expected = index + 1;
                }
            }
        }
        return new SnapshotEnd(last, gaps);
    }

    /** The token to go on from; null for an empty store (a processor then starts at its beginning). */
    TrackingToken token() {
        return lastIndex < 0 ? null : GapAwareTrackingToken.newInstance(lastIndex, gaps);
    }
}
