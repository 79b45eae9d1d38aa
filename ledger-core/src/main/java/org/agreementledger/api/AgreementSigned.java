package org.agreementledger.api;

import java.time.LocalDate;

/** An agency signed a 287(g) memorandum of agreement under one support model. */
public record AgreementSigned(String agreementId, String agencyId, String agencyName, UsState state, String county,
                              String agencyType, SupportModel model, LocalDate signedOn, String moaLink,
                              LocalDate effectiveOn, LocalDate knownOn, Source source) implements AgreementEvent {

    @Override
    public String summary() {
        return agencyName + " (" + state  + (county == null ? "" : ", " + county) + ") signed "
                + model.title() + " on " + signedOn + (moaLink == null ? "" : "; MOA " + moaLink);
    }
}
