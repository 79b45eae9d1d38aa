package org.agreementledger.reporting;

import static org.agreementledger.testing.TestAgreements.PRESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A rebuild replays the store into new tables while reports go on answering from the old ones,
 * and two rebuilds write the same rows. A database of its own: a rebuild replaces every row.
 */
// small batches and fetches, so a rebuild of this history passes through many half-built states for the reads
// to meet
// (the check for unfinished rebuilds runs at start only: a test leaves one unfinished on purpose, and finishes it)
@TestPropertySource(properties = {"ledger.test.context=projection-rebuild",
        "axon.eventhandling.processors.agreement-reports.batch-size=20", "ledger.reports.rebuild-fetch-size=20",
        "ledger.reports.rebuild-check-every=1h"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectionRebuildTest extends LedgerIntegrationTest {

    private static final int AGREEMENTS = 400;
    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 1);

    @Autowired
    AgreementLedger ledger;
    @Autowired
    AgreementReports reports;
    @Autowired
    ReportProcessor processor;
    @Autowired
    ProjectionRebuild rebuild;
    @Autowired
    ReportGenerations generations;
    @Autowired
    InterruptedRebuild interruptedRebuild;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    /** Enough history that a rebuild takes a while: signings, model changes, withdrawals, corrections. */
    @BeforeAll
    void history() {
        UsState[] states = {UsState.FL, UsState.TX, UsState.GA, UsState.AL, UsState.TN};
        for (int i = 0; i < AGREEMENTS; i++) {
            LocalDate signed = LocalDate.of(2024, 1, 1).plusDays(i);
            String id = ledger.sign(new SignAgreement(states[i % states.length], "Rebuild Agency " + (i % 150), null,
                    i % 3 == 0 ? "County" : "Municipality", SupportModel.values()[i % 3], signed, null, null,
                    signed.plusDays(3), PRESS));
            if (i % 2 == 0) {
                ledger.amend(new ChangeSupportModel(id, SupportModel.values()[(i + 1) % 3], signed.plusDays(40),
                        signed.plusDays(45), PRESS, null));
            }
            if (i % 5 == 0) {
                ledger.amend(new WithdrawAgreement(id, WithdrawalReason.TERMINATED_BY_ICE, signed.plusDays(90),
                        signed.plusDays(200), PRESS, null));
            }
            if (i % 7 == 0) {
                ledger.amend(new CorrectAgreement(id, CorrectableField.signedOn, signed.toString(),
                        signed.plusDays(10).toString(), null, signed.plusDays(60), PRESS, null));
            }
        }
        processor.awaitCaughtUp(Duration.ofSeconds(60));
    }

    /** The published report rows, without the generation number: what a report can see. */
    private List<String> publishedRows() {
        return jdbc.queryForList("""
                select concat_ws('|', agreement_id, agency_id, agency_name, state, county, agency_type, model,
                                 signed_on, moa_link, valid, known)
                from report_agreement_version
                where generation = (select published from report_generation)
                order by agreement_id, known, valid
                """, String.class);
    }

    private long rowsOfOtherGenerations() {
        return jdbc.queryForObject("select count(*) from report_agreement_version"
                + " where generation <> (select published from report_generation)", Long.class);
    }

    @Test
    void twoRebuildsWriteTheRowsTheLiveProjectionWrote() {
        List<String> live = publishedRows();
        assertThat(live).hasSizeGreaterThan(AGREEMENTS);

        int first = rebuild.rebuild(Duration.ofSeconds(1), progress -> { });
        List<String> once = publishedRows();
        int second = rebuild.rebuild(Duration.ofSeconds(1), progress -> { });

        assertThat(once).isEqualTo(live);
        assertThat(publishedRows()).isEqualTo(live);
        assertThat(second).isGreaterThan(first);
        assertThat(generations.published()).isEqualTo(second);
        assertThat(rowsOfOtherGenerations()).as("rows of the generations replaced").isZero();
        assertThat(jdbc.queryForList("select segment from tokenentry where processorname = 'agreement-reports'"
                + " order by segment", Integer.class)).as("the processor's tokens, one per segment").containsExactly(0, 1);
    }

    @Test
    void aRebuildTakesInWhatIsAppendedWhileItLoadsAndIsFinishedByTheCheckWhenNobodyFollowsIt() {
        List<String> live = publishedRows();
        int previous = generations.published();
        // an agreement signed (on another thread, so in a transaction of its own) while the load reads
        // its snapshot: not in the snapshot, so the restarted processor must take it into the new generation
        List<String> signedDuringLoad = new ArrayList<>();
        int generation = rebuild.load(Duration.ofMillis(1), progress -> {
            if (signedDuringLoad.isEmpty() && progress.done() > 0) {
                LocalDate signed = LocalDate.of(2025, 2, 3);
                signedDuringLoad.add(CompletableFuture.supplyAsync(() -> ledger.sign(new SignAgreement(UsState.FL,
                        "Agency Signed During A Rebuild", null, "County", SupportModel.JEM, signed, null, null,
                        signed.plusDays(3), PRESS))).join());
            }
        });
        // as if the caller had died here: loaded, not yet published, nobody following it
        assertThat(signedDuringLoad).hasSize(1);
        assertThat(generations.building()).isEqualTo(generation).isGreaterThan(previous);
        assertThat(generations.published()).isEqualTo(previous);
        // the processor may have taken the signing into the new generation already, but reports read the
        // published one, which stands where the rebuild stopped the processor: they are behind and say so
        long signedAt = jdbc.queryForObject("select max(globalindex) from domainevententry where aggregateidentifier = ?",
                Long.class, signedDuringLoad.get(0));
        processor.awaitCaughtUp(Duration.ofMinutes(1)); // the new generation holds it now
        assertThat(generations.rebuilding()).isTrue();
        ReportPosition standing = processor.reportPosition();
        assertThat(standing.position()).as("where the published generation stands").isLessThan(signedAt);
        assertThat(standing.behind()).as("events the published generation lacks").isGreaterThanOrEqualTo(1);
        assertThat(processor.covers(signedAt)).as("reports hold the signing made during the load").isFalse();

        interruptedRebuild.runOnce();
        assertThat(processor.covers(signedAt)).as("reports hold it once the generation is published").isTrue();
        assertThat(processor.reportPosition().current()).isTrue();

        assertThat(generations.published()).as("published by the check").isEqualTo(generation);
        assertThat(generations.rebuilding()).isFalse();
        List<String> rebuilt = publishedRows();
        assertThat(rebuilt).as("the agreement signed during the load").anyMatch(row ->
                row.startsWith(signedDuringLoad.get(0) + "|"));
        List<String> liveWithTheNewOne = new ArrayList<>(live);
        liveWithTheNewOne.addAll(rebuilt.stream().filter(row -> row.startsWith(signedDuringLoad.get(0) + "|")).toList());
        assertThat(rebuilt).containsExactlyInAnyOrderElementsOf(liveWithTheNewOne);
        rebuild.rebuild(Duration.ofSeconds(1), progress -> { });
        assertThat(publishedRows()).as("a rebuild with nothing appended meanwhile").isEqualTo(rebuilt);
    }

    @Test
    void theSnapshotEndsAtItsHighestIndexWithTheIndexesItLacksBelowAsGaps() throws Exception {
        LocalDate signed = LocalDate.of(2025, 3, 4);
        ledger.sign(new SignAgreement(UsState.TX, "Agency Below A Gap", null, "County", SupportModel.TFM, signed, null,
                null, signed.plusDays(3), PRESS));
        // sequence values taken and never used, as by failed appends: gaps in globalindex
        List<Long> skipped = jdbc.queryForList("select nextval(pg_get_serial_sequence('domainevententry',"
                + " 'globalindex')) from generate_series(1, 3)", Long.class);
        ledger.sign(new SignAgreement(UsState.TX, "Agency Above A Gap", null, "County", SupportModel.TFM, signed, null,
                null, signed.plusDays(3), PRESS));
        processor.awaitCaughtUp(Duration.ofSeconds(30)); // the other tests read the reports as caught up

        SnapshotEnd end;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            end = SnapshotEnd.of(connection);
            connection.rollback();
        }

        long last = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        List<Long> missing = jdbc.queryForList("""
                select g from generate_series(greatest(1, ? - 10000), ? - 1) as g
                where not exists (select 1 from domainevententry where globalindex = g) order by g""", Long.class,
                last, last);
        assertThat(end.lastIndex()).isEqualTo(last);
        assertThat(end.gaps()).containsExactlyElementsOf(missing).containsAll(skipped);
        assertThat(end.token()).isEqualTo(GapAwareTrackingToken.newInstance(last, missing));
    }

    @Test
    void reportsKeepAnsweringFromTheCompleteTablesDuringARebuild() {
        Counts before = reports.counts(AS_OF, null);
        Timeline timelineBefore = reports.timeline(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 6, 1), Step.month, null);
        long agreementsBefore = reports.agreementsInForce(AS_OF, null, null, null, 0, 10).total();
        assertThat(before.agreements()).isPositive();

        // a second reader, on its own connection, hammering the reports for the whole rebuild
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        List<Counts> backgroundReads = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (rebuilding.get()) {
                backgroundReads.add(reports.counts(AS_OF, null));
            }
        });
        // and reads at each progress report, noting those made while the new generation was half loaded
        List<Long> halfBuilt = new ArrayList<>();
        int generation = rebuild.rebuild(Duration.ofMillis(1), progress -> {
            if (progress.finished()) {
                return;
            }
            assertThat(reports.counts(AS_OF, null)).as("counts while %d of %d events were replayed", progress.done(),
                    progress.total()).isEqualTo(before);
            assertThat(reports.timeline(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 6, 1), Step.month, null))
                    .isEqualTo(timelineBefore);
            assertThat(reports.agreementsInForce(AS_OF, null, null, null, 0, 10).total()).isEqualTo(agreementsBefore);
            // in one statement (one snapshot): whether the load has committed, and the rows of a newer generation
            Map<String, Object> seen = jdbc.queryForMap("""
                    select g.building > g.published as loaded,
                           (select count(*) from report_agreement_version v where v.generation > g.published) as rows
                    from report_generation g""");
            if (!(Boolean) seen.get("loaded")) {
                // the load writes in one transaction: nobody else sees any row of it before its generation
                assertThat((Long) seen.get("rows")).as("rows of the generation being loaded, seen from another"
                        + " connection after %d of %d events", progress.done(), progress.total()).isZero();
                if (progress.done() < progress.total()) {
                    halfBuilt.add(progress.done()); // the load's transaction open, its snapshot counted
                }
            }
        });
        rebuilding.set(false);
        reader.join();

        assertThat(halfBuilt).as("reads made while the new tables were half built").isNotEmpty();
        assertThat(backgroundReads).isNotEmpty().allSatisfy(counts -> assertThat(counts).isEqualTo(before));
        assertThat(generations.published()).isEqualTo(generation);
        assertThat(reports.counts(AS_OF, null)).isEqualTo(before);
    }

    @Test
    void theSnapshotHoldsOnlyThePublishedGenerationAndIsReplacedAfterTheSwitch() {
        LocalDate today = AgreementReports.today();
        InForceIndex before = reports.loadIndex();
        assertThat(before.revision()).as("nothing written since the load").isEqualTo(reports.revision());
        Counts published = reports.countsFromSql(AS_OF, today);
        assertThat(before.counts(AS_OF, today)).isEqualTo(published);

        List<Long> revisionsWhileBuilding = new ArrayList<>();
        List<Long> revisionsWhileLoading = new ArrayList<>();
        rebuild.rebuild(Duration.ofMillis(1), progress -> {
            if (progress.finished()) {
                return;
            }
            // a snapshot loaded now holds the published generation only, so it answers as before
            InForceIndex during = reports.loadIndex();
            revisionsWhileBuilding.add(during.revision());
            // not committed when read after the snapshot's load, so not when it was loaded either
            if (progress.done() < progress.total() && !generations.rebuilding()) {
                revisionsWhileLoading.add(during.revision());
            }
            assertThat(during.counts(AS_OF, today)).isEqualTo(published);
            assertThat(during.size()).isEqualTo(before.size());
        });
        // the load commits in one transaction: until then the revision stays, and a snapshot stays current
        assertThat(revisionsWhileLoading).as("revisions read while the load was half done").isNotEmpty()
                .allSatisfy(r -> assertThat(r).isEqualTo(before.revision()));

        long afterSwitch = reports.revision();
        assertThat(afterSwitch).as("the switch of generation is a change").isGreaterThan(
                revisionsWhileBuilding.get(revisionsWhileBuilding.size() - 1));
        InForceIndex after = reports.loadIndex();
        assertThat(after.revision()).isEqualTo(afterSwitch);
        assertThat(after.counts(AS_OF, today)).isEqualTo(reports.countsFromSql(AS_OF, today)).isEqualTo(published);
        LocalDate from = LocalDate.of(2024, 1, 1);
        List<TimelinePoint> fromSql = reports.timelineFromSql(from, from.plusDays(600), Step.day, today).points();
        assertThat(after.timeline(fromSql.stream().map(TimelinePoint::date).toList(), today)).isEqualTo(fromSql);
    }
}
