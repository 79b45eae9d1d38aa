package org.agreementledger.agency;

/** No agreement of the ledger belongs to this agency id. */
public class AgencyNotFoundException extends RuntimeException {

    public AgencyNotFoundException(String agencyId) {
        super("agencyId: no agreement in the ledger belongs to agency '"
                + org.agreementledger.api.Fields.abbreviate(agencyId) + "'");
    }
}
