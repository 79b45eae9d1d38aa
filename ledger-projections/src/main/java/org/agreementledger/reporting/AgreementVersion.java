package org.agreementledger.reporting;

import java.time.LocalDate;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/**
 * One version of an agreement in the bitemporal read model: what it looked like over a stretch of
 * valid time ({@code validFrom} inclusive to {@code validTo} exclusive; null means still in force),
 * as the public record stood over a stretch of knowledge time ({@code knownFrom} inclusive to
 * {@code knownTo} exclusive; null means this is what we know today). {@code agencyId} is the
 * agency as its name was known over that knowledge stretch ({@link AgreementVersions#agencyIdOf}),
 * which a rename changes; {@code agreementId} is fixed at signing.
 */
public record AgreementVersion(String agreementId, String agencyId, String agencyName, UsState state, String county,
                               String agencyType, SupportModel model, LocalDate signedOn, String moaLink,
                               LocalDate validFrom, LocalDate validTo, LocalDate knownFrom, LocalDate knownTo) {

    /** In force on {@code day}, as known on {@code knownAt}. */
    public boolean covers(LocalDate day, LocalDate knownAt) {
        return within(day, validFrom, validTo) && within(knownAt, knownFrom, knownTo);
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && (to == null || day.isBefore(to));
    }
}
