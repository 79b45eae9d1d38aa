package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Record that an agreement ended. See {@link ChangeSupportModel} for {@code expectedVersion}. */
public record WithdrawAgreement(@TargetAggregateIdentifier String agreementId, WithdrawalReason reason,
                                LocalDate effectiveOn, LocalDate knownOn, Source source,
                                @TargetAggregateVersion Long expectedVersion)
        implements AgreementAmendment {

    public WithdrawAgreement {
        agreementId = Fields.required("agreementId", agreementId);
        Fields.required("reason", reason);
        Fields.required("effectiveOn", effectiveOn);
        Fields.required("source", source);
    }
}
