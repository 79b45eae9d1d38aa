package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a signing. {@code effectiveOn} defaults to {@code signedOn}; {@code knownOn} defaults
 * to the day of the append. An unreadable signing date is null, with {@code signedOnRepair} saying
 * so and {@code effectiveOn} required: the agreement id then ends in {@code #undated}.
 */
public record SignAgreement(@TargetAggregateIdentifier String agreementId, UsState state, String agencyName,
                            String county, String agencyType, SupportModel model, LocalDate signedOn,
                            String moaLink, LocalDate effectiveOn, LocalDate knownOn, Source source,
                            DateRepair signedOnRepair) {

    public SignAgreement {
        Fields.required("state", state);
        agencyName = Fields.agencyName("agencyName", agencyName);
        county = Fields.optional("county", county);
        agencyType = Fields.optional("agencyType", agencyType);
        Fields.required("model", model);
        if (signedOn == null && (signedOnRepair == null || !DateRepair.UNDATED.equals(signedOnRepair.rule()))) {
            throw new InvalidFieldException("signedOn", "is required");
        }
        if (signedOn == null) {
            Fields.required("effectiveOn", effectiveOn);
        }
        moaLink = Fields.optional("moaLink", moaLink);
        Fields.required("source", source);
        if (effectiveOn == null) {
            effectiveOn = signedOn;
        }
        String expected = AgreementId.of(AgencyId.of(state, agencyName), model, signedOn);
        if (agreementId == null) {
            agreementId = expected;
        } else if (!agreementId.equals(expected)) {
            throw new InvalidFieldException("agreementId", "'" + Fields.abbreviate(agreementId)
                    + "' does not match the agency, model and signing date; expected '" + expected + "'");
        }
    }

    public SignAgreement(UsState state, String agencyName, String county, String agencyType, SupportModel model,
                         LocalDate signedOn, String moaLink, LocalDate effectiveOn, LocalDate knownOn, Source source) {
        this(null, state, agencyName, county, agencyType, model, signedOn, moaLink, effectiveOn, knownOn, source, null);
    }

    public SignAgreement(String agreementId, UsState state, String agencyName, String county, String agencyType,
                         SupportModel model, LocalDate signedOn, String moaLink, LocalDate effectiveOn,
                         LocalDate knownOn, Source source) {
        this(agreementId, state, agencyName, county, agencyType, model, signedOn, moaLink, effectiveOn, knownOn, source,
                null);
    }

    public String agencyId() {
        return AgreementId.agencyOf(agreementId);
    }
}
