package org.agreementledger.api;

import java.util.Locale;

/** Why an agreement stopped being in force. */
public enum WithdrawalReason {
    WITHDRAWN_BY_AGENCY,
    TERMINATED_BY_ICE,
    SUPERSEDED_BY_RENEWAL,
    /** ICE's published list stopped naming it, and nobody said why. */
    REMOVED_FROM_ICE_LIST;

    public static WithdrawalReason parse(String field, String value) {
        String text = Fields.required(field, value);
        String normalized = text.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        for (WithdrawalReason reason : values()) {
            if (reason.name().equals(normalized)) {
                return reason;
            }
        }
        throw new InvalidFieldException(field, "unknown reason '" + Fields.abbreviate(text)
                + "'; expected one of withdrawn-by-agency, terminated-by-ice, superseded-by-renewal, removed-from-ice-list");
    }
}
