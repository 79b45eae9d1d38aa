package org.agreementledger.readiness;

import java.time.Duration;

/** A request that needs the whole ledger arrived before it was ready: answered 503 (web.ProblemHandler). */
public class LedgerNotReadyException extends RuntimeException {

    private final transient LedgerReadiness.Status status;
    private final transient Duration retryAfter;

    LedgerNotReadyException(LedgerReadiness.Status status, Duration retryAfter) {
        super(status.state() == LedgerReadiness.State.FAILED
                ? "the ledger could not finish loading (" + status.message() + "); reports stay unavailable until it"
                        + " is restarted"
                : "the ledger is not ready yet, " + status.message() + "; reports answer once it is done"
                        + " (GET /api/status tells how far it has got)");
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public boolean failed() {
        return status.state() == LedgerReadiness.State.FAILED;
    }

    /** How far loading has got, for the problem document. */
    public StatusDocument.Loading loading() {
        return StatusDocument.Loading.of(status);
    }

    /** When to ask again; null when asking again will not help (loading failed). */
    public Duration retryAfter() {
        return failed() ? null : retryAfter;
    }
}
