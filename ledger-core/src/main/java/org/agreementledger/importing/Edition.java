package org.agreementledger.importing;

import java.util.Locale;

/**
 * ICE sometimes posts the sheet more than once a day and says which in the file name
 * ({@code ...05192025am.xlsx}, {@code ...10172025mid.xlsx}, {@code ...05192025pm.xlsx}). Declared in
 * publication order: morning, midday, afternoon.
 */
public enum Edition {
    AM,
    MID,
    PM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code am}, {@code mid} or {@code pm} in any case; null for null or blank. */
    public static Edition parse(String field, String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            return null;
        }
        return org.agreementledger.api.Fields.constant(field, text, Edition.class, "edition");
    }
}
