package org.agreementledger.importing;

import java.time.LocalDate;
import org.agreementledger.api.SupportModel;

/**
 * An agreement as the ledger holds it now, which is what a new publication is compared with.
 * {@code model} and {@code signedOn} are current (after model changes and corrections), so a row
 * is matched on what the agreement says today, not on the id it was given at signing.
 */
public record LedgerAgreement(String agreementId, String agencyId, String agencyName, String county,
                              String agencyType, SupportModel model, LocalDate signedOn, String moaLink,
                              boolean inForce) {

    /**
     * Agency, model and signing date: what identifies an agreement on ICE's list. The agency is the
     * listing's, which follows the name as known: after a name correction (Mantiowoc → Manitowoc) the
     * next list prints the new name, which must meet this agreement and not look like a new one.
     */
    String listingKey() {
        return ListingKey.of(agencyId, model, signedOn);
    }
}
