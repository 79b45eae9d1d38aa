package org.agreementledger.visibility;

import org.agreementledger.reporting.ReportPosition;
import org.springframework.http.HttpHeaders;

/**
 * A write, done, and whether the reports hold what it appended.
 *
 * @param result   what the write returned
 * @param position the global index of the last event it appended; if it appended nothing, the
 *                 position the reports had reached when it was answered
 * @param behind   null when every report asked from now on reflects the write; else how far the
 *                 reports had got when it was answered (they lack at least the write's events)
 */
public record Acknowledgement<T>(T result, long position, ReportPosition behind) {

    /** Whether every report asked from now on reflects this write. */
    public boolean visible() {
        return behind == null;
    }

    /** {@code Ledger-Position}, and {@code Ledger-Behind} when the reports do not hold this write yet. */
    public HttpHeaders headers() {
        return LedgerHeaders.of(position, behind);
    }

    /** For the command line, when the reports did not take the write in within the wait. */
    public String behindMessage() {
        return "note: stored up to global index " + position + ", but the reports have not taken in " + behind.behind()
                + " event(s) of the ledger yet (they hold it up to " + behind.position() + " of " + behind.head()
                + "); reports will include this once they have";
    }
}
