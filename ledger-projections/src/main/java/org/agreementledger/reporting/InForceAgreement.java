package org.agreementledger.reporting;

import java.time.LocalDate;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/**
 * An agreement in force on the day asked, with its facts as known then. {@code validFrom} and
 * {@code validTo} bound this version (a model change starts a new one), not the whole agreement.
 */
public record InForceAgreement(String agreementId, String agencyId, String agencyName, UsState state, String county,
                               String agencyType, SupportModel model, LocalDate signedOn, String moaLink,
                               LocalDate validFrom, LocalDate validTo) {
}
