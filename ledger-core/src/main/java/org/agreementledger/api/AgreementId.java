package org.agreementledger.api;

import java.time.LocalDate;

/**
 * An agreement's identity: {@code {agencyId}#{MODEL}#{signedOn}}. Fixed at signing; a later
 * model change or correction does not rename the agreement.
 */
public final class AgreementId {

    private AgreementId() {
    }

    /** A null signing date (unreadable as published) gives {@code #undated}. */
    public static String of(String agencyId, SupportModel model, LocalDate signedOn) {
        return agencyId + "#" + model.name() + "#" + (signedOn == null ? DateRepair.UNDATED : signedOn);
    }

    /** The agency part of an agreement id. */
    public static String agencyOf(String agreementId) {
        int hash = agreementId.indexOf('#');
        return hash < 0 ? agreementId : agreementId.substring(0, hash);
    }
}
