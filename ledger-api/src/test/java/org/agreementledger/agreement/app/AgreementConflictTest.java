package org.agreementledger.agreement.app;

import static org.agreementledger.testing.TestAgreements.modelChange;
import static org.agreementledger.testing.TestAgreements.signing;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModel;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two appends racing on one agreement: one wins, the other is told it lost. Both paths are
 * exercised: the store's uniqueness on (aggregate, sequence) for two signings, and the expected
 * version for two amendments (inside one JVM Axon's aggregate lock serialises those, so without
 * an expected version the loser would see the winner's state instead of a conflict).
 */
class AgreementConflictTest extends LedgerIntegrationTest {

    @Autowired
    AgreementLedger ledger;
    @Autowired
    JdbcTemplate jdbc;

    @RepeatedTest(3)
    void twoSigningsOfOneAgreementGiveOneSuccessAndOneConflict() throws Exception {
        SignAgreement signing = signing();
        List<Outcome> outcomes = race(() -> ledger.sign(signing), () -> ledger.sign(signing));

        assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> outcome.failure() instanceof AgreementConflictException)
                .singleElement()
                // the store's unique (aggregate, sequence) decided, not a check in Java
                .satisfies(outcome -> assertThat(outcome.failure()).hasRootCauseInstanceOf(
                        org.postgresql.util.PSQLException.class));
        assertThat(new EventStoreRows(jdbc).countFor(signing.agreementId())).isEqualTo(1);
    }

    @RepeatedTest(3)
    void twoAmendmentsOnTheSameVersionGiveOneSuccessAndOneConflict() throws Exception {
        String id = ledger.sign(signing());
        List<Outcome> outcomes = race(
                () -> ledger.amend(modelChange(id, SupportModel.TFM, LocalDate.of(2025, 2, 1), 0L)),
                () -> ledger.amend(modelChange(id, SupportModel.WSO, LocalDate.of(2025, 2, 1), 0L)));

        assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> outcome.failure() instanceof AgreementConflictException)
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.failure()).hasMessageContaining(id)
                        .hasCauseInstanceOf(org.axonframework.modelling.command.ConflictingAggregateVersionException.class));
        assertThat(new EventStoreRows(jdbc).countFor(id)).isEqualTo(2);
    }

    private record Outcome(Throwable failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    private static List<Outcome> race(Runnable first, Runnable second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Runnable append : List.of(first, second)) {
                Callable<Outcome> task = () -> {
                    start.await();
                    try {
                        append.run();
                        return new Outcome(null);
                    } catch (RuntimeException e) {
                        return new Outcome(e);
                    }
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
