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
import java.util.function.LongConsumer;
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
    /**
     * Transactions at the start that the judged ratio leaves out, on both sides: the JIT's warm-up. The
     * append is the first work of a fresh JVM, so its first transactions also pay for compiling its code
     * (a 100k run: the first 2,500 commands took 0.68 s, the tenth 0.15 s, with the compiler threads on
     * the core PostgreSQL needs), while the floor runs later on warm JDBC code. The whole-run ratio stays
     * beside it. At most a fifth of the transactions, so a small run still judges most of its work.
     */
    static final int WARM_UP_TRANSACTIONS = 10;
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
        List<Long> transactions = new ArrayList<>();
        long phaseStarted = System.nanoTime();
        bench.progress.start("append (AtomicAppender, " + APPEND_BATCH + " a transaction)", history.size());
        appendInBatches(appender, history, "bench", bench.progress, transactions::add);
        long appending = transactions.stream().mapToLong(Long::longValue).sum();
        StageProfile.Profile profile = profiler.stop(history.size());
        bench.progress.finish();
        double seconds = appending / 1e9;
        double phaseSeconds = Bench.seconds(phaseStarted);
        bench.phaseHeap("append");
        long events = bench.storedEvents();
        if (events != history.size()) {
            // the floor's transactions are cut from the stored events, the append's from the commands
            throw new IllegalStateException("the warm-up split assumes one event a command: " + history.size()
                    + " commands stored " + events + " events");
        }
        int warmUp = warmUp(transactions.size());
        double warmSeconds = transactions.stream().skip(warmUp).mapToLong(Long::longValue).sum() / 1e9;
        long warmEvents = Math.max(0, events - (long) warmUp * APPEND_BATCH);

        List<AppendFloor.Row> rows = AppendFloor.rows(bench.jdbc());
        Map<String, AppendFloor.Listing> listing = AppendFloor.listing(bench.jdbc());

        // for comparison: the same payloads, plain JDBC batch INSERTs into a table without triggers
        bench.heap.reset();
        double plainSeconds = plain(rows);
        bench.phaseHeap("appendBaseline");

        // the floor, and its parts
        bench.heap.reset();
        AppendFloor floor = new AppendFloor(bench.bean(DataSource.class), bench.bean(Flyway.class), bench.progress,
                APPEND_BATCH, warmUp);
        // its parts: on by default, -Dbench.floorParts=false leaves them out. With them, each variant runs
        // twice, in the order parts, floor, floor, parts reversed, and its two times are averaged: one run
        // each in a row showed the first after the append paying for it (checkpoint, autovacuum)
        boolean parts = Boolean.parseBoolean(System.getProperty("bench.floorParts", "true"));
        double indexesSeconds = Double.NaN;
        double chainedSeconds = Double.NaN;
        AppendFloor.Timing floorTiming;
        if (parts) {
            AppendFloor.Timing indexes = floor.time(AppendFloor.Variant.STORE_INDEXES_ONLY, rows, listing);
            AppendFloor.Timing chained = floor.time(AppendFloor.Variant.STORE_CHAINED, rows, listing);
            floorTiming = floor.time(AppendFloor.Variant.FLOOR, rows, listing)
                    .mean(floor.time(AppendFloor.Variant.FLOOR, rows, listing));
            chainedSeconds = chained.mean(floor.time(AppendFloor.Variant.STORE_CHAINED, rows, listing)).seconds();
            indexesSeconds = indexes.mean(floor.time(AppendFloor.Variant.STORE_INDEXES_ONLY, rows, listing)).seconds();
        } else {
            floorTiming = floor.time(AppendFloor.Variant.FLOOR, rows, listing);
        }
        double floorSeconds = floorTiming.seconds();
        bench.phaseHeap("appendFloor");

        double n = rows.size();
        double appendRate = events / seconds;
        double floorRate = n / floorSeconds;
        double plainRate = n / plainSeconds;
        double warmRatio = floorTiming.warmSeconds() / warmSeconds; // the same rows on both sides
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
                round(floorSeconds, 2), round(floorRate, 0), round(warmRatio, 3),
                ">= " + AppendFigure.TARGET + " of the floor at 100k and 1M, after the first " + warmUp
                        + " transactions on both sides (the JIT's warm-up)",
                warmUp, warmEvents, round(warmSeconds, 2), round(floorTiming.warmSeconds(), 2),
                round(appendRate / floorRate, 3),
                split,
                "plain JDBC batch INSERT of the same payloads into a table without triggers, " + PLAIN_BATCH
                        + "-row batches, a commit each",
                round(plainSeconds, 2), round(plainRate, 0), round(appendRate / plainRate, 3), profile);
    }

    /** The transactions left out of the judged ratio: {@link #WARM_UP_TRANSACTIONS}, at most a fifth. */
    static int warmUp(int transactions) {
        return Math.min(WARM_UP_TRANSACTIONS, transactions / 5);
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

    /**
     * The demo history appended by the import's path, {@link #APPEND_BATCH} commands a transaction,
     * advancing {@code progress} (started by the caller) after each; {@code took} is given each
     * transaction's nanoseconds, the appends alone (building a batch's commands is the input).
     */
    static void appendInBatches(AtomicAppender appender, DemoHistory history, String phase, Progress progress,
                                LongConsumer took) {
        List<Object> batch = new ArrayList<>(APPEND_BATCH);
        long done = 0;
        for (Iterator<Object> commands = history.commands(); commands.hasNext(); ) {
            batch.add(commands.next());
            if (batch.size() == APPEND_BATCH || !commands.hasNext()) {
                long started = System.nanoTime();
                appender.appendAll(batch, phase, Progress.NONE);
                took.accept(System.nanoTime() - started);
                done += batch.size();
                batch.clear();
                progress.advance(done);
            }
        }
    }
}
