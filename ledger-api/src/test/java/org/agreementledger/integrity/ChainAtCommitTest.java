package org.agreementledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * When the chain's links are made (V8, V32): at the inserting transaction's commit, so a writer holds
 * the chain's lock only while it links and commits; or, when another writer holds the lock then, by
 * the first writer to get it after the commit (the events pending meanwhile, never unaccounted for).
 * What V5/V6 promised still holds: every insert is linked, a transaction's links are consecutive, a statement's
 * rows are linked in global-index order and statements in their order, an empty INSERT ... SELECT
 * takes no lock, a stale snapshot fails instead of forking, and a rollback to a savepoint forgets
 * the rolled-back rows.
 */
@ExtendWith(LedgerDatabaseExtension.class)
class ChainAtCommitTest {

    /** The chain's advisory lock key ('LEDGERCH'), as the migrations take it. */
    private static final long CHAIN_LOCK = 5495873993171944264L;

    ChainFixture ledger;

    @BeforeEach
    void ledger() {
        ledger = new ChainFixture();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private Verification verify() {
        return ledger.chain().verify(null, Progress.NONE);
    }

    private long links() {
        return ledger.jdbc.queryForObject("select count(*) from ledger_chain", Long.class);
    }

    @Test
    void anUncommittedAppendDoesNotHoldUpAnotherWritersCommit() throws Exception {
        ledger.append(2);
        try (Connection open = ledger.dataSource.getConnection()) {
            open.setAutoCommit(false);
            long slow = ledger.appendOne(jdbcOn(open)); // inserted, not committed: no lock yet

            // another writer inserts and commits meanwhile; under V6 it waited for the first's commit
            long quick = CompletableFuture.supplyAsync(() -> ledger.appendOne(ledger.jdbc)).get(10, TimeUnit.SECONDS);

            assertThat(ledger.jdbc.queryForObject("select globalindex from ledger_chain where position = 3", Long.class))
                    .isEqualTo(quick);
            open.commit();
            assertThat(ledger.jdbc.queryForObject("select globalindex from ledger_chain where position = 4", Long.class))
                    .as("linked in commit order, not in global-index order").isEqualTo(slow).isLessThan(quick);
        }
        Verification verification = verify();
        assertThat(verification.intact()).as(String.valueOf(verification.findings())).isTrue();
        assertThat(verification.linksChecked()).isEqualTo(4);
    }

    @Test
    void whileAnotherWriterHoldsTheLockACommitLeavesItsEventsPendingAndTheNextLinkingLinksThem() throws Exception {
        ledger.append(1);
        long pending;
        try (Connection holder = ledger.dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + CHAIN_LOCK + ")");
            }
            // an autocommit INSERT commits without waiting for the lock (under V8 its commit waited)
            pending = CompletableFuture.supplyAsync(() -> ledger.appendOne(ledger.jdbc)).get(10, TimeUnit.SECONDS);
            assertThat(links()).isEqualTo(1);
            Verification meanwhile = verify();
            assertThat(meanwhile.intact()).as("pending is not tampering: " + meanwhile.findings()).isTrue();
            assertThat(meanwhile.pendingEvents()).isEqualTo(1);

            // the writer links before it acknowledges: that waits for the lock
            CompletableFuture<Long> linking = CompletableFuture.supplyAsync(() -> ledger.chain().linkPending());
            Thread.sleep(500);
            assertThat(linking).isNotDone();
            holder.commit();
            assertThat(linking.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(ledger.globalIndexAt(2)).isEqualTo(pending);
        assertThat(ledger.chain().linkPending()).as("nothing left").isZero();
        Verification verification = verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.pendingEvents()).isZero();
        assertThat(verification.linksChecked()).isEqualTo(2);
    }

