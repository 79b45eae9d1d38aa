package org.agreementledger.demo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Properties;
import java.util.UUID;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.Source;
import org.agreementledger.api.SourceKind;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Whether a ledger holds synthetic data, asked of a store whose payloads PostgreSQL's jsonb cannot all
 * read. The store is a table of its own in a schema of its own (the ledger's functions stay visible
 * through the search path), so the test can put into it what no test may put into a shared store: a
 * synthetic event, events jsonb refuses, a payload that is not even UTF-8.
 */
class LedgerSourcesTest extends LedgerIntegrationTest {

    private static final LocalDate DAY = LocalDate.of(2025, 1, 2);

    @Autowired
    JdbcTemplate shared;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Value("${ledger.db.url}")
    String url;
    @Value("${ledger.db.user}")
    String user;
    @Value("${ledger.db.password:#{null}}")
    String password;

    private JdbcTemplate store;
    private LedgerSources sources;

    @BeforeEach
    void aStoreOfItsOwn() {
        String schema = "sources_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        shared.execute("create schema " + schema);
        shared.execute("create table " + schema + ".domainevententry (like public.domainevententry including all)");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, password);
        Properties properties = new Properties();
        properties.setProperty("currentSchema", schema + ",public");
        dataSource.setConnectionProperties(properties);
        store = new JdbcTemplate(dataSource);
        sources = new LedgerSources(store, serializer);
    }

    private void append(SourceKind kind, String agencyName) {
        AgreementSigned event = new AgreementSigned("AL-x#JEM#" + DAY, "AL-x", agencyName, UsState.AL, null, null,
                SupportModel.JEM, DAY, null, DAY, DAY, new Source(kind, "a title", null, null, null, null), null);
        append(serializer.serialize(event, byte[].class).getData());
    }

    private void append(byte[] payload) {
        store.update("insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, timestamp,"
                        + " payloadtype, payload) values (?, ?, 0, ?, ?, ?)", UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), Instant.now().toString(), AgreementSigned.class.getName(), payload);
    }

    @Test
    void eventsJsonbRefusesAreReadThroughAxonsSerializer() {
        append(SourceKind.MANUAL, "Colbert County Sheriff's Office");
        append(SourceKind.PRESS, "Sur\ud800 Office"); // stored by Jackson as the escape \uD800
        append("{\"not\":\"UTF-8 \u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(store.queryForObject("select count(*) from domainevententry where ledger_payload_json(payload)"
                + " is null", Long.class)).as("payloads jsonb cannot read").isEqualTo(2);

        assertThat(sources.holdsSynthetic()).isFalse();
        assertThat(sources.events()).isEqualTo(3);
        assertThat(sources.nonSynthetic()).as("real, or unreadable: not the demo's").isEqualTo(3);

        // a synthetic event jsonb refuses is still found, by the incremental look at new events
        append(SourceKind.SYNTHETIC, "Synthetic\ud800 Office");
        assertThat(sources.holdsSynthetic()).isTrue();
        assertThat(sources.nonSynthetic()).isEqualTo(3);
        append(SourceKind.SYNTHETIC, "Synthetic Office");
        assertThat(sources.nonSynthetic()).isEqualTo(3);
        assertThat(sources.events()).isEqualTo(5);
    }

    @Test
    void aSyntheticEventJsonbReadsIsFoundInSql() {
        append(SourceKind.MANUAL, "Colbert County Sheriff's Office");
        assertThat(sources.holdsSynthetic()).isFalse();
        append(SourceKind.SYNTHETIC, "Synthetic Office");
        assertThat(sources.holdsSynthetic()).isTrue();
        assertThat(sources.nonSynthetic()).isEqualTo(1);
    }

    @Test
    void theFunctionReadsWhatJsonbReadsAndAnswersNullForTheRest() {
        assertThat(shared.queryForObject("select ledger_payload_json(convert_to('{\"source\":{\"kind\":\"PRESS\"}}',"
                + " 'UTF8')) -> 'source' ->> 'kind'", String.class)).isEqualTo("PRESS");
        assertThat(shared.queryForObject("select ledger_payload_json(convert_to('{\"a\":\"\\ud800 x\"}', 'UTF8'))"
                + " is null", Boolean.class)).isTrue();
        assertThat(shared.queryForObject("select ledger_payload_json('\\xff'::bytea) is null", Boolean.class)).isTrue();
        assertThat(shared.queryForObject("select ledger_payload_json(convert_to('{\"a\":\"\\u0000\"}', 'UTF8'))"
                + " is null", Boolean.class)).isTrue();
    }
}
