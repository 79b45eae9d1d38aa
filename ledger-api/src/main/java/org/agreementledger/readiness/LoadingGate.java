package org.agreementledger.readiness;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.agreementledger.web.ReadInterceptor;

/**
 * Refuses the reads that need the whole ledger while it is not ready: reports, the agreements in
 * force and agreements' histories, agencies ({@code ReadinessWebConfiguration} says which paths).
 * Their answer would be a figure of a half-loaded ledger, indistinguishable from a real one; the
 * refusal is a 503 problem document saying how far loading has got, with {@code Retry-After}.
 * Appends and imports are not held back: they are checked against the ledger as it stands.
 */
final class LoadingGate extends ReadInterceptor {

    private final LedgerReadiness readiness;
    private final Duration retryAfter;

    LoadingGate(LedgerReadiness readiness, Duration retryAfter) {
        this.readiness = readiness;
        this.retryAfter = retryAfter;
    }

    @Override
    protected boolean beforeRead(HttpServletRequest request, HttpServletResponse response) {
        if (!readiness.isReady()) {
            throw new LedgerNotReadyException(readiness.status(), retryAfter);
        }
        return true;
    }
}
