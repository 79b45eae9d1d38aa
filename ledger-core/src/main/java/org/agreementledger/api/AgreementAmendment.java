package org.agreementledger.api;

/**
 * A command that changes an agreement already signed: what the import's batch path needs to know of
 * each without asking which one it is (the agreement it amends, the version it expects).
 */
public sealed interface AgreementAmendment
        permits ChangeSupportModel, WithdrawAgreement, ReinstateAgreement, CorrectAgreement {

    String agreementId();

    /** The version the sender saw (the agreement's last sequence number), or null to skip the check. */
    Long expectedVersion();
}
