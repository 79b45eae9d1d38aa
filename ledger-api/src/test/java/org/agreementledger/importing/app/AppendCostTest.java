package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.agreementledger.agreement.app.AgreementBatch;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database side of an import's append, measured on demand ({@code -Dledger.appendCost=20000}):
 * the same Axon-shaped rows inserted, in one run on one server, into the bench's plain baseline table
 * (a bigserial key only), into {@code domainevententry} with its triggers off (its indexes only) and
 * on (the hash chain as migrated now: since V8 a statement trigger notes each INSERT's rows and one
 * deferred trigger links the transaction's events at its commit), each with and without pgjdbc's
 * reWriteBatchedInserts, and the subscribing projection's {@code current_agreement} inserts. Each
 * variant gets a fresh database. (The bench's baseline runs on the application's pool, where
 * reWriteBatchedInserts is on.) The measurement prints figures and asserts only that every row
 * reached its table (not that the chain linked it). {@link #planOfTheBatchLoad} runs in every build.
 */
@ExtendWith(LedgerDatabaseExtension.class)
class AppendCostTest {

    /** The bench's plain baseline batch. */
    private static final int PLAIN_BATCH = 1_000;
    /** The bench's AtomicAppender transaction: Axon writes a unit of work's events as one JDBC batch. */
    private static final int STORE_BATCH = 2_500;

    private static final String STORE_INSERT = """
            insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                payloadtype, payloadrevision, payload, metadata)
            values (?, ?, 0, 'Agreement', ?, 'org.agreementledger.api.AgreementSigned', null, ?, ?)""";

    private enum Variant { PLAIN, STORE_NO_TRIGGERS, STORE_CHAINED, CURRENT_AGREEMENT }

    @Test
    @EnabledIfSystemProperty(named = "ledger.appendCost", matches = "\\d+")
    void databaseSideOfTheAppend() throws SQLException {
        int rows = Integer.parseInt(System.getProperty("ledger.appendCost"));
        StringBuilder report = new StringBuilder("append cost, " + rows + " rows a variant, same run:\n");
        for (int round = 1; round <= 2; round++) {
            for (Variant variant : Variant.values()) {
                for (boolean rewrite : new boolean[] {false, true}) {
                    double rate = measure(variant, rewrite, rows);
                    report.append(String.format("  round %d %-18s rewrite=%-5s %,10.0f rows/s  %6.1f us a row%n",
                            round, variant, rewrite, rate, 1e6 / rate));
                }
            }
        }
        System.out.print(report);
    }

    /**
     * The plan of AgreementBatch's one query (index look-ups, never a scan of the store) for a batch's
     * amended agreements, on a store of {@code rows} events just written (no ANALYZE yet, as in an
     * import into a fresh ledger) and after; 20,000 events unless {@code -Dledger.appendCost} says.
     */
    @Test
    void planOfTheBatchLoad() throws SQLException {
        int rows = Integer.getInteger("ledger.appendCost", 20_000);
        LedgerDatabaseExtension.TestDatabase database = LedgerDatabaseExtension.newDatabase();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").load().migrate();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            try (Statement fill = connection.createStatement()) {
                fill.execute("set session_replication_role = replica");
                fill.execute("insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type,"
                        + " timestamp, payloadtype, payload) select gen_random_uuid()::text, 'AL-agency-' || n, 0,"
                        + " 'Agreement', now()::text, 'x', convert_to(repeat('x', 450), 'UTF8')"
                        + " from generate_series(1, " + rows + ") n");
            }
            StringBuilder report = new StringBuilder();
            for (String when : new String[] {"before analyze", "after analyze"}) {
                if (when.startsWith("after")) {
                    try (Statement analyze = connection.createStatement()) {
                        analyze.execute("analyze domainevententry");
                    }
                }
                try (PreparedStatement explain = connection.prepareStatement("explain (analyze, costs off) "
                        + AgreementBatch.STREAMS)) {
                    Object[] ids = new Object[260];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = "AL-agency-" + (1 + i * (rows / ids.length));
                    }
                    explain.setArray(1, connection.createArrayOf("varchar", ids));
                    StringBuilder plan = new StringBuilder();
                    try (var lines = explain.executeQuery()) {
                        while (lines.next()) {
                            plan.append("  ").append(lines.getString(1)).append("\n");
                        }
                    }
                    report.append(when).append(":\n").append(plan);
                    assertThat(plan.toString()).as("plan " + when).contains("Index Scan").doesNotContain("Seq Scan");
                }
            }
            System.out.print(report);
        }
    }

    private static double measure(Variant variant, boolean rewrite, int rows) throws SQLException {
        LedgerDatabaseExtension.TestDatabase database = LedgerDatabaseExtension.newDatabase();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").load().migrate();
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        if (database.password() != null) {
            properties.setProperty("password", database.password());
        }
        properties.setProperty("reWriteBatchedInserts", Boolean.toString(rewrite));
        try (Connection connection = DriverManager.getConnection(database.url(), properties)) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table bench_plain (id bigserial primary key, payload bytea not null)");
                if (variant == Variant.STORE_NO_TRIGGERS) {
                    ddl.execute("set session_replication_role = replica");
                }
            }
            connection.setAutoCommit(false);
            String sql = switch (variant) {
                case PLAIN -> "insert into bench_plain (payload) values (?)";
                case STORE_NO_TRIGGERS, STORE_CHAINED -> STORE_INSERT;
                case CURRENT_AGREEMENT -> "insert into current_agreement (agreement_id, agency_id, state, agency_name,"
                        + " county, agency_type, model, signed_on, moa_link, in_force)"
                        + " values (?, ?, 'AL', ?, 'Colbert', 'County', 'JEM', date '2025-01-02', ?, true)";
            };
            int batch = variant == Variant.PLAIN ? PLAIN_BATCH : STORE_BATCH;
            long started = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int i = 1; i <= rows; i++) {
                    switch (variant) {
                        case PLAIN -> insert.setBytes(1, payload(i));
                        case STORE_NO_TRIGGERS, STORE_CHAINED -> {
                            insert.setString(1, UUID.randomUUID().toString());
                            insert.setString(2, "AL-agency-" + i + "#JEM#2025-01-02");
                            insert.setString(3, Instant.now().toString());
                            insert.setBytes(4, payload(i));
                            insert.setBytes(5, "{\"traceId\":\"t\"}".getBytes(StandardCharsets.UTF_8));
                        }
                        case CURRENT_AGREEMENT -> {
                            insert.setString(1, "AL-agency-" + i + "#JEM#2025-01-02");
                            insert.setString(2, "AL-agency-" + i);
                            insert.setString(3, "Agency " + i + " Sheriff's Office");
                            insert.setString(4, "https://www.ice.gov/doclib/287gMOA/287gJEM_AL_Agency" + i + ".pdf");
                        }
                    }
                    insert.addBatch();
                    if (i % batch == 0 || i == rows) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            String table = switch (variant) {
                case PLAIN -> "bench_plain";
                case STORE_NO_TRIGGERS, STORE_CHAINED -> "domainevententry";
                case CURRENT_AGREEMENT -> "current_agreement";
            };
            try (Statement count = connection.createStatement();
                 var result = count.executeQuery("select count(*) from " + table)) {
                result.next();
                assertThat(result.getLong(1)).isEqualTo(rows);
            }
            connection.commit();
            return rows / seconds;
        }
    }

    /** About the size of a real AgreementSigned payload (~450 bytes), as ChainScaleTest writes it. */
    private static byte[] payload(int i) {
        return ("{\"agreementId\":\"AL-agency-" + i + "#JEM#2025-01-02\",\"agencyId\":\"AL-agency-" + i + "\","
                + "\"state\":\"AL\",\"agencyName\":\"Agency " + i + " Sheriff's Office\",\"county\":\"Colbert\","
                + "\"agencyType\":\"County\",\"model\":\"JEM\",\"signedOn\":\"2025-01-02\",\"moaLink\":"
                + "\"https://www.ice.gov/doclib/287gMOA/287gJEM_AL_Agency" + i + ".pdf\",\"effectiveOn\":\"2025-01-02\","
                + "\"knownOn\":\"2025-05-16\",\"source\":{\"kind\":\"ICE_SHEET\",\"title\":\"ICE participating agencies"
                + " 2025-05-16 am\",\"reference\":\"participatingAgencies05162025am.xlsx\",\"sha256\":null,"
                + "\"publishedOn\":\"2025-05-16\",\"sheetRow\":" + i + "}}").getBytes(StandardCharsets.UTF_8);
    }
}
