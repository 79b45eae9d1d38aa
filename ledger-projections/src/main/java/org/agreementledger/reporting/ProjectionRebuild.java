package org.agreementledger.reporting;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the report tables from the event store into a new generation, while reports keep
 * reading the published one, and publishes it in one transaction when it has caught up.
 *
 * <p>The bulk of it is set-based, outside the processor: with the processor stopped and every one
 * of its segments claimed, one transaction starts the generation, loads it from one snapshot of
 * the store ({@link GenerationLoader}: one streaming read, the fold, one COPY) and sets every
 * segment's token to where that snapshot ends. So the load and the tokens commit together or not
 * at all: a rebuild that fails while loading leaves nothing behind (the published generation, the
 * tokens as they were). Then the processor is started again; it takes in whatever the snapshot did
 * not hold (appends since, and those in flight when it was taken: the token's gaps) into the new
 * generation, which is published once the processor has caught up. Replaying through the
 * processor instead read and deserialised the store 100 events a query and committed a batch at a
 * time with fsync: about 13,000 events/s at a million events.
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
    private final GenerationLoader loader;
    private final TokenStore tokenStore;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    /** Callers following a rebuild to its end here; none means an unfinished rebuild is nobody's. */
    private final AtomicInteger following = new AtomicInteger();
    /** A rebuild stopped the processor, and it has not been started again yet. */
    private final AtomicBoolean leftStopped = new AtomicBoolean();

    ProjectionRebuild(ReportProcessor reportProcessor, ReportGenerations generations, GenerationLoader loader,
                      TokenStore tokenStore, DataSource dataSource, TransactionTemplate transactions,
                      JdbcTemplate jdbc) {
        this.reportProcessor = reportProcessor;
        this.generations = generations;
        this.loader = loader;
        this.tokenStore = tokenStore;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** Rebuilds, telling {@code progress} at most every {@code every}; returns the generation published. */
    public synchronized int rebuild(Duration every, Consumer<Progress> progress) {
        following.incrementAndGet();
        try {
            int generation = load(every, progress);
            awaitAndPublish(generation, every, progress);
            return generation;
        } finally {
            following.decrementAndGet();
        }
    }

    /**
     * Loads a new generation and sets the processor's tokens to the end of the snapshot it was
     * loaded from, in one transaction, with the processor stopped; restarts the processor whether
     * or not the load committed. Returns the generation, not yet published.
     */
    int load(Duration every, Consumer<Progress> progress) {
        PooledStreamingEventProcessor processor = reportProcessor.processor();
        processor.shutDown();
        try {
            return loadAndReport(every, progress);
        } finally {
            // from the tokens just committed, or, if the load failed, from where it was before
            leftStopped.set(true);
            startProcessorIfLeftStopped();
        }
    }

    /**
     * Starts the processor again if a rebuild stopped it and could not start it: Axon gives up
     * starting after a few seconds without the database, as when the database fails under a load.
     * The following of a rebuild and the check for interrupted ones call this until it succeeds.
     */
    void startProcessorIfLeftStopped() {
        // its own lock, not the rebuild's: the check must not wait for a whole rebuild to end
        synchronized (leftStopped) {
            if (!leftStopped.get()) {
                return;
            }
            try {
                reportProcessor.processor().start();
                leftStopped.set(false);
            } catch (RuntimeException e) {
                log.warn("Could not start the report processor again yet: {}", e.getMessage());
            }
        }
    }

    /**
     * The load runs in a transaction on a thread of its own, so that the caller's thread, which
     * reports the progress, is not bound to that transaction: whatever {@code progress} reads goes
     * through connections of its own, and sees the published generation.
     */
    private int loadAndReport(Duration every, Consumer<Progress> progress) {
        Instant started = Instant.now();
        LoadCount count = new LoadCount();
        CompletableFuture<Integer> loading = CompletableFuture.supplyAsync(
                () -> transactions.execute(status -> loadInTransaction(count)), runnable -> {
                    Thread thread = new Thread(runnable, "report-rebuild-load");
                    thread.setDaemon(true);
                    thread.start();
                });
        Instant nextReport = started;
        while (true) {
            // from the snapshot's count on (the first thing the load reads), so the first report has a total
            if (count.total > 0 && !Instant.now().isBefore(nextReport)) {
                progress.accept(progress(started, count.done, count.total, false));
                nextReport = Instant.now().plus(every);
            }
            try {
                int generation = Objects.requireNonNull(loading.get(Math.max(1, Math.min(every.toMillis(), 50)),
                        TimeUnit.MILLISECONDS));
                progress.accept(progress(started, count.done, count.total, false)); // the whole snapshot, committed
                return generation;
            } catch (TimeoutException stillLoading) {
                // report again when it is time
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure
                        : new IllegalStateException("the rebuild's load failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // the load goes on and commits or not by itself; if it commits, the check finishes it
                throw new IllegalStateException("interrupted while loading the report tables", e);
            }
        }
    }

    /** Events read of the snapshot's, written by the loading thread and read by the reporting one. */
    private static final class LoadCount implements GenerationLoader.Loaded {

        volatile long done;
        volatile long total;

        @Override
        public void upTo(long done, long total) {
            this.done = done;
            this.total = total;
        }
    }

    private int loadInTransaction(LoadCount count) {
        String name = ReportProcessor.NAME;
        int[] segments = tokenStore.fetchSegments(name);
        if (segments.length == 0) {
            throw new IllegalStateException("the processor '" + name + "' has no segments yet; start it once first");
        }
        // Claims every segment and holds its row lock to the commit: this fails, as a reset of
        // the tokens would, while another instance's processor holds a segment, and no processor
        // anywhere can take a segment over (and write into the new generation) while it loads.
        List<TrackingToken> stopped = new ArrayList<>();
        for (int segment : segments) {
            stopped.add(tokenStore.fetchToken(name, segment));
        }
        // the published generation stands still from here at what those tokens say it holds
        int generation = generations.startBuilding(ReportProcessor.everyIndexUpTo(stopped));
        log.info("Rebuilding the report tables as generation {}", generation);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        SnapshotEnd end;
        try {
            end = loader.load(connection, generation, count);
        } catch (SQLException e) {
            throw new IllegalStateException("could not load report generation " + generation + ": " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        TrackingToken token = end.token();
        for (int segment : segments) {
            tokenStore.storeToken(token, name, segment);
            // released at the commit: this instance's processor, or another's, claims them as usual
            tokenStore.releaseClaim(name, segment);
        }
        log.info("Report generation {} loaded up to global index {} ({} gaps); the processor goes on from there",
                generation, end.lastIndex(), end.gaps().size());
        return generation;
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
                startProcessorIfLeftStopped();
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
