package org.agreementledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures, on demand ({@code -Dledger.scale=1000000}): the append cost of the chain triggers
 * (V8's: noted per statement and linked at commit, with and without pgjdbc's batch rewriting; and
 * V5's per row) against the same inserts with triggers off, and verification's rate and heap at
 * that size.
 * Not part of the normal build (it takes minutes).
 */
@ExtendWith(LedgerDatabaseExtension.class)
@EnabledIfSystemProperty(named = "ledger.scale", matches = "\\d+")
class ChainScaleTest {

    private static final int BATCH = 1_000;
    /** The chain trigger as V5 created it (one link per row), for comparison with V8's. */
    private static final String V5_ROW_TRIGGER = """
            create function ledger_chain_extend_row() returns trigger language plpgsql as
            $$ begin perform ledger_chain_append(new); return null; end $$;
            drop trigger domainevententry_chain on domainevententry;
            drop trigger domainevententry_chain_at_commit on domainevententry;
            create trigger domainevententry_chain after insert on domainevententry
                for each row execute function ledger_chain_extend_row();
            """;

    @Test
    void appendOverheadAndVerificationAtScale() throws SQLException {
        int events = Integer.parseInt(System.getProperty("ledger.scale"));
        try (ChainFixture baseline = new ChainFixture(); ChainFixture perRow = new ChainFixture();
             ChainFixture unrewritten = new ChainFixture(false); ChainFixture chained = new ChainFixture()) {
            double plain = insert(baseline, events, false);
            perRow.jdbc.execute(V5_ROW_TRIGGER);
            double rowTrigger = insert(perRow, events, true);
            double notRewritten = insert(unrewritten, events, true);
            double withChain = insert(chained, events, true);
            System.out.printf("append %,d events in 1,000-row JDBC batches, same run: %,.0f rows/s with triggers off"
                    + " (baseline); %,.0f rows/s with V5's per-row chain trigger (%.1fx the time); with V8's"
                    + " triggers (noted per statement, linked at commit) %,.0f rows/s without reWriteBatchedInserts (%.1fx) and %,.0f rows/s"
                    + " with it (%.1fx)%n", events, plain, rowTrigger, plain / rowTrigger, notRewritten,
                    plain / notRewritten, withChain, plain / withChain);

            long[] maxUsed = {0};
            long[] samples = {0};
            long started = System.nanoTime();
            Verification verification = chained.chain().verify(null, new Progress() {
                @Override
                public void start(String phase, long total) {
                }

                @Override
                public void advance(long done) {
                    if (done % 100_000 == 0) {
                        System.gc();
                        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                        maxUsed[0] = Math.max(maxUsed[0], used);
                        samples[0]++;
                        System.out.printf("  verified %,d: heap used after GC %,d MB%n", done, used >> 20);
                    }
                }

                @Override
                public void finish() {
                }
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("verify %,d events: %.1f s, %,.0f events/s; heap used after GC at most %,d MB over %d"
                    + " samples%n", verification.linksChecked(), seconds, verification.linksChecked() / seconds,
                    maxUsed[0] >> 20, samples[0]);
            assertThat(verification.intact()).isTrue();
            assertThat(verification.linksChecked()).isEqualTo(events);
        }
    }

    /** Rows per second for {@code count} Axon-like rows; with the triggers off when {@code chained} is false. */
    private static double insert(ChainFixture ledger, int count, boolean chained) throws SQLException {
        try (Connection connection = ledger.dataSource.getConnection()) {
            if (!chained) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set session_replication_role = replica");
                }
            }
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                        payloadtype, payloadrevision, payload, metadata)
                    values (?, ?, 0, 'Agreement', ?, 'org.agreementledger.api.AgreementSigned', null, ?, ?)""")) {
                for (int i = 1; i <= count; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, "AL-agency-" + i + "#JEM#2025-01-02");
                    insert.setString(3, Instant.now().toString());
                    insert.setBytes(4, payload(i));
                    insert.setBytes(5, "{\"traceId\":\"t\"}".getBytes(StandardCharsets.UTF_8));
                    insert.addBatch();
                    if (i % BATCH == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            return count / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** About the size of a real AgreementSigned payload (~450 bytes). */
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
