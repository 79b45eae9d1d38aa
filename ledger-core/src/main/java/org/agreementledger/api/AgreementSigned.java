package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * An agency signed a 287(g) memorandum of agreement under one support model. {@code signedOn} is
 * null when the signing date could not be read ({@code signedOnRepair} then says so); in force from
 * {@code effectiveOn} either way.
 */
@Revision(Source.EVENT_REVISION)
public record AgreementSigned(String agreementId, String agencyId, String agencyName, UsState state, String county,
                              String agencyType, SupportModel model, LocalDate signedOn, String moaLink,
                              LocalDate effectiveOn, LocalDate knownOn, Source source, DateRepair signedOnRepair)
        implements AgreementEvent {

    @Override
    public String summary() {
        return agencyName + " (" + state  + (county == null ? "" : ", " + county) + ") signed "
                + model.title() + (signedOn == null ? ", date unreadable" : " on " + signedOn)
                + (signedOnRepair == null || signedOn == null ? "" : " (read from '" + signedOnRepair.raw() + "' by rule "
                + signedOnRepair.rule() + ")") + (moaLink == null ? "" : "; MOA " + moaLink);
    }
}
