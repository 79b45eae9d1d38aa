package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A recorded fact of the signing was wrong. The old value stays in the history; this event
 * says what it should have been. Values are text; a corrected signedOn is an ISO date.
 */
@Revision(Source.EVENT_REVISION)
public record AgreementCorrected(String agreementId, CorrectableField field, String oldValue, String newValue,
                                 LocalDate effectiveOn, LocalDate knownOn, Source source) implements AgreementEvent {

    @Override
    public String summary() {
        return field + " corrected: '" + oldValue + "' -> '" + newValue + "'";
    }
}
