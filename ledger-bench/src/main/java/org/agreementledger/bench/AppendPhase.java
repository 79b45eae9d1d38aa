package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.round;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.agreementledger.demo.DemoHistory;
import org.agreementledger.importing.app.AtomicAppender;
import org.agreementledger.progress.Progress;
import org.agreementledger.reporting.ReportProcessor;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.flywaydb.core.Flyway;

/** Phase 1: the demo history appended by the import's path, against its floor and a plain table. */
final class AppendPhase {

    /** Commands per AtomicAppender transaction, and events per transaction of the floor. */
    static final int APPEND_BATCH = 2_500;
    /** Rows per JDBC batch (and transaction) of the plain-table baseline. */
    static final int PLAIN_BATCH = 1_000;

    private final Bench bench;

    AppendPhase(Bench bench) {
        this.bench = bench;
    }

    AppendFigure run() throws SQLException, java.io.IOException {
        DemoHistory history = DemoHistory.of(bench.seed, bench.size);
        Bench.note("history: " + history.agreements() + " agreements, " + history.size() + " commands");
        // the append path alone: the live projection is paused (the rebuild below replays everything)
        bench.bean(EventProcessingConfiguration.class)
                .eventProcessor(ReportProcessor.NAME, PooledStreamingEventProcessor.class)
                .orElseThrow().shutDown();
        AtomicAppender appender = bench.bean(AtomicAppender.class);
        // where the append's CPU goes: JFR samples every 20 ms (little enough not to move the figure)
        StageProfile profiler = new StageProfile(
                StageProfile.parentOf(bench.jdbc().queryForObject("select pg_backend_pid()", Long.class)));
        bench.heap.reset();
        profiler.start(java.time.Duration.ofMillis(20));
        // only the appends are timed: building a batch's commands from the history (untimed) is the
        // input, as reading the rows is the baselines'
        long appending = 0;
        long phaseStarted = System.nanoTime();
        bench.progress.start("append (AtomicAppender, " + APPEND_BATCH + " a transaction)", history.size());
        List<Object> batch = new ArrayList<>(APPEND_BATCH);
        long done = 0;
        for (Iterator<Object> commands = history.commands(); commands.hasNext(); ) {
            batch.add(commands.next());
            if (batch.size() == APPEND_BATCH || !commands.hasNext()) {
                long started = System.nanoTime();
                appender.appendAll(batch, "bench", Progress.NONE);
                appending += System.nanoTime() - started;
                done += batch.size();
                batch.clear();
                bench.progress.advance(done);
            }
        }
        StageProfile.Profile profile = profiler.stop(history.size());
        bench.progress.finish();
        double seconds = appending / 1e9;
        double phaseSeconds = Bench.seconds(phaseStarted);
        bench.phaseHeap("append");
        long events = bench.storedEvents();

        List<AppendFloor.Row> rows = AppendFloor.rows(bench.jdbc());
        Map<String, AppendFloor.Listing> listing = AppendFloor.listing(bench.jdbc());

        // for comparison: the same payloads, plain JDBC batch INSERTs into a table without triggers
        bench.heap.reset();
        double plainSeconds = plain(rows);
        bench.phaseHeap("appendBaseline");

        // the floor, and its parts
        bench.heap.reset();
        AppendFloor floor = new AppendFloor(bench.bean(DataSource.class), bench.bean(Flyway.class), bench.progress,
                APPEND_BATCH);
        // its parts: on by default, -Dbench.floorParts=false leaves them out. With them, each variant runs
        // twice, in the order parts, floor, floor, parts reversed, and its two times are averaged: one run
        // each in a row showed the first after the append paying for it (checkpoint, autovacuum)
        boolean parts = Boolean.parseBoolean(System.getProperty("bench.floorParts", "true"));
        double indexesSeconds = Double.NaN;
        double chainedSeconds = Double.NaN;
        double floorSeconds;
        if (parts) {
            indexesSeconds = floor.seconds(AppendFloor.Variant.STORE_INDEXES_ONLY, rows, listing) / 2;
            chainedSeconds = floor.seconds(AppendFloor.Variant.STORE_CHAINED, rows, listing) / 2;
            floorSeconds = floor.seconds(AppendFloor.Variant.FLOOR, rows, listing) / 2;
            floorSeconds += floor.seconds(AppendFloor.Variant.FLOOR, rows, listing) / 2;
            chainedSeconds += floor.seconds(AppendFloor.Variant.STORE_CHAINED, rows, listing) / 2;
            indexesSeconds += floor.seconds(AppendFloor.Variant.STORE_INDEXES_ONLY, rows, listing) / 2;
        } else {
            floorSeconds = floor.seconds(AppendFloor.Variant.FLOOR, rows, listing);
        }
        bench.phaseHeap("appendFloor");

        double n = rows.size();
        double appendRate = events / seconds;
        double floorRate = n / floorSeconds;
        double plainRate = n / plainSeconds;
        AppendFigure.Floor split = new AppendFigure.Floor(us(plainSeconds, n), part(indexesSeconds, n),
                part(chainedSeconds, n), us(floorSeconds, n), part(chainedSeconds - indexesSeconds, n),
                part(floorSeconds - chainedSeconds, n), us(seconds - floorSeconds, n),
                "microseconds a row: plain table (bigserial key, payload), domainevententry with triggers off"
                        + " (its three unique indexes), with its triggers (the chain), the floor (and the listing row);"
                        + " chain = chained - indexes only, listing = floor - chained, java = append - floor");
        return new AppendFigure(history.agreements(), history.size(), events, APPEND_BATCH, round(seconds, 2),
                round(phaseSeconds, 2), round(appendRate, 0),
                "the same events by one JDBC batch a transaction (" + APPEND_BATCH + " events) into domainevententry"
                        + " of a fresh ledger database (indexes, chain triggers) with the listing row of each",
                round(floorSeconds, 2), round(floorRate, 0), round(appendRate / floorRate, 3),
                ">= " + AppendFigure.TARGET + " of the floor at 100k and 1M",
                split,
                "plain JDBC batch INSERT of the same payloads into a table without triggers, " + PLAIN_BATCH
                        + "-row batches, a commit each",
                round(plainSeconds, 2), round(plainRate, 0), round(appendRate / plainRate, 3), profile);
    }

    private double plain(List<AppendFloor.Row> rows) throws SQLException {
        try (Connection connection = bench.bean(DataSource.class).getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table bench_plain (id bigserial primary key, payload bytea not null)");
            }
            connection.setAutoCommit(false);
            bench.progress.start("plain JDBC INSERT (" + PLAIN_BATCH + "-row batches)", rows.size());
            long started = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("insert into bench_plain (payload) values (?)")) {
                int n = 0;
                for (AppendFloor.Row row : rows) {
                    insert.setBytes(1, row.payload());
                    insert.addBatch();
                    if (++n % PLAIN_BATCH == 0 || n == rows.size()) {
                        insert.executeBatch();
                        connection.commit();
                        bench.progress.advance(n);
                    }
                }
            }
            double seconds = Bench.seconds(started);
            bench.progress.finish();
            connection.setAutoCommit(true);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("drop table bench_plain");
            }
            return seconds;
        }
    }

    private static Double part(double seconds, double rows) {
        return Double.isNaN(seconds) ? null : us(seconds, rows);
    }

    private static double us(double seconds, double rows) {
        return round(seconds * 1e6 / rows, 1);
    }
}
