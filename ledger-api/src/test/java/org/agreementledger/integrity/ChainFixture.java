package org.agreementledger.integrity;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A ledger database of its own, migrated as the application would, with events written the way
 * Axon writes them (plain JDBC inserts; the trigger extends the chain) and a "hostile DBA" who
 * switches the triggers off for the session to rewrite history.
 */
final class ChainFixture implements AutoCloseable {

    final HikariDataSource dataSource = new HikariDataSource();
    final JdbcTemplate jdbc;
    private int appended;

    ChainFixture() {
        this(true);
    }

    /** @param rewriteBatchedInserts pgjdbc's setting, on for the application's connections */
    ChainFixture(boolean rewriteBatchedInserts) {
        LedgerDatabaseExtension.TestDatabase database = LedgerDatabaseExtension.newDatabase();
        dataSource.setJdbcUrl(database.url());
        dataSource.setUsername(database.user());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(8);
        dataSource.addDataSourceProperty("reWriteBatchedInserts", Boolean.toString(rewriteBatchedInserts));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    /** Appends {@code count} events, as Axon's JDBC storage engine would; returns their global indexes. */
    long[] append(int count) {
        long[] indexes = new long[count];
        for (int i = 0; i < count; i++) {
            indexes[i] = appendOne(jdbc);
        }
        return indexes;
    }

    long appendOne(JdbcTemplate on) {
        int n;
        synchronized (this) {
            n = ++appended;
        }
        String payload = "{\"agencyName\":\"Agency " + n + " Sheriff's Office\",\"knownOn\":\"2025-05-16\"}";
        return on.queryForObject("""
                insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                    payloadtype, payloadrevision, payload, metadata)
                values (?, ?, 0, 'Agreement', ?, 'org.agreementledger.api.AgreementSigned', null, ?, ?::bytea)
                returning globalindex""", Long.class, UUID.randomUUID().toString(), "AL-agency-" + n + "#JEM#2025-01-02",
                Instant.now().toString(), payload.getBytes(StandardCharsets.UTF_8),
                (n % 2 == 0 ? null : "{\"traceId\":\"t" + n + "\"}".getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Appends {@code count} events as one JDBC batch, as Axon writes a unit of work's events; with
     * reWriteBatchedInserts the driver sends them as multi-row INSERTs.
     */
    void appendBatch(JdbcTemplate on, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n;
            synchronized (this) {
                n = ++appended;
            }
            String payload = "{\"agencyName\":\"Agency " + n + " Sheriff's Office\",\"knownOn\":\"2025-05-16\"}";
            rows.add(new Object[] {UUID.randomUUID().toString(), "AL-agency-" + n + "#JEM#2025-01-02",
                    Instant.now().toString(), payload.getBytes(StandardCharsets.UTF_8),
                    n % 2 == 0 ? null : ("{\"traceId\":\"t" + n + "\"}").getBytes(StandardCharsets.UTF_8)});
        }
        on.batchUpdate("""
                insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                    payloadtype, payloadrevision, payload, metadata)
                values (?, ?, 0, 'Agreement', ?, 'org.agreementledger.api.AgreementSigned', null, ?, ?)""", rows);
    }

    /** Appends {@code count} events by one multi-row INSERT statement written out in SQL. */
    void appendInOneStatement(int count) {
        int first;
        synchronized (this) {
            first = appended + 1;
            appended += count;
        }
        jdbc.update("""
                insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                    payloadtype, payloadrevision, payload, metadata)
                select gen_random_uuid()::text, 'AL-agency-' || n || '#JEM#2025-01-02', 0, 'Agreement', now()::text,
                    'org.agreementledger.api.AgreementSigned', null,
                    convert_to('{"agencyName":"Agency ' || n || '"}', 'UTF8'), null
                from generate_series(?::int, ?::int) n order by n""", first, first + count - 1);
    }

    /** What a superuser can do: statements run with every trigger off (session_replication_role = replica). */
    void asHostileDba(String... statements) {
        jdbc.execute((java.sql.Connection connection) -> {
            try (var statement = connection.createStatement()) {
                statement.execute("set session_replication_role = replica");
                try {
                    for (String sql : statements) {
                        statement.execute(sql);
                    }
                } finally {
                    statement.execute("set session_replication_role = default");
                }
            }
            return null;
        });
    }

    long globalIndexAt(long position) {
        return jdbc.queryForObject("select globalindex from ledger_chain where position = ?", Long.class, position);
    }

    /** A small fetch size, so even a short chain is read over several round trips. */
    LedgerChain chain() {
        return chain(10_000);
    }

    /** @param reorderWindow links held back, waiting for their turn, before the walk is done in chain order */
    LedgerChain chain(int reorderWindow) {
        return new LedgerChain(dataSource, new DataSourceTransactionManager(dataSource), 3, reorderWindow);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
