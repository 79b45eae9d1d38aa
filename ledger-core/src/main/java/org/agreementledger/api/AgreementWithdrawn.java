package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The agreement is no longer in force from {@code effectiveOn}. */
@Revision(Source.EVENT_REVISION)
public record AgreementWithdrawn(String agreementId, WithdrawalReason reason, LocalDate effectiveOn,
                                 LocalDate knownOn, Source source) implements AgreementEvent {

    @Override
    public String summary() {
        return "withdrawn: " + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
