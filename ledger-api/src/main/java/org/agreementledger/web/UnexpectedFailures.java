package org.agreementledger.web;

import java.time.Duration;
import java.time.Instant;
import org.agreementledger.database.DatabaseAvailability;
import org.agreementledger.database.DatabaseOutages;
import org.agreementledger.database.LedgerDatabaseProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The answer to a failure no handler foresaw, wherever it was raised (a controller, a filter): the
 * database being away is a 503 with Retry-After, worth asking again; anything else a 500, logged.
 * Both are problem documents, and neither tells a client more than what happened and when.
 */
@Component
class UnexpectedFailures {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedFailures.class);

    private final DatabaseAvailability availability;
    private final Duration retryAfter;

    UnexpectedFailures(DatabaseAvailability availability, LedgerDatabaseProperties database) {
        this.availability = availability;
        this.retryAfter = database.supervision().retryAfter();
    }

    /** @param logIt false where the servlet container has logged the failure already */
    ResponseEntity<ProblemDetail> answer(Throwable failure, String request, boolean logIt) {
        if (DatabaseOutages.isOutage(failure) || !availability.up()) {
            String detail = availability.outage().map(DatabaseAvailability.Outage::message)
                    .orElse("the ledger's database did not answer; ask again in a few seconds");
            log.warn("{}: answered 503, the database is away ({})", request, failure.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                    .body(Problems.databaseUnavailable(detail));
        }
        Instant at = Instant.now();
        if (logIt) {
            log.error("{}: unexpected failure, answered 500 (logged at {})", request, at, failure);
        }
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error", "the ledger could not answer this request because of an error of its own ("
                        + failure.getClass().getSimpleName() + ", logged at " + at + ")", null));
    }
}
