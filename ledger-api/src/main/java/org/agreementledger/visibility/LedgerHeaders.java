package org.agreementledger.visibility;

import org.agreementledger.reporting.ReportPosition;
import org.springframework.http.HttpHeaders;

/**
 * The response headers that say which position of the ledger an answer reflects, on every report
 * and every acknowledged write, JSON and CSV alike.
 * <ul>
 *   <li>{@code Ledger-Position}: a global index of the event store. On a report, the answer
 *       reflects every event up to it (and perhaps a few after); on a write, the index of the last
 *       event it appended.</li>
 *   <li>{@code Ledger-Behind}: only when the report tables have not taken in everything the store
 *       holds (a write: what it appended): how many events they lack. A JSON answer then says the
 *       same in {@code ledgerPosition} and {@code ledgerBehind}.</li>
 * </ul>
 */
public final class LedgerHeaders {

    public static final String POSITION = "Ledger-Position";
    public static final String BEHIND = "Ledger-Behind";

    private LedgerHeaders() {
    }

    /** The headers of an answer reflecting {@code position} of the ledger, and how far the reports are behind. */
    static HttpHeaders of(long position, ReportPosition reports) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(POSITION, Long.toString(position));
        if (reports != null && !reports.current()) {
            headers.set(BEHIND, Long.toString(reports.behind()));
        }
        return headers;
    }
}
