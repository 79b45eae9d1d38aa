package org.agreementledger.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.agreementledger.LedgerApplication;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.Source;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The snapshot's overlay folded into new arrays while appends go on: the fold is made on its own
 * low-priority thread and swapped in by a later batch (ReportSnapshots.withFoldIn), with the rows
 * applied meanwhile as the new overlay. Answers stay the SQL statement's throughout, and nothing is
 * set aside. A fold threshold of 8 rows makes folds happen every few appends.
 */
class SnapshotFoldTest {

    private static final Source SOURCE = Source.manual("snapshot fold test", null);
    private static final LocalDate BASE = LocalDate.of(2020, 1, 1);
    private static final List<UsState> STATES = List.of(UsState.TX, UsState.FL, UsState.GA);

    @Test
    void foldsAreSwappedInByTheNextBatchAndCountsStayTheSqlOnes() {
        try (ConfigurableApplicationContext context = ledgerWithItsSnapshotLoaded()) {
            AgreementLedger ledger = context.getBean(AgreementLedger.class);
            AgreementReports reports = context.getBean(AgreementReports.class);
            ReportProcessor processor = context.getBean(ReportProcessor.class);
            ReportSnapshots snapshots = context.getBean(ReportSnapshots.class);
            InForceIndex loaded = reports.snapshot().arrays();
            int setAsides = snapshots.setAsides();

            int i = 10;
            while (snapshots.statistics().folds() < 3 && i < 400) {
                sign(ledger, i++);
                processor.awaitCaughtUp(Duration.ofSeconds(30));
                assertSameAsSql(reports, i);
            }
            assertThat(snapshots.statistics().folds()).as("folds swapped in after %s signings", i).isGreaterThanOrEqualTo(3);
            assertThat(reports.snapshot().arrays()).as("the arrays: folded, not those loaded").isNotSameAs(loaded);
            assertThat(reports.snapshot().arrays().size()).as("versions in the folded arrays").isGreaterThan(loaded.size());
            assertThat(snapshots.setAsides()).as("snapshots set aside").isEqualTo(setAsides);
            assertThat(snapshots.statistics().loads()).as("loads: the first only").isEqualTo(1);
            for (int day = 0; day < 400; day += 37) {
                assertSameAsSql(reports, day);
            }
        }
    }

    /**
     * Folds made while single appends go on from several threads (each applying its own batch to
     * the snapshot as it commits): the batches applied while a fold ran are applied to its arrays
     * before it is swapped in, by the fold's thread and then by the swap, so no fold is left out and
     * the counts stay the SQL statement's.
     */
    @Test
    void batchesAppliedWhileAFoldRunsAreCaughtUpOn() throws Exception {
        try (ConfigurableApplicationContext context = ledgerWithItsSnapshotLoaded()) {
            AgreementLedger ledger = context.getBean(AgreementLedger.class);
            AgreementReports reports = context.getBean(AgreementReports.class);
            ReportProcessor processor = context.getBean(ReportProcessor.class);
            ReportSnapshots snapshots = context.getBean(ReportSnapshots.class);
            AcknowledgedWrites writes = context.getBean(AcknowledgedWrites.class);

            int threads = 6;
            // each thread signs until three folds were swapped in and one caught up on batches, or 200:
            // the fold's thread runs at the lowest priority, and six writers on two cores starved it
            // (60 each left one fold swapped in, one run in three)
            int each = 200;
            java.util.function.BooleanSupplier enough = () -> {
                SnapshotStatistics now = snapshots.statistics();
                return now.folds() >= 3 && now.foldCatchUps() > 0;
            };
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = 10 + t * each;
                    done.add(pool.submit(() -> {
                        for (int i = first; i < first + each && !enough.getAsBoolean(); i++) {
                            int n = i;
                            writes.appendSingle(() -> {
                                sign(ledger, n);
                                return n;
                            });
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            processor.awaitCaughtUp(Duration.ofSeconds(30));
            sign(ledger, 10 + threads * each); // one more batch, to swap in a fold made after the last
            processor.awaitCaughtUp(Duration.ofSeconds(30));

            SnapshotStatistics statistics = snapshots.statistics();
            assertThat(statistics.folds()).as("folds swapped in").isGreaterThanOrEqualTo(3);
            assertThat(statistics.foldCatchUps()).as("batches applied to folds made while they ran").isPositive();
            assertThat(statistics.foldsLeftOut()).as("folds left out").isZero();
            assertThat(statistics.setAsides()).as("snapshots set aside").isZero();
            assertThat(statistics.loads()).as("loads: the first only").isEqualTo(1);
            for (int day = 0; day < 400; day += 23) {
                assertSameAsSql(reports, day);
            }
        }
    }

    /** A ledger folding every 8 rows, with 10 signings and its snapshot loaded (by a first report). */
    private static ConfigurableApplicationContext ledgerWithItsSnapshotLoaded() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run(LedgerDatabaseExtension.newDatabase().ledgerArguments("--ledger.reports.fold-overlay-at=8"));
        AgreementLedger ledger = context.getBean(AgreementLedger.class);
        for (int i = 0; i < 10; i++) {
            sign(ledger, i);
        }
        context.getBean(ReportProcessor.class).awaitCaughtUp(Duration.ofSeconds(30));
        context.getBean(AgreementReports.class).counts(BASE, AgreementReports.today());
        assertThat(context.getBean(ReportSnapshots.class).await(Duration.ofSeconds(30))).as("the snapshot loaded")
                .isTrue();
        return context;
    }

    /** The current snapshot's counts on {@code day} (as known today) are the SQL statement's. */
    private static void assertSameAsSql(AgreementReports reports, int day) {
        LocalDate asOf = BASE.plusDays(day);
        LocalDate today = AgreementReports.today();
        ReportSnapshot snapshot = reports.snapshot();
        assertThat(snapshot.revision()).as("the snapshot is current").isEqualTo(reports.revision());
        assertThat(snapshot.counts(asOf, today)).as("snapshot counts on %s", asOf)
                .isEqualTo(reports.countsFromSql(asOf, today));
    }

    private static void sign(AgreementLedger ledger, int i) {
        LocalDate signedOn = BASE.plusDays(i);
        // every third signing a second agreement of an agency already signed: agencies with several rows
        int agency = i % 3 == 2 ? i - 1 : i;
        ledger.sign(new SignAgreement(STATES.get(agency % STATES.size()), "Fold Test County " + agency
                + " Sheriff's Office", null, "County",
                SupportModel.values()[i % SupportModel.values().length], signedOn, null, null, signedOn, SOURCE));
    }
}
