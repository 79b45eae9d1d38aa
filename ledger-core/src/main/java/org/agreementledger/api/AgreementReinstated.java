package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A withdrawn agreement is in force again from {@code effectiveOn}. */
@Revision(Source.EVENT_REVISION)
public record AgreementReinstated(String agreementId, LocalDate effectiveOn, LocalDate knownOn, Source source)
        implements AgreementEvent {

    @Override
    public String summary() {
        return "reinstated";
    }
}
