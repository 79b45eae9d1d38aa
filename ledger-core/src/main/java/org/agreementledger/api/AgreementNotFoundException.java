package org.agreementledger.api;

/** An event was asked of an agreement that was never signed. */
public class AgreementNotFoundException extends InvalidFieldException {

    public AgreementNotFoundException(String agreementId) {
        super("agreementId", "no agreement '" + agreementId + "' has been signed");
    }
}
