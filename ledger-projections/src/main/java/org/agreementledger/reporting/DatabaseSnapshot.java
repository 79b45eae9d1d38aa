package org.agreementledger.reporting;

import java.util.Arrays;

/**
 * PostgreSQL's {@code pg_snapshot} as text ({@code xmin:xmax:xip,...}): which transactions a
 * reader's snapshot sees as committed. A transaction is seen when it ended before the snapshot
 * was taken: below {@code xmin}, or below {@code xmax} and not among those still in progress.
 */
record DatabaseSnapshot(long xmin, long xmax, long[] inProgress) {

    static DatabaseSnapshot parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a pg_snapshot: " + text);
        }
        long[] inProgress = parts[2].isEmpty() ? new long[0]
                : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).sorted().toArray();
        return new DatabaseSnapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), inProgress);
    }

    /** Whether a reader with this snapshot sees what committed transaction {@code transactionId} wrote. */
    boolean sees(long transactionId) {
        return transactionId < xmin || transactionId < xmax && Arrays.binarySearch(inProgress, transactionId) < 0;
    }
}
