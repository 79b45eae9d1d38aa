package org.agreementledger.api;

/** Where a fact came from. */
public enum SourceKind {
    ICE_SHEET,
    PENDING_SHEET,
    PRESS,
    MANUAL,
    SYNTHETIC;

    public static SourceKind parse(String field, String value) {
        String text = Fields.required(field, value);
        String normalized = text.strip().toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]+", "_");
        for (SourceKind kind : values()) {
            if (kind.name().equals(normalized)) {
                return kind;
            }
        }
        throw new InvalidFieldException(field, "unknown source kind '" + Fields.abbreviate(text)
                + "'; expected one of ice-sheet, pending-sheet, press, manual, synthetic");
    }
}
