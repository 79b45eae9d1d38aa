package org.agreementledger.api;

/** Where a fact came from. */
public enum SourceKind {
    ICE_SHEET,
    PENDING_SHEET,
    PRESS,
    MANUAL,
    SYNTHETIC;

    public static SourceKind parse(String field, String value) {
        return Fields.constant(field, value, SourceKind.class, "source kind");
    }
}
