package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * A withdrawn agreement is in force again from {@code effectiveOn}: typically one that vanished
 * from ICE's list and came back. Its history keeps both.
 */
public record ReinstateAgreement(@TargetAggregateIdentifier String agreementId, LocalDate effectiveOn,
                                 LocalDate knownOn, Source source, @TargetAggregateVersion Long expectedVersion)
        implements AgreementAmendment {

    public ReinstateAgreement {
        agreementId = Fields.required("agreementId", agreementId);
        Fields.required("effectiveOn", effectiveOn);
        Fields.required("source", source);
    }
}
