package org.agreementledger.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The pooled streaming processor that feeds the reports, and how far it has got. "Caught up"
 * means every segment is claimed here and has committed the store's last event.
 */
@Component
public class ReportProcessor {

    /** The processor's name, as configured under axon.eventhandling.processors in application.yml. */
    public static final String NAME = AgreementReportProjection.PROCESSOR;

    private static final Duration POLL = Duration.ofMillis(10);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ReportProcessor(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    PooledStreamingEventProcessor processor() {
        return processing.eventProcessor(AgreementReportProjection.PROCESSOR, PooledStreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the event processor '"
                        + AgreementReportProjection.PROCESSOR + "' is not a pooled streaming processor;"
                        + " see axon.eventhandling.processors in application.yml"));
    }

    /** The global index of the store's last event, or -1 for an empty store. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** The global index every segment has committed, or -1 if some segment has none or is not claimed here. */
    public long position() {
        PooledStreamingEventProcessor processor = processor();
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        double covered = 0;
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            if (segment.isErrorState()) {
                return -1;
            }
            covered += 1.0 / (segment.getSegment().getMask() + 1);
            OptionalLong position = segment.getCurrentPosition();
            lowest = Math.min(lowest, position.orElse(-1));
        }
        return processor.isRunning() && covered > 0.999 ? lowest : -1;
    }

    public boolean caughtUp() {
        long head = head();
        return isClaimed() && position() >= head;
    }

    private boolean isClaimed() {
        PooledStreamingEventProcessor processor = processor();
        double covered = processor.processingStatus().values().stream()
                .mapToDouble(segment -> 1.0 / (segment.getSegment().getMask() + 1)).sum();
        return processor.isRunning() && covered > 0.999;
    }

    /** Waits until the reports include every event appended before the call. */
    public void awaitCaughtUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!caughtUp()) {
            if (Instant.now().isAfter(deadline)) {
                String error = processor().processingStatus().values().stream()
                        .filter(EventTrackerStatus::isErrorState)
                        .map(segment -> "; segment " + segment.getSegment().getSegmentId() + " failed: "
                                + segment.getError())
                        .findFirst().orElse("");
                throw new IllegalStateException("the reports did not catch up with the event store within "
                        + timeout.toSeconds() + " s (processed up to " + position() + " of " + head() + ")" + error);
            }
            pause(POLL);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the reports", e);
        }
    }
}
