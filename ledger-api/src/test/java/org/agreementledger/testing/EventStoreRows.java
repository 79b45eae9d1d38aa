package org.agreementledger.testing;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the event table directly, so tests see what is stored and not what Axon says it stored. */
public record EventStoreRows(JdbcTemplate jdbc) {

    public long count() {
        return jdbc.queryForObject("select count(*) from domainevententry", Long.class);
    }

    public long countFor(String agreementId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?", Long.class,
                agreementId);
    }
}
