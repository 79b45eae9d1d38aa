package org.agreementledger.importing;

import java.time.LocalDate;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/**
 * An agreement as the ledger holds it now, which is what a new publication is compared with.
 * {@code model} and {@code signedOn} are current (after model changes and corrections), so a row
 * is matched on what the agreement says today, not on the id it was given at signing.
 */
public record LedgerAgreement(String agreementId, String agencyId, String agencyName, String county,
                              String agencyType, SupportModel model, LocalDate signedOn, String moaLink,
                              boolean inForce) {

    /** Agency, model and signing date: what identifies an agreement on ICE's list. */
    String listingKey() {
        return ListingKey.of(listedAgencyId(), model, signedOn);
    }

    /**
     * The agency as its current name makes it: after a name correction (Mantiowoc → Manitowoc) the
     * next list prints the new name, which must meet this agreement and not look like a new one.
     */
    String listedAgencyId() {
        String state = agencyId.substring(0, agencyId.indexOf('-'));
        return AgencyId.of(UsState.valueOf(state), agencyName);
    }
}
