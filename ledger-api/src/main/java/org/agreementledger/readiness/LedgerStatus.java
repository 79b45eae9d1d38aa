package org.agreementledger.readiness;

import org.agreementledger.database.DatabaseAvailability;
import org.agreementledger.reporting.ReportPosition;
import org.agreementledger.reporting.ReportProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The ledger's state for {@code GET /api/status}: ready or not (or its database out), and how far the reports have got. */
@Service
record LedgerStatus(LedgerReadiness readiness, ReportProcessor reports, DatabaseAvailability database) {

    private static final Logger log = LoggerFactory.getLogger(LedgerStatus.class);

    /** While the database is out, that is the state: asking it how far the reports are would wait for it. */
    StatusDocument now() {
        return database.outage().map(StatusDocument::unavailable)
                .orElseGet(() -> StatusDocument.of(readiness.status(), reportsNow()));
    }

    /** Absent rather than failing: the status must answer even while the database does not. */
    private StatusDocument.Reports reportsNow() {
        try {
            ReportPosition position = reports.reportPosition();
            return new StatusDocument.Reports(position.position(), position.head(), position.behind());
        } catch (RuntimeException e) {
            log.debug("status without the reports' position: {}", e.getMessage());
            return null;
        }
    }
}
