package org.agreementledger.reliability;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a ledger holds, in a form two ledgers can be compared by: the events (aggregate, sequence,
 * type: ids and timestamps differ between runs), the tables the importer keeps in the appending
 * transaction, the publications recorded, and the published report rows without their generation.
 */
record LedgerSnapshot(List<String> events, List<String> currentAgreements, List<String> requests,
                      List<String> publications, List<String> reportRows) {

    static LedgerSnapshot of(JdbcTemplate jdbc) {
        return new LedgerSnapshot(
                jdbc.queryForList("select aggregateidentifier || '|' || sequencenumber || '|' || payloadtype"
                        + " from domainevententry order by 1", String.class),
                jdbc.queryForList("select concat_ws('|', agreement_id, agency_id, state, agency_name, county,"
                        + " agency_type, model, signed_on, moa_link, in_force) from current_agreement order by 1",
                        String.class),
                jdbc.queryForList("select concat_ws('|', request_id, model, requested_on, closed_on, closure)"
                        + " from agreement_request order by 1", String.class),
                jdbc.queryForList("select concat_ws('|', sha256, kind, published_on, edition, file_name)"
                        + " from imported_publication order by 1", String.class),
                reportRows(jdbc));
    }

    static List<String> reportRows(JdbcTemplate jdbc) {
        return jdbc.queryForList("""
                select concat_ws('|', agreement_id, agency_id, agency_name, state, county, agency_type, model,
                                 signed_on, moa_link, valid, known)
                from report_agreement_version
                where generation = (select published from report_generation)
                order by 1
                """, String.class);
    }

    /** Events whose aggregate and sequence appear more than once: must always be none. */
    static List<String> duplicateEvents(JdbcTemplate jdbc) {
        return jdbc.queryForList("select aggregateidentifier || '#' || sequencenumber from domainevententry"
                + " group by aggregateidentifier, sequencenumber having count(*) > 1", String.class);
    }
}
