package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Set a recorded fact right. {@code oldValue} must be what the ledger holds now, so a correction
 * cannot silently overwrite another. {@code effectiveOn} defaults to {@code knownOn}.
 */
public record CorrectAgreement(@TargetAggregateIdentifier String agreementId, CorrectableField field,
                               String oldValue, String newValue, LocalDate effectiveOn, LocalDate knownOn,
                               Source source, @TargetAggregateVersion Long expectedVersion)
        implements AgreementAmendment {

    public CorrectAgreement {
        agreementId = Fields.required("agreementId", agreementId);
        Fields.required("field", field);
        oldValue = Fields.optional("oldValue", oldValue);
        newValue = Fields.optional("newValue", newValue);
        Fields.required("source", source);
        if (field == CorrectableField.agencyName) {
            // the corrected name becomes the agency's id in reports (AgencyId.of), so it must make one, as a signing's does
            newValue = Fields.agencyName("newValue", newValue);
        }
        if (field == CorrectableField.signedOn) {
            Fields.date("newValue", Fields.required("newValue", newValue));
        }
    }
}