    @Test
    void pendingTransactionsAreLinkedOldestFirstEachWholeByTheNextLinking() throws Exception {
        ledger.append(1);
        List<Long> first;
        List<Long> second;
        try (Connection holder = ledger.dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + CHAIN_LOCK + ")");
            }
            first = CompletableFuture.supplyAsync(() -> inOneTransaction(3)).get(10, TimeUnit.SECONDS);
            second = CompletableFuture.supplyAsync(() -> inOneTransaction(2)).get(10, TimeUnit.SECONDS);
            holder.rollback();
        }
        // a commit that gets the lock links its own events only
        long own = ledger.appendOne(ledger.jdbc);
        assertThat(ledger.globalIndexAt(2)).isEqualTo(own);
        assertThat(verify().pendingEvents()).isEqualTo(5);

        assertThat(ledger.chain().linkPending()).isEqualTo(5);
        assertThat(ledger.jdbc.queryForList("select globalindex from ledger_chain where position > 2 order by position",
                Long.class)).containsExactly(first.get(0), first.get(1), first.get(2), second.get(0), second.get(1));
        assertThat(ledger.jdbc.queryForObject("select count(*) from ledger_chain_pending", Long.class)).isZero();
        Verification verification = verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.pendingEvents()).isZero();
    }

    @Test
    void aPendingRowNamingEventsNotStoredOrAlreadyLinkedLinksNothingAndHoldsUpNoWriter() {
        long[] linked = ledger.append(2);
        ledger.jdbc.update("insert into ledger_chain_pending (runs) values (array[int8range(?, ?, '[]'),"
                + " int8range(1000000, 1000010)])", linked[0], linked[1]);

        ledger.append(1);
        assertThat(ledger.chain().linkPending()).isZero();

        assertThat(links()).isEqualTo(3);
        assertThat(ledger.jdbc.queryForObject("select count(*) from ledger_chain_pending", Long.class)).isZero();
        assertThat(verify().intact()).isTrue();
    }

    /** Appends {@code count} events, one statement each, in one transaction; their global indexes. */
    private List<Long> inOneTransaction(int count) {
        return ledger.jdbc.execute((Connection connection) -> {
            connection.setAutoCommit(false);
            try {
                List<Long> indexes = new java.util.ArrayList<>();
                for (int i = 0; i < count; i++) {
                    indexes.add(ledger.appendOne(jdbcOn(connection)));
                }
                connection.commit();
                return indexes;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    @Test
    void anEmptyInsertSelectTakesNoLock() throws Exception {
        ledger.append(1);
        try (Connection holder = ledger.dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + CHAIN_LOCK + ")");
            }
            int inserted = CompletableFuture.supplyAsync(() -> ledger.jdbc.update("""
                    insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type,
                        timestamp, payloadtype, payload)
                    select eventidentifier || '-copy', aggregateidentifier, sequencenumber + 1, type, timestamp,
                        payloadtype, payload
                    from domainevententry where false""")).get(10, TimeUnit.SECONDS);
            assertThat(inserted).isZero();
            holder.rollback();
        }
        assertThat(links()).isEqualTo(1);
    }

    @Test
    void aStaleSnapshotFailsTheCommitInsteadOfForkingTheChain() throws Exception {
        ledger.append(2);
        try (Connection stale = ledger.dataSource.getConnection()) {
            stale.setAutoCommit(false);
            stale.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = stale.createStatement()) {
                statement.executeQuery("select count(*) from ledger_chain").close(); // the snapshot is taken here
            }
            ledger.append(1); // links position 3 after that snapshot
            ledger.appendOne(jdbcOn(stale));
            assertThatThrownBy(stale::commit).isInstanceOf(SQLException.class)
                    .hasMessageContaining("ledger_chain");
            stale.rollback();
        }
        assertThat(links()).isEqualTo(3);
        Verification verification = verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.linksChecked()).isEqualTo(3);
    }

    @Test
    void aTransactionsStatementsAreLinkedInTheirOrderEachInGlobalIndexOrder() {
        ledger.append(1);
        // global indexes drawn now and inserted out of order: the second statement's are lower
        List<Long> drawn = ledger.jdbc.queryForList(
                "select nextval('domainevententry_globalindex_seq') from generate_series(1, 4)", Long.class);
        JdbcTemplate jdbc = ledger.jdbc;
        jdbc.execute((Connection connection) -> {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(forged(drawn.get(3), "d") + ", " + values(drawn.get(2), "c"));
                statement.execute(forged(drawn.get(1), "b"));
                statement.execute(forged(drawn.get(0), "a"));
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });

        assertThat(jdbc.queryForList("select globalindex from ledger_chain where position > 1 order by position",
                Long.class)).containsExactly(drawn.get(2), drawn.get(3), drawn.get(1), drawn.get(0));
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aStatementWithGapsInItsGlobalIndexesIsLinkedWhole() {
        ledger.append(1);
        List<Long> drawn = ledger.jdbc.queryForList(
                "select nextval('domainevententry_globalindex_seq') from generate_series(1, 5)", Long.class);
        ledger.jdbc.execute(forged(drawn.get(0), "a") + ", " + values(drawn.get(2), "c") + ", "
                + values(drawn.get(3), "d"));

        assertThat(ledger.jdbc.queryForList("select globalindex from ledger_chain where position > 1 order by position",
                Long.class)).containsExactly(drawn.get(0), drawn.get(2), drawn.get(3));
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aRolledBackSavepointsEventsAreNeitherStoredNorLinked() {
        ledger.append(1);
        ledger.jdbc.execute((Connection connection) -> {
            connection.setAutoCommit(false);
            try {
                ledger.appendOne(jdbcOn(connection));
                var savepoint = connection.setSavepoint();
                ledger.appendOne(jdbcOn(connection));
                ledger.appendBatch(jdbcOn(connection), 3);
                connection.rollback(savepoint);
                ledger.appendOne(jdbcOn(connection));
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });

        assertThat(ledger.jdbc.queryForObject("select count(*) from domainevententry", Long.class)).isEqualTo(3);
        assertThat(links()).isEqualTo(3);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void withTheConstraintSetImmediateEachStatementIsLinkedAtOnceAsBefore() {
        ledger.append(1);
        ledger.jdbc.execute((Connection connection) -> {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set constraints domainevententry_chain_at_commit immediate");
                ledger.appendOne(jdbcOn(connection));
                ledger.appendBatch(jdbcOn(connection), 4);
                try (var linked = statement.executeQuery("select count(*) from ledger_chain")) {
                    linked.next();
                    assertThat(linked.getLong(1)).as("linked before the commit").isEqualTo(6);
                }
                statement.execute("set constraints domainevententry_chain_at_commit deferred");
                ledger.appendOne(jdbcOn(connection));
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });

        assertThat(links()).isEqualTo(7);
        Verification verification = verify();
        assertThat(verification.intact()).as(String.valueOf(verification.findings())).isTrue();
        assertThat(verification.linksChecked()).isEqualTo(7);
    }

    /**
     * Links made in commit order, far from the events' global-index order: verification holds the
     * early ones back until their turn, and done again in chain order (a reorder window of one) it
     * finds exactly the same, intact and tampered alike.
     */
    @Test
    void linksOutOfTheEventsOrderVerifyAlikeWithinAndBeyondTheReorderWindow() throws Exception {
        ledger.append(3);
        for (int round = 0; round < 4; round++) {
            try (Connection slow = ledger.dataSource.getConnection()) {
                slow.setAutoCommit(false);
                ledger.appendBatch(jdbcOn(slow), 6); // global indexes drawn now, linked at its commit
                CompletableFuture.runAsync(() -> ledger.append(4)).get(10, TimeUnit.SECONDS);
                slow.commit();
            }
        }
        assertThat(ledger.jdbc.queryForObject("""
                select count(*) from ledger_chain c
                where c.globalindex < (select max(p.globalindex) from ledger_chain p where p.position < c.position)""",
                Long.class)).as("links made after a link of a later event").isEqualTo(24);
        assertSameVerification(43, null);

        long changed = ledger.globalIndexAt(12);
        ledger.asHostileDba("update domainevententry set payload = convert_to('{}', 'UTF8') where globalindex = " + changed,
                "delete from ledger_chain where position = 30");
        assertSameVerification(42, Finding.Kind.CHANGED);
    }

    private void assertSameVerification(long links, Finding.Kind first) {
        Verification merged = ledger.chain(10_000).verify(null, Progress.NONE);
        Verification inChainOrder = ledger.chain(1).verify(null, Progress.NONE);
        assertThat(merged.linksChecked()).isEqualTo(links);
        assertThat(merged.intact()).isEqualTo(first == null);
        if (first != null) {
            assertThat(merged.firstFinding().kind()).isEqualTo(first);
            assertThat(merged.findings()).extracting(Finding::kind).contains(Finding.Kind.LINK_MISSING);
        }
        assertThat(merged).usingRecursiveComparison().isEqualTo(inChainOrder);
    }

    private static JdbcTemplate jdbcOn(Connection connection) {
        return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    }

    private static String forged(long globalIndex, String name) {
        return """
                insert into domainevententry (globalindex, eventidentifier, aggregateidentifier, sequencenumber, type,
                    timestamp, payloadtype, payload) values""" + " " + values(globalIndex, name);
    }

    private static String values(long globalIndex, String name) {
        return "(%d, 'event-%s', 'AL-%s#JEM#2025-01-02', 0, 'Agreement', '2025-05-16T00:00:00Z',"
                .formatted(globalIndex, name, name)
                + " 'org.agreementledger.api.AgreementSigned', convert_to('{}', 'UTF8'))";
    }
}
