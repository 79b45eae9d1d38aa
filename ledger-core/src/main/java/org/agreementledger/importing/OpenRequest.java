package org.agreementledger.importing;

import org.agreementledger.api.SupportModel;

/** A request the ledger holds as pending now. */
public record OpenRequest(String requestId, String agencyId, SupportModel model) {

    String agencyAndModel() {
        return ListingKey.agencyAndModel(agencyId, model);
    }
}
