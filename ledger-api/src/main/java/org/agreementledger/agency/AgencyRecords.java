package org.agreementledger.agency;

import java.time.LocalDate;
import java.util.List;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** An agency's agreements as the ledger holds them now (the importer's current-agreements table). */
@Repository
class AgencyRecords {

    /** One agreement of the agency with its current facts. */
    record Held(String agreementId, String agencyName, UsState state, String county, String agencyType,
                SupportModel model, LocalDate signedOn, String moaLink, boolean inForce) {
    }

    private final JdbcTemplate jdbc;

    AgencyRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Held> agreementsOf(String agencyId) {
        return jdbc.query("select agreement_id, agency_name, state, county, agency_type, model, signed_on, moa_link,"
                + " in_force from current_agreement where agency_id = ? order by signed_on, agreement_id",
                (row, n) -> new Held(row.getString("agreement_id"), row.getString("agency_name"),
                        UsState.valueOf(row.getString("state")), row.getString("county"), row.getString("agency_type"),
                        SupportModel.valueOf(row.getString("model")), row.getObject("signed_on", LocalDate.class),
                        row.getString("moa_link"), row.getBoolean("in_force")), agencyId);
    }
}
