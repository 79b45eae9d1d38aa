package org.agreementledger.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agreementledger.reporting.RowsWrittenByTheAppend;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The report processor's source of events ({@code axon.eventhandling.processors.agreement-reports.source}):
 * the event store, with streams that tell the processor when events may have arrived.
 *
 * <p>Axon's pooled processor asks its stream whether events are waiting and, when none are and the
 * stream cannot call it back (the embedded event store's cannot), asks again 500 ms later. So an
 * append reached the reports a quarter of a second later on average, and a write acknowledged only
 * once the reports hold it ({@code visibility.AcknowledgedWrites}) took half a second: 2 a second
 * for a client appending one after the other. These streams do call back: every millisecond at
 * first, then less often, in the 200 ms after this application last committed events whose report
 * rows the processor writes (the store's own reader fetches them from the database meanwhile, and
 * the processor finds them at the first call after it has), and every 100 ms besides: for events
 * other instances append, and for single appends here, which wrote their own report rows and so
 * wake nobody (the processor passes them in one batch).
 */
@Component(PromptEventSource.BEAN)
class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, DisposableBean {

    /** The bean's name, as application.yml gives it to the processor. */
    static final String BEAN = "reportEventSource";

    private static final Logger log = LoggerFactory.getLogger(PromptEventSource.class);
    /**
     * When to call back after a commit: the store's reader usually has the events within a few ms.
     * Every ms for the first few: with steps 1, 3 and 10, events fetched just after the 3 ms call
     * waited for the 10 ms one, and a write's wait for the reports was 6.9 ms at the median (2.6 ms
     * with these; 200 appends a second on a 100k ledger). Then every 5 to 10 ms up to 100: with a gap
     * from 30 to 100 ms, the 8 clients of the bench fell into lock-step rounds of about 55 ms (all
     * committing at once, all waiting for the same late call), a second at a time, the JVM idle in
     * between (p99 18 to 983 ms at 300/s in eight runs; with these steps 12 to 13 ms, two runs). A call that
     * finds nothing new costs a coordinator round, and there is at most one a ms.
     */
    private static final long[] AFTER_A_COMMIT_MS = {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 35, 40, 45, 50, 60,
            70, 80, 90, 100, 200};
    /**
     * The call back besides those after a commit: for events other instances append, and for those
     * of single appends here that wrote their own report rows (they do not wake the processor, which
     * passes them here in one batch; the store's reader fetches them as often,
     * {@code ledger.event-store.fetch-delay}). Axon's own poll is every 500 ms.
     */
    private static final Duration POLL = Duration.ofMillis(100);

    private final EventStore store;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    /** Whether a sequence of call backs after a commit is under way. */
    private final AtomicBoolean calling = new AtomicBoolean();
    private volatile long lastCommit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "report-event-source");
        thread.setDaemon(true);
        return thread;
    });

    PromptEventSource(EventStore store, LocalCommits commits) {
        this.store = store;
        commits.onCommit(this::committed);
        timer.scheduleWithFixedDelay(this::callBack, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void committed() {
        if (callbacks.isEmpty() || RowsWrittenByTheAppend.thisThreadsAppendWroteItsRows()) {
            // a single append that wrote its own report rows: the processor passes its events at the next poll
            return;
        }
        lastCommit = System.nanoTime();
        if (calling.compareAndSet(false, true)) {
            schedule(AFTER_A_COMMIT_MS[0]);
        }
    }

    /**
     * One call back of the steps after the last commit, and the next step scheduled. One sequence at
     * a time, measured from the latest commit: six timers a commit made 3,000 rounds of the
     * processor's coordinator a second under 500 appends a second, most of them finding nothing new.
     */
    private void afterCommit() {
        callBack();
        long commit = lastCommit;
        long since = (System.nanoTime() - commit) / 1_000_000;
        for (long step : AFTER_A_COMMIT_MS) {
            if (step > since) {
                schedule(step - since);
                return;
            }
        }
        calling.set(false);
        if (lastCommit != commit && calling.compareAndSet(false, true)) {
            schedule(AFTER_A_COMMIT_MS[0]); // a commit came as the sequence ended, and found it under way
        }
    }

    private void schedule(long ms) {
        try {
            timer.schedule(this::afterCommit, ms, TimeUnit.MILLISECONDS);
        } catch (RuntimeException shuttingDown) {
            calling.set(false);
        }
    }

    private void callBack() {
        for (Runnable callback : callbacks) {
            try {
                callback.run(); // schedules a round of the processor's coordinator, no more
            } catch (RuntimeException e) {
                log.debug("a report processor stream's callback failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Prompt(store.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /** The store's stream, and a callback when events may be available. */
    private final class Prompt implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> events;
        private volatile Runnable callback;

        Prompt(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return events.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return events.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return events.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return events.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable current = callback;
            if (current != null) {
                callbacks.remove(current);
            }
            events.close();
        }
    }
}
