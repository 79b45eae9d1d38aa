package org.agreementledger.importing;

import java.time.LocalDate;
import java.util.List;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.AgreementId;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/**
 * One agreement as a participating-agencies sheet lists it.
 *
 * @param sheetRow   the 1-based row number Excel shows
 * @param state      STATE
 * @param agencyName LAW ENFORCEMENT AGENCY as printed, trimmed
 * @param agencyType TYPE (County, Municipality, State Agency), or null if blank
 * @param county     COUNTY, or null if blank or {@code #N/A} (ICE's lookup fails for most
 *                   municipal and state agencies)
 * @param model      SUPPORT TYPE
 * @param signed     SIGNED: the raw value, the date if any, and the rule that read or repaired it
 * @param moaText    MOA as printed, spaces tidied: {@code link}, {@code link pending}, a URL, {@code link | addendum}
 * @param moaLink    the MOA's address: the cell's hyperlink, or the text if it is a URL; else null
 * @param addendum   ADDENDUM (hyperlink target or text), null if blank or the column is absent
 * @param repairs    STATE or SUPPORT TYPE read by a {@link SpellingRule}, if any
 */
public record SheetRow(int sheetRow, UsState state, String agencyName, String agencyType, String county,
                       SupportModel model, SignedDate signed, String moaText, String moaLink, String addendum,
                       List<CellRepair> repairs)
        implements SheetLine {

    public SheetRow {
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
    }

    public LocalDate signedOn() {
        return signed.date();
    }

    /** SIGNED exactly as the file stores it: {@code 45785} for a date cell, the text otherwise. */
    public String signedRaw() {
        return signed.raw();
    }

    /** How SIGNED was read or repaired; null when undated. */
    public SignedDateRule signedRule() {
        return signed.rule();
    }

    /** No rule gave a plausible signing date; the agreement is listed, its date unknown. */
    public boolean undated() {
        return signed.undated();
    }

    /** The typo repair applied to SIGNED, or null if it was read as written. */
    public SignedDateRule repair() {
        return signed.repair();
    }

    public String agencyId() {
        return AgencyId.of(state, agencyName);
    }

    /** The ledger's agreement id, or null while the agreement is undated. */
    public String agreementId() {
        return undated() ? null : AgreementId.of(agencyId(), model, signedOn());
    }
}
