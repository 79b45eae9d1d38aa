package org.agreementledger.reporting;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Tells whoever waits for the report processor (an acknowledgement, {@link ReportProcessor#awaitTakenIn})
 * that one of its batches is over, so it looks again at once instead of at its next poll. The
 * projection signals from the batch's clean-up, which Axon runs after the processor has moved the
 * segment's status past the batch. Waiters still poll: a signal is a shortcut, never the only way on.
 */
@Component
class ReportBatchSignal {

    private final Object monitor = new Object();
    private long batchesOver;

    void batchOver() {
        synchronized (monitor) {
            batchesOver++;
            monitor.notifyAll();
        }
    }

    /** How many batches are over so far: read it before looking, and {@link #awaitAfter} waits for the next. */
    long seen() {
        synchronized (monitor) {
            return batchesOver;
        }
    }

    /** Waits until a batch after {@code seen} is over, for at most {@code timeout}. */
    void awaitAfter(long seen, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (batchesOver == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the reports", e);
                }
            }
        }
    }
}
