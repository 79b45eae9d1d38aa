package org.agreementledger.importing;

import java.time.LocalDate;

/**
 * What a SIGNED cell said and what the ledger made of it.
 *
 * @param raw  the cell as stored: the serial ({@code 45785}) or the text ({@code 05/082025}); "" if blank
 * @param date the signing date, or null when undated
 * @param rule how {@code date} was read or repaired; null when undated
 * @param note why a date is undated (unreadable, implausible, ambiguous); null when dated
 */
public record SignedDate(String raw, LocalDate date, SignedDateRule rule, String note) {

    static SignedDate dated(String raw, LocalDate date, SignedDateRule rule) {
        return new SignedDate(raw, date, rule, null);
    }

    static SignedDate undated(String raw, String note) {
        return new SignedDate(raw, null, null, note);
    }

    /** No rule gave a plausible date; the row is kept, without a signing date. */
    public boolean undated() {
        return date == null;
    }

    /** The repair rule applied, or null if the date was read as written (or is undated). */
    public SignedDateRule repair() {
        return rule != null && rule.repair() ? rule : null;
    }
}
