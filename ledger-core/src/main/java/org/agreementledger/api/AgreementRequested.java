package org.agreementledger.api;

import java.time.LocalDate;

/** An agency asked for an agreement under {@code model}; pending from {@code effectiveOn}. */
public record AgreementRequested(String requestId, String agencyId, String agencyName, UsState state, String county,
                                 String agencyType, SupportModel model, LocalDate effectiveOn, LocalDate knownOn,
                                 Source source) {
}
