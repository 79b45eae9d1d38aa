package org.agreementledger.reporting;

import org.agreementledger.api.AgreementEvent;

/** An agreement's event with its place in the agreement's stream, the tie-breaker of last resort. */
public record RecordedEvent(long sequenceNumber, AgreementEvent event) {
}
