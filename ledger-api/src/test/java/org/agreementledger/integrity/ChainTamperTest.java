package org.agreementledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hash chain against a hostile DBA, each test on a ledger of its own: a changed payload, a
 * deleted row and an inserted row are each caught at the right position; an earlier digest stays
 * a prefix after more appends and stops being one after a rewrite, even a rewrite that recomputed
 * every stored link to cover its tracks.
 */
@ExtendWith(LedgerDatabaseExtension.class)
class ChainTamperTest {

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

    @Test
    void anUntouchedChainVerifiesAndJavaHashesExactlyAsTheDatabaseDoes() {
        assertThat(ledger.chain().digest()).isEqualTo(Digest.EMPTY);
        assertThat(verify().intact()).isTrue();

        ledger.append(10);

        Verification verification = verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.linksChecked()).isEqualTo(10);
        assertThat(verification.findings()).isEmpty();
        assertThat(verification.tip()).isEqualTo(ledger.chain().digest());
        assertThat(verification.tip().position()).isEqualTo(10);
        // the Java layout recomputed the database's links: the verification above matched them all;
        // and the SQL function, given the stored rows, agrees with the stored links
        assertThat(ledger.jdbc.queryForObject("""
                select count(*) from ledger_chain c join domainevententry e using (globalindex)
                left join ledger_chain p on p.position = c.position - 1
                where ledger_chain_link(coalesce(p.hash, decode(repeat('00', 32), 'hex')), c.position, e) = c.hash""",
                Long.class)).isEqualTo(10);
    }

    @Test
    void aChangedPayloadIsCaughtAtItsPosition() {
        ledger.append(10);
        long changed = ledger.globalIndexAt(4);
        ledger.asHostileDba("update domainevententry set payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " 'Agency', 'Agencia'), 'UTF8') where globalindex = " + changed);

        Verification verification = verify();

        assertThat(verification.intact()).isFalse();
        assertThat(verification.findingCount()).isEqualTo(1);
        Finding first = verification.firstFinding();
        assertThat(first.position()).isEqualTo(4);
        assertThat(first.kind()).isEqualTo(Finding.Kind.CHANGED);
        assertThat(first.globalIndex()).isEqualTo(changed);
        assertThat(first.detail()).contains("changed after it was appended");
    }

    @Test
    void aChangedTimestampOrMetadataIsCaughtToo() {
        ledger.append(6);
        ledger.asHostileDba("update domainevententry set timestamp = '2020-01-01T00:00:00Z' where globalindex = "
                        + ledger.globalIndexAt(2),
                "update domainevententry set metadata = null where globalindex = " + ledger.globalIndexAt(5));

        Verification verification = verify();

        assertThat(verification.findings()).extracting(Finding::position).containsExactly(2L, 5L);
        assertThat(verification.findings()).extracting(Finding::kind).containsOnly(Finding.Kind.CHANGED);
    }

    @Test
    void aDeletedRowIsCaughtAtItsPosition() {
        ledger.append(10);
        long deleted = ledger.globalIndexAt(6);
        ledger.asHostileDba("delete from domainevententry where globalindex = " + deleted);

        Verification verification = verify();

        assertThat(verification.intact()).isFalse();
        assertThat(verification.findingCount()).isEqualTo(1);
        assertThat(verification.firstFinding().position()).isEqualTo(6);
        assertThat(verification.firstFinding().kind()).isEqualTo(Finding.Kind.DELETED);
        assertThat(verification.firstFinding().globalIndex()).isEqualTo(deleted);
    }

    @Test
    void aDeletedRowAndItsLinkAreCaughtAtTheirPosition() {
        ledger.append(10);
        long deleted = ledger.globalIndexAt(3);
        ledger.asHostileDba("delete from domainevententry where globalindex = " + deleted,
                "delete from ledger_chain where position = 3");

        Verification verification = verify();

        assertThat(verification.firstFinding().position()).isEqualTo(3);
        assertThat(verification.firstFinding().kind()).isEqualTo(Finding.Kind.LINK_MISSING);
        // link 4 was made on link 3, which is gone: it cannot be recomputed either
        assertThat(verification.findings()).extracting(Finding::position).contains(4L);
    }

    @Test
    void anInsertedRowIsCaughtAtItsPosition() {
        ledger.append(5);
        // a global index left unused, as a rolled-back append leaves one
        long gap = ledger.jdbc.queryForObject("select nextval('domainevententry_globalindex_seq')", Long.class);
        ledger.append(5);
        ledger.asHostileDba("""
                insert into domainevententry (globalindex, eventidentifier, aggregateidentifier, sequencenumber, type,
                    timestamp, payloadtype, payload)
                values (%d, 'forged', 'AL-forged#JEM#2025-01-02', 0, 'Agreement', '2025-05-16T00:00:00Z',
                    'org.agreementledger.api.AgreementSigned', convert_to('{"agencyName":"Forged"}', 'UTF8'))"""
                .formatted(gap));

        Verification verification = verify();

        assertThat(verification.intact()).isFalse();
        assertThat(verification.findingCount()).isEqualTo(1);
        Finding first = verification.firstFinding();
        assertThat(first.kind()).isEqualTo(Finding.Kind.INSERTED);
        assertThat(first.position()).isEqualTo(6); // slipped in between links 5 and 6
        assertThat(first.globalIndex()).isEqualTo(gap);
        assertThat(first.aggregateIdentifier()).isEqualTo("AL-forged#JEM#2025-01-02");
        assertThat(first.detail()).contains("before position 6");
    }

    @Test
    void anInsertedRowAfterTheLastLinkIsCaught() {
        ledger.append(4);
        ledger.asHostileDba("""
                insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                    payloadtype, payload)
                values ('forged', 'AL-forged#JEM#2025-01-02', 0, 'Agreement', '2025-05-16T00:00:00Z',
                    'org.agreementledger.api.AgreementSigned', convert_to('{}', 'UTF8'))""");

        Verification verification = verify();

        assertThat(verification.firstFinding().kind()).isEqualTo(Finding.Kind.INSERTED);
        assertThat(verification.firstFinding().position()).isEqualTo(5);
        assertThat(verification.firstFinding().detail()).contains("after the last link (4)");
    }

    @Test
    void theFirstOfSeveralTamperingsIsReportedFirst() {
        ledger.append(12);
        ledger.asHostileDba("delete from domainevententry where globalindex = " + ledger.globalIndexAt(9),
                "update domainevententry set sequencenumber = 7 where globalindex = " + ledger.globalIndexAt(5));

        Verification verification = verify();

        assertThat(verification.findings()).extracting(Finding::position).containsExactly(5L, 9L);
        assertThat(verification.findings()).extracting(Finding::kind)
                .containsExactly(Finding.Kind.CHANGED, Finding.Kind.DELETED);
    }

    @Test
    void anEarlierDigestIsAPrefixAfterMoreAppends() {
        Verification.DigestCheck empty = ledger.chain().verify(Digest.EMPTY, Progress.NONE).digestCheck();
        ledger.append(5);
        Digest earlier = ledger.chain().digest();
        assertThat(earlier.position()).isEqualTo(5);
        ledger.append(7);

        Verification verification = ledger.chain().verify(earlier, Progress.NONE);

        assertThat(verification.intact()).isTrue();
        assertThat(verification.digestCheck().holds()).isTrue();
        assertThat(verification.digestCheck().detail()).contains("first 5 events are exactly those");
        assertThat(verification.tip().position()).isEqualTo(12);
        assertThat(empty.holds()).isTrue();
        assertThat(ledger.chain().verify(Digest.EMPTY, Progress.NONE).digestCheck().holds()).isTrue();
        // the same digest, parsed from what `bin/ledger digest` printed
        assertThat(ledger.chain().verify(Digest.parse("digest", earlier.toString().toUpperCase().replace("@", "@")),
                Progress.NONE).digestCheck().holds()).isTrue();
    }

    @Test
    void anEarlierDigestFailsAfterARewriteThatRecomputedEveryLink() {
        ledger.append(8);
        Digest earlier = ledger.chain().digest();
        Digest middle = new Digest(5, ledger.jdbc.queryForObject(
                "select encode(hash, 'hex') from ledger_chain where position = 5", String.class));
        ledger.append(2);

        // The hostile DBA rewrites event 3 and then, to cover the tracks, recomputes links 3 to 10
        // with the ledger's own function: the stored chain is consistent again.
        ledger.asHostileDba("update domainevententry set payload = convert_to('{\"agencyName\":\"Rewritten\"}', 'UTF8')"
                + " where globalindex = " + ledger.globalIndexAt(3), """
                do $$
                declare
                    link record;
                    previous bytea;
                begin
                    select hash into previous from ledger_chain where position = 2;
                    for link in select c.position, e from ledger_chain c join domainevententry e using (globalindex)
                                where c.position >= 3 order by c.position loop
                        previous := ledger_chain_link(previous, link.position, link.e);
                        update ledger_chain set hash = previous where position = link.position;
                    end loop;
                end $$""");

        assertThat(verify().intact()).as("without a digest a complete rewrite cannot be seen").isTrue();

        Verification verification = ledger.chain().verify(earlier, Progress.NONE);
        assertThat(verification.intact()).isFalse();
        assertThat(verification.digestCheck().holds()).isFalse();
        assertThat(verification.digestCheck().detail()).contains("rewritten since the digest was handed out");
        assertThat(ledger.chain().verify(middle, Progress.NONE).digestCheck().holds()).isFalse();
        Digest beforeTheRewrite = new Digest(2, ledger.jdbc.queryForObject(
                "select encode(hash, 'hex') from ledger_chain where position = 2", String.class));
        assertThat(ledger.chain().verify(beforeTheRewrite, Progress.NONE).digestCheck().holds()).isTrue();
    }

    @Test
    void aDigestBeyondTodaysTipFails() {
        ledger.append(6);
        Digest earlier = ledger.chain().digest();
        ledger.asHostileDba("delete from domainevententry where globalindex in (select globalindex from ledger_chain"
                + " where position > 4)", "delete from ledger_chain where position > 4");

        Verification verification = ledger.chain().verify(earlier, Progress.NONE);

        assertThat(verification.findingCount()).as("a cut at the end leaves a consistent shorter chain").isZero();
        assertThat(verification.digestCheck().holds()).isFalse();
        assertThat(verification.digestCheck().detail()).contains("only 4 links").contains("position 6");
    }

    @Test
    void concurrentWritersExtendOneDenseChain() throws Exception {
        fourWritersInTransactions(25, jdbc -> {
            ledger.appendOne(jdbc);
            ledger.appendOne(jdbc);
        });

        assertThat(ledger.jdbc.queryForObject("select count(*) = max(position) from ledger_chain", Boolean.class)).isTrue();
        Verification verification = verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.linksChecked()).isEqualTo(200);
    }

    @Test
    void multiRowStatementsAreLinkedInGlobalIndexOrderAsRowsOneByOneWouldBe() {
        ledger.append(2);
        ledger.appendInOneStatement(50);
        ledger.appendBatch(ledger.jdbc, 37); // rewritten by the driver into multi-row INSERTs
        ledger.append(1);

        Verification verification = verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.findings()).isEmpty();
        assertThat(verification.linksChecked()).isEqualTo(90);
        // dense positions, in the order of the global index, each event linked once
        assertThat(ledger.jdbc.queryForObject("""
                select count(*) = 90 and max(position) = 90 and count(distinct globalindex) = 90
                       and bool_and(position = rank) from (
                    select c.position, c.globalindex, rank() over (order by c.globalindex) as rank
                    from ledger_chain c join domainevententry e using (globalindex)) linked""", Boolean.class))
                .isTrue();
        // the SQL layout, given the stored rows, agrees with every stored link
        assertThat(ledger.jdbc.queryForObject("""
                select count(*) from ledger_chain c join domainevententry e using (globalindex)
                left join ledger_chain p on p.position = c.position - 1
                where ledger_chain_link(coalesce(p.hash, decode(repeat('00', 32), 'hex')), c.position, e) = c.hash""",
                Long.class)).isEqualTo(90);
    }

    @Test
    void concurrentBatchWritersExtendOneDenseChainWithoutInterleaving() throws Exception {
        fourWritersInTransactions(10, jdbc -> {
            ledger.appendBatch(jdbc, 20);
            ledger.appendOne(jdbc);
        });

        assertThat(ledger.jdbc.queryForObject("select count(*) = 840 and max(position) = 840 from ledger_chain",
                Boolean.class)).isTrue();
        // linked at its commit under the lock, or later as one pending row: each transaction's 21 links are consecutive
        assertThat(ledger.jdbc.queryForObject("""
                select count(*) from (
                    select e.xmin::text, max(c.position) - min(c.position) + 1 as span, count(*) as links
                    from ledger_chain c join domainevententry e using (globalindex) group by e.xmin::text) t
                where span = links and links = 21""", Long.class)).isEqualTo(40);
        Verification verification = verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.linksChecked()).isEqualTo(840);
    }

    /** Four threads, each running {@code transactions} transactions of {@code work} one after the other. */
    private void fourWritersInTransactions(int transactions, Consumer<JdbcTemplate> work) throws Exception {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(ledger.dataSource));
        JdbcTemplate jdbc = new JdbcTemplate(ledger.dataSource);
        LedgerChain chain = ledger.chain();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                done.add(writers.submit(() -> {
                    for (int i = 0; i < transactions; i++) {
                        transaction.executeWithoutResult(status -> work.accept(jdbc));
                        chain.linkPending(); // as the application does before it acknowledges
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdown();
        }
    }
}
