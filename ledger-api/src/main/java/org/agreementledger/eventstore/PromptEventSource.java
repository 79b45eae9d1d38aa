package org.agreementledger.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.agreementledger.reporting.RowsWrittenByTheAppend;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The report processor's source of events ({@code axon.eventhandling.processors.agreement-reports.source}):
 * streams that read the storage engine and tell the processor when events may have arrived.
 *
 * <p>Axon's pooled processor asks its stream whether events are waiting and, when none are and the
 * stream cannot call it back, asks again 500 ms later: an append reached the reports a quarter of a
 * second later on average, and a write acknowledged only once the reports hold it
 * ({@code visibility.AcknowledgedWrites}) took half a second. These streams call back as soon as
 * this application has committed events whose report rows the processor writes, and every 100 ms
 * besides: for events other instances append, and for single appends here, which wrote their own
 * report rows and so wake nobody (the processor passes them in one batch).
 *
 * <p>They read the storage engine themselves, a batch at a time, rather than tail Axon's embedded
 * event store, whose reader keeps the latest events in a linked list for its tailing streams. That
 * list holds each event from the one before it, and a node dropped from the list keeps that link: once
 * a node has been promoted to the old generation and dropped, every event appended after it stays
 * reachable to each young collection until a concurrent cycle finds the node dead. Under single
 * appends on a million-agreement ledger each young collection copied 14 to 19 MB of such events
 * from each 11 s before it (about 3 KB an append), the pauses 27 to 48 ms, the single appends'
 * slowest; read so, 1.4 to 2.2 MB and 8 to 16 ms ({@code SingleAppendsAB}, 500 appends a second).
 */
@Component(PromptEventSource.BEAN)
class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, DisposableBean {

    /** The bean's name, as application.yml gives it to the processor. */
    static final String BEAN = "reportEventSource";

    private static final Logger log = LoggerFactory.getLogger(PromptEventSource.class);
    /**
     * The call back besides those after a commit here: for events other instances append, and for
     * those of single appends here that wrote their own report rows (they do not wake the processor,
     * which passes them at this poll in one batch). Axon's own poll is every 500 ms.
     */
    private static final Duration POLL = Duration.ofMillis(100);

    private final EventStore store;
    private final EventStorageEngine engine;
    private final Set<Prompt> streams = ConcurrentHashMap.newKeySet();
    /** Whether a call back after a commit is scheduled: commits meanwhile need no other. */
    private final AtomicBoolean calling = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "report-event-source");
        thread.setDaemon(true);
        return thread;
    });

    PromptEventSource(EventStore store, EventStorageEngine engine, LocalCommits commits) {
        this.store = store;
        this.engine = engine;
        commits.onCommit(this::committed);
        timer.scheduleWithFixedDelay(this::callBack, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void committed() {
        if (streams.isEmpty() || RowsWrittenByTheAppend.thisThreadsAppendWroteItsRows()) {
            // a single append that wrote its own report rows: the processor passes its events at the next poll
            return;
        }
        if (calling.compareAndSet(false, true)) {
            try {
                timer.execute(() -> {
                    calling.set(false); // before the call: a commit from now on is read by a call of its own
                    callBack();
                });
            } catch (RuntimeException shuttingDown) {
                calling.set(false);
            }
        }
    }

    private void callBack() {
        for (Prompt stream : streams) {
            try {
                stream.mayHaveArrived(); // schedules a round of the processor's coordinator, no more
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
        Prompt stream = new Prompt(trackingToken);
        streams.add(stream);
        return stream;
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

    /**
     * Events read from the storage engine from a tracking token on, a batch at a time, gaps
     * included. A read that reaches the head ends there (a stream of the engine that has found
     * nothing stays ended); the next starts from the last event's token, and only after a call back,
     * so that the coordinator's asking between call backs costs no query.
     */
    private final class Prompt implements BlockingStream<TrackedEventMessage<?>> {

        /** Call backs so far, and how many there had been when the last read reached the head. */
        private final AtomicLong calls = new AtomicLong();
        private long callsAtHead = -1;
        private TrackingToken lastToken;
        private Stream<? extends TrackedEventMessage<?>> reading;
        private Iterator<? extends TrackedEventMessage<?>> events;
        private TrackedEventMessage<?> next;
        private volatile Runnable callback;

        Prompt(TrackingToken from) {
            this.lastToken = from;
        }

        void mayHaveArrived() {
            calls.incrementAndGet();
            Runnable current = callback;
            if (current != null) {
                current.run();
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(hasNextAvailable() ? next : null);
        }

        @Override
        public boolean hasNextAvailable() {
            if (next != null) {
                return true;
            }
            long callsNow = calls.get();
            if (events == null) {
                if (callsNow == callsAtHead) {
                    return false; // nothing can have arrived since the last read reached the head
                }
                reading = engine.readEvents(lastToken, false);
                events = reading.iterator();
            }
            if (events.hasNext()) {
                next = events.next();
                lastToken = next.trackingToken();
                return true;
            }
            stopReading();
            callsAtHead = callsNow;
            return false;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (!hasNextAvailable()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL.toNanos()));
                calls.incrementAndGet(); // a reader that waits reads again at the poll's pace
            }
            return true;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (next == null) {
                hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS);
            }
            TrackedEventMessage<?> event = next;
            next = null;
            return event;
        }

        private void stopReading() {
            if (reading != null) {
                reading.close();
            }
            reading = null;
            events = null;
        }

        @Override
        public void close() {
            streams.remove(this);
            stopReading();
        }
    }
}
