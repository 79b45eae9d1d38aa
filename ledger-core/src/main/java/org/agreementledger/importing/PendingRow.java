package org.agreementledger.importing;

import java.util.List;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/**
 * One request as a pending-agencies sheet lists it: an agency that has asked for a model and
 * not yet signed. ICE gives no dates on this list. An agency asking for two models has two rows.
 *
 * @param sheetRow   the 1-based row number Excel shows
 * @param state      STATE
 * @param agencyName LAW ENFORCEMENT AGENCY as printed, trimmed
 * @param agencyType TYPE, or null if blank
 * @param county     COUNTY, or null if blank or {@code #N/A}
 * @param model      SUPPORT TYPE requested
 * @param repairs    STATE or SUPPORT TYPE read by a {@link SpellingRule}, if any
 */
public record PendingRow(int sheetRow, UsState state, String agencyName, String agencyType, String county,
                         SupportModel model, List<CellRepair> repairs) implements PendingLine {

    public PendingRow {
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
    }

    public String agencyId() {
        return AgencyId.of(state, agencyName);
    }
}
