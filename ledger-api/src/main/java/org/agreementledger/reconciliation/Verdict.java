package org.agreementledger.reconciliation;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a published figure stands against the ledger's. */
public enum Verdict {
    MATCHES("matches"), DIFFERS("differs"), NO_DATA("no data");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }
}
