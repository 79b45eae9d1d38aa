package org.agreementledger.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.demo.DemoHistory;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A demo history is in a ledger whole or is not served: a load that stops part-way leaves no mark of a
 * whole load, and loading again refuses the ledger with a message saying so, where it used to say
 * "already holds a demo history" and serve 814 agreements of 1,380. A shutdown stops the load after
 * the batch under way has committed. Each test has a ledger of its own (a context each).
 */
@TestPropertySource(properties = "ledger.test.ledger=demo-all-or-nothing")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class DemoLoadAllOrNothingTest extends LedgerIntegrationTest {

    /** About 2,900 commands: three batches. */
    private static final DemoHistory HISTORY = DemoHistory.of(11, 2500);

    @Autowired
    DemoLoader demo;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aLoadThatFailsPartWayIsRefusedNextTimeNotTakenForADemo() {
        Progress failsAfterTheFirstBatch = new Progress() {
            @Override
            public void start(String name, long total) {
            }

            @Override
            public void advance(long done) {
                if (done == DemoLoader.BATCH) {
                    throw new IllegalStateException("the disk filled up");
                }
            }

            @Override
            public void finish() {
            }
        };
        assertThatThrownBy(() -> demo.load(HISTORY, failsAfterTheFirstBatch)).hasMessage("the disk filled up");
        assertThat(new EventStoreRows(jdbc).count()).as("the first batch committed").isEqualTo(DemoLoader.BATCH);

        assertThatThrownBy(() -> demo.load(HISTORY, Progress.NONE))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("dataDir: this ledger holds part of a demo history: 1,000 synthetic events and no mark of"
                        + " a whole load (its load was stopped or failed), so its figures would be wrong; delete it"
                        + " and run bin/ledger demo again");
        assertThat(new EventStoreRows(jdbc).count()).as("nothing more appended").isEqualTo(DemoLoader.BATCH);
    }

    @Test
    void aWholeLoadIsMarkedAndLoadingAgainDoesNothing() {
        DemoLoader.Result first = demo.load(HISTORY, Progress.NONE);
        assertThat(first.loaded()).isTrue();
        assertThat(first.events()).isEqualTo(HISTORY.size()).isGreaterThan(2 * DemoLoader.BATCH);
        assertThat(jdbc.queryForObject("select events from demo_loaded", Long.class)).isEqualTo(HISTORY.size());

        DemoLoader.Result again = demo.load(HISTORY, Progress.NONE);
        assertThat(again.loaded()).isFalse();
        assertThat(again.events()).isEqualTo(HISTORY.size());
    }

    @Test
    void aDemoLoadedWholeBeforeTheMarkExistedIsRecognisedByItsSize() {
        demo.load(HISTORY, Progress.NONE);
        jdbc.update("delete from demo_loaded");

        assertThat(demo.load(HISTORY, Progress.NONE).loaded()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from demo_loaded", Long.class)).as("marked now").isOne();
    }

    @Test
    void aShutdownStopsTheLoadAfterItsBatchAndBeforeTheDatabase() throws Exception {
        CountDownLatch firstBatch = new CountDownLatch(1);
        CountDownLatch shutdownAsked = new CountDownLatch(1);
        Progress progress = new Progress() {
            @Override
            public void start(String name, long total) {
            }

            @Override
            public void advance(long done) {
                if (done == DemoLoader.BATCH) {
                    firstBatch.countDown();
                    await(shutdownAsked); // the shutdown arrives while the load is under way
                }
            }

            @Override
            public void finish() {
            }
        };
        CompletableFuture<DemoLoader.Result> load = CompletableFuture.supplyAsync(() -> demo.load(HISTORY, progress));
        assertThat(firstBatch.await(60, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stop = CompletableFuture.runAsync(demo::stop);
        Thread.sleep(200);
        assertThat(stop).as("the shutdown waits for the load").isNotDone();
        shutdownAsked.countDown();
        stop.get(60, TimeUnit.SECONDS);
        long whenStopped = new EventStoreRows(jdbc).count();

        assertThatThrownBy(() -> load.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DemoLoadInterruptedException.class)
                .hasMessage("the demo load was stopped after 1,000 of " + String.format("%,d", HISTORY.size())
                        + " events: the application is shutting down (SIGTERM or Ctrl-C); this ledger holds part of"
                        + " the history and no mark of a whole load; bin/ledger demo refuses it: delete it and load"
                        + " again");
        assertThat(whenStopped).as("whole batches only, none after the shutdown went on").isEqualTo(DemoLoader.BATCH);
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(DemoLoader.BATCH);
        assertThat(jdbc.queryForObject("select count(*) from demo_loaded", Long.class)).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
