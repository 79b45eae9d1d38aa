package org.agreementledger.agreement.app;

import java.time.Instant;
import java.time.LocalDate;
import org.agreementledger.api.AgreementEvent;
import org.agreementledger.api.Source;

/**
 * One event of an agreement as an auditor reads it: what happened, when it took effect, when it
 * became public, when the ledger appended it, and on whose word.
 */
public record HistoryEntry(long sequenceNumber, String type, LocalDate effectiveOn, LocalDate knownOn,
                           Instant appendedAt, Source source, AgreementEvent event) {
}
