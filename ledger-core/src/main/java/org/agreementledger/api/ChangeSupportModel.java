package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Move an agreement to another support model. {@code expectedVersion}, when given, is the
 * sequence number of the last event the caller saw: an append on top of anything else conflicts.
 */
public record ChangeSupportModel(@TargetAggregateIdentifier String agreementId, SupportModel to,
                                 LocalDate effectiveOn, LocalDate knownOn, Source source,
                                 @TargetAggregateVersion Long expectedVersion)
        implements AgreementAmendment {

    public ChangeSupportModel {
        agreementId = Fields.required("agreementId", agreementId);
        Fields.required("to", to);
        Fields.required("effectiveOn", effectiveOn);
        Fields.required("source", source);
    }
}
