package org.agreementledger.api;

import java.time.LocalDate;

/** The agreement is no longer in force from {@code effectiveOn}. */
public record AgreementWithdrawn(String agreementId, WithdrawalReason reason, LocalDate effectiveOn,
                                 LocalDate knownOn, Source source) implements AgreementEvent {

    @Override
    public String summary() {
        return "withdrawn: " + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
