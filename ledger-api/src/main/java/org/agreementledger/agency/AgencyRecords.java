package org.agreementledger.agency;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Agreements with their current facts, from the importer's current-agreements table, where
 * {@code agency_id} is the agency as its name is known now (a rename moves it) while the agreement
 * id keeps the agency it was signed under.
 */
@Repository
class AgencyRecords {

    /** One agreement with its current facts; {@code agencyId} as its agency's name is known now. */
    record Held(String agreementId, String agencyId, String agencyName, UsState state, String county,
                String agencyType, SupportModel model, LocalDate signedOn, String moaLink, boolean inForce) {
    }

    private static final String COLUMNS = "select agreement_id, agency_id, agency_name, state, county, agency_type,"
            + " model, signed_on, moa_link, in_force from current_agreement";
    private static final String ORDER = " order by signed_on, agreement_id";

    private static final RowMapper<Held> HELD = (row, n) -> new Held(row.getString("agreement_id"),
            row.getString("agency_id"), row.getString("agency_name"), UsState.valueOf(row.getString("state")),
            row.getString("county"), row.getString("agency_type"), SupportModel.valueOf(row.getString("model")),
            row.getObject("signed_on", LocalDate.class), row.getString("moa_link"), row.getBoolean("in_force"));

    private final JdbcTemplate jdbc;

    AgencyRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Agreements known now under {@code agencyId}, or signed under it (their id begins {@code agencyId#}). */
    List<Held> knownAsOrSignedUnder(String agencyId) {
        // left(...) rather than LIKE: the id is the caller's text, and may hold LIKE's wildcards
        return jdbc.query(COLUMNS + " where agency_id = ? or left(agreement_id, length(?) + 1) = ? || '#'" + ORDER,
                HELD, agencyId, agencyId, agencyId);
    }

    /** Agreements known now under any of {@code agencyIds}. */
    List<Held> knownAs(Collection<String> agencyIds) {
        return jdbc.query(COLUMNS + " where agency_id = any(?::text[])" + ORDER, HELD,
                (Object) agencyIds.toArray(String[]::new));
    }
}
