package org.agreementledger.importing;

import java.time.LocalDate;
import org.agreementledger.api.AgreementId;
import org.agreementledger.api.SupportModel;

/** The agency, model and signing date of an agreement, in the agreement id's own spelling. */
final class ListingKey {

    private ListingKey() {
    }

    static String of(String agencyId, SupportModel model, LocalDate signedOn) {
        return AgreementId.of(agencyId, model, signedOn);
    }

    static String of(SheetRow row) {
        return of(row.agencyId(), row.model(), row.signedOn());
    }

    /** Agency and model only, to find an agreement whose date ICE corrected or could not print. */
    static String agencyAndModel(String agencyId, SupportModel model) {
        return agencyId + "#" + model.name();
    }

    /** Agency and date only, to find an agreement whose model changed. */
    static String agencyAndDate(String agencyId, LocalDate signedOn) {
        return agencyId + "#" + signedOn;
    }
}
