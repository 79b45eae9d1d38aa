package org.agreementledger.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Rebuilds the report tables from the event store: resets the processor to the start of the
 * store and replays every event into a new generation, while reports keep reading the published
 * one; when the new generation has caught up it is published in one transaction.
 */
@Service
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    /**
     * How far a rebuild has got: events replayed of the events in the store, the rate so far and
     * the time left at that rate (null until there is a rate).
     */
    public record Progress(long done, long total, double eventsPerSecond, Duration eta, boolean finished) {
    }

    private final ReportProcessor reportProcessor;
    private final ReportGenerations generations;
    private final JdbcTemplate jdbc;
    /** Callers following a rebuild to its end here; none means an unfinished rebuild is nobody's. */
    private final AtomicInteger following = new AtomicInteger();

    ProjectionRebuild(ReportProcessor reportProcessor, ReportGenerations generations, JdbcTemplate jdbc) {
        this.reportProcessor = reportProcessor;
        this.generations = generations;
        this.jdbc = jdbc;
    }

    /** Rebuilds, telling {@code progress} at most every {@code every}; returns the generation published. */
    public synchronized int rebuild(Duration every, Consumer<Progress> progress) {
        following.incrementAndGet();
        try {
            PooledStreamingEventProcessor processor = reportProcessor.processor();
            processor.shutDown();
            int generation = generations.startBuilding();
            log.info("Rebuilding the report tables as generation {}", generation);
            processor.resetTokens();
            processor.start();
            awaitAndPublish(generation, every, progress);
            return generation;
        } finally {
            following.decrementAndGet();
        }
    }

    /** Whether a rebuild, or the finishing of one, is being followed to its end in this application. */
    boolean followed() {
        return following.get() > 0;
    }

    /**
     * Follows a replay into {@code generation} until it has caught up, then publishes it. Returns
     * early if another rebuild has replaced it or it has been published already.
     */
    void awaitAndPublish(int generation, Duration every, Consumer<Progress> progress) {
        following.incrementAndGet();
        try {
            follow(generation, every, progress);
        } finally {
            following.decrementAndGet();
        }
    }

    private void follow(int generation, Duration every, Consumer<Progress> progress) {
        Instant started = Instant.now();
        Instant nextReport = started;
        long total = eventCount();
        long done = 0;
        while (!reportProcessor.caughtUp()) {
            if (!Instant.now().isBefore(nextReport)) {
                if (generations.building() != generation || generations.published() == generation) {
                    return;
                }
                total = eventCount(); // appends go on during a rebuild; the target moves with them
                done = eventsUpTo(reportProcessor.position());
                progress.accept(progress(started, done, total, false));
                nextReport = Instant.now().plus(every);
            }
            ReportProcessor.pause(Duration.ofMillis(Math.min(every.toMillis(), 50)));
        }
        generations.publish(generation);
        total = eventCount();
        progress.accept(progress(started, total, total, true));
        log.info("Published report generation {} ({} events replayed)", generation, total);
    }

    private static Progress progress(Instant started, long done, long total, boolean finished) {
        double seconds = Math.max(Duration.between(started, Instant.now()).toNanos() / 1e9, 1e-3);
        double rate = done / seconds;
        Duration eta = finished ? Duration.ZERO
                : rate > 0 ? Duration.ofMillis((long) ((total - done) / rate * 1000)) : null;
        return new Progress(done, total, rate, eta, finished);
    }

    private long eventCount() {
        return jdbc.queryForObject("select count(*) from domainevententry", Long.class);
    }

    private long eventsUpTo(long globalIndex) {
        return globalIndex < 0 ? 0
                : jdbc.queryForObject("select count(*) from domainevententry where globalindex <= ?", Long.class,
                globalIndex);
    }
}
