package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.round;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.agreementledger.reporting.AgreementVersion;
import org.agreementledger.reporting.ProjectionRebuild;
import org.agreementledger.storedevents.StoredEventReader;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.core.env.Environment;

/**
 * Phase 2: the projection rebuild, then its baseline (read and fold, writing nothing), then the store
 * read once into memory (the in-memory baselines' input, kept for the counts phase) and its fold.
 */
final class RebuildPhase {

    /** The rebuild's figure, the read-once figure, and the events read (null once dropped). */
    record Result(RebuildFigure figure, ReadOnceFigure readOnce, List<StoredEvents.Recorded> events) {
        Result withoutEvents() {
            return new Result(figure, readOnce, null);
        }
    }

    private final Bench bench;

    RebuildPhase(Bench bench) {
        this.bench = bench;
    }

    Result run() throws SQLException {
        ProjectionRebuild rebuild = bench.bean(ProjectionRebuild.class);
        long total = bench.storedEvents();
        bench.heap.reset();
        long started = System.nanoTime();
        bench.progress.start("projection rebuild", total);
        // when the set-based load had read every event of its snapshot: the rest is its commit, the
        // processor's restart and catch-up, and the switch
        long[] loaded = {0};
        rebuild.rebuild(Duration.ofMillis(100), p -> {
            bench.progress.advance(p.done());
            if (loaded[0] == 0 && p.total() > 0 && p.done() >= p.total()) {
                loaded[0] = System.nanoTime();
            }
        });
        bench.progress.finish();
        double seconds = Bench.seconds(started);
        bench.phaseHeap("rebuild");

        // baseline: the same events read and folded, nothing written (after the rebuild, so on warm code:
        // this errs in the baseline's favour)
        int fetchSize = bench.bean(Environment.class).getProperty("ledger.reports.rebuild-fetch-size", Integer.class,
                5000);
        StoredEventReader reader = bench.bean(StoredEventReader.class);
        bench.heap.reset();
        bench.progress.start("baseline: read and fold, writing nothing", 1);
        ReadAndFold.Result readAndFold = ReadAndFold.run(bench.bean(DataSource.class), reader, fetchSize);
        bench.progress.advance(1);
        bench.progress.finish();
        bench.phaseHeap("rebuildReadAndFold");

        bench.heap.reset();
        long readStarted = System.nanoTime();
        List<StoredEvents.Recorded> events = StoredEvents.read(bench.bean(EventStorageEngine.class));
        double readSeconds = Bench.seconds(readStarted);
        bench.phaseHeap("readOnce");
        ReadOnceFigure readOnce = new ReadOnceFigure(events.size(), round(readSeconds, 2),
                round(events.size() / readSeconds, 0));

        bench.heap.reset();
        StoredEvents.fold(events); // warm-up
        long foldStarted = System.nanoTime();
        List<AgreementVersion> versions = StoredEvents.fold(events);
        double foldSeconds = Bench.seconds(foldStarted);
        bench.phaseHeap("foldBaseline");

        double rate = total / seconds;
        double baselineRate = readAndFold.events() / readAndFold.seconds();
        double foldRate = events.size() / foldSeconds;
        RebuildFigure figure = new RebuildFigure(total, round(seconds, 2),
                loaded[0] == 0 ? null : round((loaded[0] - started) / 1e9, 2), round(rate, 0),
                "the same events streamed out of PostgreSQL in (aggregate, sequence) order (one snapshot, "
                        + fetchSize + " a round trip, binary), deserialised and folded per agreement, nothing written",
                readAndFold.versions(), round(readAndFold.seconds(), 2), round(baselineRate, 0),
                round(rate / baselineRate, 4), ">= " + RebuildFigure.TARGET + " of read-and-fold at 1M",
                "in-memory fold (AgreementVersions.of per agreement) of the events read once",
                versions.size(), round(foldSeconds, 3), round(foldRate, 0), round(rate / foldRate, 4));
        return new Result(figure, readOnce, events);
    }
}
