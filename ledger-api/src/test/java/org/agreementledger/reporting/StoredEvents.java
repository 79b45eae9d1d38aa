package org.agreementledger.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.agreementledger.api.AgreementEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The raw event stream, read from the table with SQL and JSON, not through Axon or the
 * projection: what the oracle folds is exactly what the store accepted.
 */
record StoredEvents(JdbcTemplate jdbc, ObjectMapper json) {

    /** One stored event: its agreement, its place in the agreement's stream, its payload. */
    record Stored(String agreementId, long sequenceNumber, AgreementEvent event) {
    }

    List<Stored> all() {
        return jdbc.query("""
                select aggregateidentifier, sequencenumber, payloadtype, convert_from(payload, 'UTF8') as payload
                from domainevententry order by globalindex
                """, (row, n) -> new Stored(row.getString("aggregateidentifier"), row.getLong("sequencenumber"),
                read(row.getString("payloadtype"), row.getString("payload"))));
    }

    private AgreementEvent read(String type, String payload) {
        try {
            return (AgreementEvent) json.readValue(payload, Class.forName(type));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read stored " + type + ": " + payload, e);
        }
    }
}
