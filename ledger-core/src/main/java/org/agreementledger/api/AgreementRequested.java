package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An agency asked for an agreement under {@code model}; pending from {@code effectiveOn}. */
@Revision(Source.EVENT_REVISION)
public record AgreementRequested(String requestId, String agencyId, String agencyName, UsState state, String county,
                                 String agencyType, SupportModel model, LocalDate effectiveOn, LocalDate knownOn,
                                 Source source) {
}
