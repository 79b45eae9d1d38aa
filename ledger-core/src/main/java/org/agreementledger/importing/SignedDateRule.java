package org.agreementledger.importing;

/**
 * How a SIGNED value became a date. The first group reads a date as it was written; the second
 * group ({@link #repair()} true) corrects a typo, and only ever when exactly one plausible date
 * (on or after 1996-09-30, on or before the publication date) comes out of it. Every rule's name
 * is recorded with the row, so a researcher can audit each date the ledger did not take literally.
 */
public enum SignedDateRule {

    /** A number: Excel's day count (1900 system: 45785 is 2025-05-08; 1904 system if the workbook says so). ICE's usual form. */
    EXCEL_SERIAL(false),
    /** Excel's day count saved as text, as in a CSV export: {@code 45785}. */
    EXCEL_SERIAL_TEXT(false),
    /** US numeric month/day/year: {@code 5/8/2025}, {@code 05/08/2025}, {@code 5-8-2025}. */
    US_DATE(false),
    /** US numeric with a two-digit year, read as 20YY (19YY if 20YY is after publication): {@code 05/08/25}. */
    US_DATE_SHORT_YEAR(false),
    /** ISO 8601: {@code 2025-05-08} (a trailing time of day is ignored). */
    ISO_DATE(false),
    /** Month spelt out: {@code May 8, 2025}, {@code Sept. 8 2025}, {@code 8 May 2025}. */
    MONTH_NAME(false),

    /**
     * A separator left out: {@code 05/082025} (ICE, Campbell County VA) and {@code 1/152025} read as
     * 05/08/2025 and 1/15/2025; the year is always the last four digits. Also {@code 0508/2025} and
     * {@code 05082025}. Refused when the digits split into more than one plausible date.
     */
    MISSING_SEPARATOR(true),
    /**
     * A five-digit year: {@code 5/8/20255}. Each one-digit deletion is tried ({@code 0255},
     * {@code 2255}, {@code 2055}, {@code 2025}); used only when a single plausible year results.
     */
    EXTRA_YEAR_DIGIT(true),
    /**
     * A four-digit year that cannot be right, because it is after publication or before 287(g)
     * existed, but whose digits rearrange into exactly one plausible year: {@code 2205} or
     * {@code 2502} for 2025. Also applied to an Excel serial whose year is impossible.
     */
    YEAR_DIGITS_TRANSPOSED(true),
    /**
     * A month over 12 with a day of 12 or less, i.e. written day first: {@code 13/5/2025} is 2025-05-13.
     */
    MONTH_DAY_SWAPPED(true);

    private final boolean repair;

    SignedDateRule(boolean repair) {
        this.repair = repair;
    }

    /** True if the rule corrects a typo rather than reading a date as written. */
    public boolean repair() {
        return repair;
    }
}
