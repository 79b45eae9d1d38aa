package org.agreementledger.importing;

/**
 * ICE sometimes posts the sheet twice a day and says which in the file name
 * ({@code ...05192025am.xlsx}, {@code ...05192025pm.xlsx}). Declared in publication order.
 */
public enum Edition {
    AM,
    PM;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
