package org.agreementledger.api;

/** Why an agreement stopped being in force. */
public enum WithdrawalReason {
    WITHDRAWN_BY_AGENCY,
    TERMINATED_BY_ICE,
    SUPERSEDED_BY_RENEWAL,
    /** ICE's published list stopped naming it, and nobody said why. */
    REMOVED_FROM_ICE_LIST;

    public static WithdrawalReason parse(String field, String value) {
        return Fields.constant(field, value, WithdrawalReason.class, "reason");
    }
}
