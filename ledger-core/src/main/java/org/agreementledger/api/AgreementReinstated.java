package org.agreementledger.api;

import java.time.LocalDate;

/** A withdrawn agreement is in force again from {@code effectiveOn}. */
public record AgreementReinstated(String agreementId, LocalDate effectiveOn, LocalDate knownOn, Source source)
        implements AgreementEvent {

    @Override
    public String summary() {
        return "reinstated";
    }
}
