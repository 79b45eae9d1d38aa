package org.agreementledger.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import org.agreementledger.api.AgreementEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The raw event stream, read from the table with SQL and JSON, not through Axon or the
 * projection: what the oracle folds is exactly what the store accepted.
 */
record StoredEvents(JdbcTemplate jdbc, ObjectMapper json) {

    /** One stored event: its agreement, its place in the agreement's stream, its payload, its place in the store. */
    record Stored(String agreementId, long sequenceNumber, AgreementEvent event, long globalIndex) {
    }

    /** Every event of the store, each an agreement's: for a store holding nothing else. */
    List<Stored> all() {
        return read(false);
    }

    /** The agreements' events, leaving out requests and publications a store shared with imports holds. */
    List<Stored> agreementEvents() {
        return read(true);
    }

    private List<Stored> read(boolean agreementsOnly) {
        return jdbc.query("""
                select globalindex, aggregateidentifier, sequencenumber, payloadtype,
                       convert_from(payload, 'UTF8') as payload
                from domainevententry order by globalindex
                """, (row, n) -> {
            Class<?> type = type(row.getString("payloadtype"));
            if (agreementsOnly && !AgreementEvent.class.isAssignableFrom(type)) {
                return null;
            }
            return new Stored(row.getString("aggregateidentifier"), row.getLong("sequencenumber"),
                    read(type, row.getString("payload")), row.getLong("globalindex"));
        }).stream().filter(Objects::nonNull).toList();
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("unknown stored payload type " + name, e);
        }
    }

    private AgreementEvent read(Class<?> type, String payload) {
        try {
            return (AgreementEvent) json.readValue(payload, type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read stored " + type.getName() + ": " + payload, e);
        }
    }
}
