package org.agreementledger.demo;

import java.time.Duration;
import org.agreementledger.demo.DemoHistory;
import org.agreementledger.progress.Progress;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of tests on the calibrated demo history: one context and one database for all of them (the
 * property below), loaded by the first test to start. Loading is idempotent: later loads do nothing.
 */
@TestPropertySource(properties = "ledger.test.ledger=demo")
public abstract class DemoLedgerTest extends LedgerIntegrationTest {

    public static final long SEED = 287;

    @Autowired
    protected DemoLoader demo;
    @Autowired
    protected ReportProcessor processor;

    private static DemoLoader.Result firstLoad;

    @BeforeEach
    void loadTheDemoHistory() {
        synchronized (DemoLedgerTest.class) {
            DemoLoader.Result result = demo.load(DemoHistory.calibrated(SEED), Progress.NONE);
            if (firstLoad == null) {
                firstLoad = result;
            }
        }
        processor.awaitCaughtUp(Duration.ofMinutes(2));
    }

    /** What the first load in this JVM did (the timing is in the report). */
    protected static DemoLoader.Result firstLoad() {
        return firstLoad;
    }
}
