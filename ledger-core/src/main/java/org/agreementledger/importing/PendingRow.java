package org.agreementledger.importing;

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
 */
public record PendingRow(int sheetRow, UsState state, String agencyName, String agencyType, String county,
                         SupportModel model) implements PendingLine {

    public String agencyId() {
        return AgencyId.of(state, agencyName);
    }
}
