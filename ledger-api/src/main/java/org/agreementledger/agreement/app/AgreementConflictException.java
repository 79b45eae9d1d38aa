package org.agreementledger.agreement.app;

/** Another append to the same agreement came first. The caller reloads and decides again. */
public class AgreementConflictException extends RuntimeException {

    public AgreementConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
