package org.agreementledger.demo;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What kinds of sources the ledger's events come from, read from the event store's JSON payloads.
 * Whether the ledger holds synthetic data is asked on every report, so the answer is cached and
 * only events appended since the last look are read: the store is append-only, and once a synthetic
 * event is in, it stays.
 */
@Repository
public class LedgerSources {

    /** What every report on a ledger holding synthetic data says, in JSON, CSV and on the page. */
    public static final String NOTICE = "SYNTHETIC DATA: this ledger holds a made-up demo history (bin/ledger demo),"
            + " not real agreements; its figures only imitate published ones.";

    private static final String KIND = "upper(convert_from(payload, 'UTF8')::jsonb -> 'source' ->> 'kind')";

    private final JdbcTemplate jdbc;
    private long checkedUpTo = -1;
    private boolean synthetic;

    LedgerSources(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True when any event of the ledger has source kind SYNTHETIC. */
    public synchronized boolean holdsSynthetic() {
        if (synthetic) {
            return true;
        }
        Long head = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        if (head == null || head <= checkedUpTo) {
            return false;
        }
        synthetic = Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from domainevententry"
                + " where globalindex > ? and globalindex <= ? and " + KIND + " = 'SYNTHETIC')",
                Boolean.class, checkedUpTo, head));
        checkedUpTo = head;
        return synthetic;
    }

    /** Events in the store. */
    public long events() {
        return jdbc.queryForObject("select count(*) from domainevententry", Long.class);
    }

    /** Events whose source is anything but SYNTHETIC (a publication's record has no source: it counts). */
    public long nonSynthetic() {
        return jdbc.queryForObject("select count(*) from domainevententry where " + KIND
                + " is distinct from 'SYNTHETIC'", Long.class);
    }
}
