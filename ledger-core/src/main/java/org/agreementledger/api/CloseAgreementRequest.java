package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A request is no longer pending: signed (naming the agreement) or gone from ICE's pending list. */
public record CloseAgreementRequest(@TargetAggregateIdentifier String requestId, RequestClosure reason,
                                    String agreementId, LocalDate effectiveOn, LocalDate knownOn, Source source) {

    public CloseAgreementRequest {
        requestId = Fields.required("requestId", requestId);
        Fields.required("reason", reason);
        Fields.required("effectiveOn", effectiveOn);
        Fields.required("source", source);
        if (reason == RequestClosure.SIGNED) {
            Fields.required("agreementId", agreementId);
        }
    }
}
