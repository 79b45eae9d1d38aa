package org.agreementledger.api;

import java.time.LocalDate;

/** A request stopped being pending on {@code effectiveOn}; {@code agreementId} names the signing, if any. */
public record AgreementRequestClosed(String requestId, RequestClosure reason, String agreementId,
                                     LocalDate effectiveOn, LocalDate knownOn, Source source) {
}
