package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A request stopped being pending on {@code effectiveOn}; {@code agreementId} names the signing, if any. */
@Revision(Source.EVENT_REVISION)
public record AgreementRequestClosed(String requestId, RequestClosure reason, String agreementId,
                                     LocalDate effectiveOn, LocalDate knownOn, Source source) {
}
