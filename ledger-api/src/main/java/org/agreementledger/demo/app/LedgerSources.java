package org.agreementledger.demo.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.agreementledger.api.SourceKind;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What kinds of sources the ledger's events come from, read from the event store's JSON payloads.
 * Whether the ledger holds synthetic data is asked on every report, so the answer is cached and
 * only events appended since the last look are read: the store is append-only, and once a synthetic
 * event is in, it stays.
 *
 * <p>Every report asks, so no stored payload may make the question fail: SQL reads payloads through
 * {@code ledger_payload_json} (Flyway V12), which answers null for one PostgreSQL's jsonb refuses (an
 * escaped lone surrogate stored before the edge refused ill-formed text), and those few are read
 * through Axon's serializer, which reads them as the rest of the ledger does.
 */
@Repository
public class LedgerSources {

    /** What every report on a ledger holding synthetic data says, in JSON, CSV and on the page. */
    public static final String NOTICE = "SYNTHETIC DATA: this ledger holds a made-up demo history (bin/ledger demo),"
            + " not real agreements; its figures only imitate published ones.";

    private static final String KIND = "upper(ledger_payload_json(payload) -> 'source' ->> 'kind')";
    private static final String RANGE = " from domainevententry where globalindex > ? and globalindex <= ?";

    private final JdbcTemplate jdbc;
    private final Serializer events;
    private long checkedUpTo = -1;
    private boolean synthetic;

    LedgerSources(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer events) {
        this.jdbc = jdbc;
        this.events = events;
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
        synthetic = Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1" + RANGE + " and " + KIND
                + " = 'SYNTHETIC')", Boolean.class, checkedUpTo, head))
                || unreadableInSql(checkedUpTo, head).stream().anyMatch(this::synthetic);
        checkedUpTo = head;
        return synthetic;
    }

    /** Events in the store. */
    public long events() {
        return jdbc.queryForObject("select count(*) from domainevententry", Long.class);
    }

    /**
     * Events whose source is anything but SYNTHETIC (a publication's record has no source: it counts;
     * so does an event nothing can read).
     */
    public long nonSynthetic() {
        // those SQL cannot read have no kind there, so the count holds them: take out any that are synthetic
        long notSyntheticInSql = jdbc.queryForObject("select count(*) from domainevententry where " + KIND
                + " is distinct from 'SYNTHETIC'", Long.class);
        return notSyntheticInSql - unreadableInSql(-1, Long.MAX_VALUE).stream().filter(this::synthetic).count();
    }

    /** The payloads, in the range, that PostgreSQL cannot read as jsonb. */
    private List<byte[]> unreadableInSql(long after, long upTo) {
        return jdbc.query("select payload" + RANGE + " and ledger_payload_json(payload) is null",
                (row, n) -> row.getBytes(1), after, upTo);
    }

    private boolean synthetic(byte[] payload) {
        try {
            JsonNode event = events.getConverter().convert(payload, JsonNode.class);
            return SourceKind.SYNTHETIC.name().equals(event.path("source").path("kind").asText()
                    .toUpperCase(Locale.ROOT));
        } catch (RuntimeException unreadable) {
            return false; // not even JSON: no reader can say it came from anywhere, let alone the demo
        }
    }
}
