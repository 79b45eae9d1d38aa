package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that an agency asked ICE for an agreement under a model (ICE's pending-agencies list). */
public record RequestAgreement(@TargetAggregateIdentifier String requestId, UsState state, String agencyName,
                               String county, String agencyType, SupportModel model, LocalDate effectiveOn,
                               LocalDate knownOn, Source source) {

    public RequestAgreement {
        Fields.required("state", state);
        agencyName = Fields.agencyName("agencyName", agencyName);
        Fields.required("model", model);
        Fields.required("effectiveOn", effectiveOn);
        Fields.required("source", source);
        requestId = AgreementRequestId.of(AgencyId.of(state, agencyName), model, effectiveOn);
    }

    public String agencyId() {
        return AgencyId.of(state, agencyName);
    }
}
