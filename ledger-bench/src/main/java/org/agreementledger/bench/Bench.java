package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.round;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.agreementledger.LedgerApplication;
import org.agreementledger.api.AgreementEvent;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.Source;
import org.agreementledger.api.SourceKind;
import org.agreementledger.demo.DemoFigures;
import org.agreementledger.demo.DemoHistory;
import org.agreementledger.demo.SyntheticPublications;
import org.agreementledger.importing.app.AtomicAppender;
import org.agreementledger.importing.IceSheet;
import org.agreementledger.importing.IceSheetReader;
import org.agreementledger.importing.Publication;
import org.agreementledger.importing.app.PublicationImporter;
import org.agreementledger.importing.SheetLine;
import org.agreementledger.integrity.LedgerChain;
import org.agreementledger.integrity.Verification;
import org.agreementledger.progress.Progress;
import org.agreementledger.progress.TerminalProgress;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.AgreementVersion;
import org.agreementledger.reporting.AgreementVersions;
import org.agreementledger.reporting.Counts;
import org.agreementledger.reporting.ProjectionRebuild;
import org.agreementledger.reporting.RecordedEvent;
import org.agreementledger.reporting.SnapshotCounts;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.reporting.Step;
import org.agreementledger.reporting.Timeline;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** One benchmark run: the application on an embedded PostgreSQL in a temporary data directory. */
final class Bench implements AutoCloseable {

    /** Commands per AtomicAppender transaction. */
    static final int APPEND_BATCH = 2_500;
    /** Rows per JDBC batch (and transaction) of the plain-table baseline. */
    static final int PLAIN_BATCH = 1_000;

    private final long size;
    private final int queries;
    private final long seed;
    private final Path dataDir;
    private final ConfigurableApplicationContext context;
    private final HeapSampler heap = new HeapSampler();
    private final Map<String, Object> heapByPhase = new LinkedHashMap<>();
    private final Progress progress = TerminalProgress.onStderr(new java.io.PrintWriter(System.err, true));

    Bench(long size, int queries, long seed) throws IOException {
        this.size = size;
        this.queries = queries;
        this.seed = seed;
        this.dataDir = Files.createTempDirectory("ledger-bench-");
        note("starting the ledger on an embedded PostgreSQL in " + dataDir);
        this.context = startLedger(dataDir);
    }

    /** The application without a web server, on an embedded PostgreSQL in {@code dataDir}. */
    static ConfigurableApplicationContext startLedger(Path dataDir) {
        return new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run("--ledger.db.data-dir=" + dataDir, "--spring.main.banner-mode=off",
                        "--logging.level.root=warn", "--logging.level.org.agreementledger=warn",
                        "--logging.level.org.axonframework=warn");
    }

    @SuppressWarnings({"unchecked", "UnusedAssignment"})
    Map<String, Object> measure() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("append", append());
        figures.put("rebuild", rebuild());
        // the events read once, for the in-memory baselines; dropped before the later phases' heap
        List<Recorded> events = readEvents(figures);
        foldBaseline(events, (Map<String, Object>) figures.get("rebuild"));
        figures.put("counts", counts(events));
        events = null;
        figures.put("timeline", timeline());
        figures.put("snapshotFollowing", new SnapshotFollowing(context, seed)
                .measure((Map<String, Object>) figures.get("rebuild")));
        figures.put("verify", verify());
        figures.put("singleAppends", singleAppends());
        figures.put("bulkImport", bulkImport());
        figures.put("heapMb", heapByPhase);
        return figures;
    }

    // ---- 1. append ------------------------------------------------------------------------------

    private Map<String, Object> append() throws SQLException {
        DemoHistory history = DemoHistory.of(seed, size);
        note("history: " + history.agreements() + " agreements, " + history.size() + " commands");
        // the append path alone: the live projection is paused (the rebuild below replays everything)
        bean(EventProcessingConfiguration.class)
                .eventProcessor(ReportProcessor.NAME, PooledStreamingEventProcessor.class)
                .orElseThrow().shutDown();
        AtomicAppender appender = bean(AtomicAppender.class);
        heap.reset();
        // only the appends are timed: building a batch's commands from the history (untimed) is the
        // input, as reading the payloads is the baseline's
        long appending = 0;
        long phaseStarted = System.nanoTime();
        progress.start("append (AtomicAppender, " + APPEND_BATCH + " a transaction)", history.size());
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
                progress.advance(done);
            }
        }
        progress.finish();
        double seconds = appending / 1e9;
        double phaseSeconds = seconds(phaseStarted);
        phaseHeap("append");
        long events = jdbc().queryForObject("select count(*) from domainevententry", Long.class);

        // baseline: the same payloads, plain JDBC batch INSERTs into a table without triggers
        List<byte[]> payloads = jdbc().query("select payload from domainevententry order by globalindex",
                (row, n) -> row.getBytes(1));
        heap.reset();
        double plainSeconds;
        try (Connection connection = bean(DataSource.class).getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table bench_plain (id bigserial primary key, payload bytea not null)");
            }
            connection.setAutoCommit(false);
            progress.start("baseline: plain JDBC INSERT (" + PLAIN_BATCH + "-row batches)", payloads.size());
            long plainStarted = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("insert into bench_plain (payload) values (?)")) {
                int n = 0;
                for (byte[] payload : payloads) {
                    insert.setBytes(1, payload);
                    insert.addBatch();
                    if (++n % PLAIN_BATCH == 0 || n == payloads.size()) {
                        insert.executeBatch();
                        connection.commit();
                        progress.advance(n);
                    }
                }
            }
            plainSeconds = seconds(plainStarted);
            progress.finish();
            connection.setAutoCommit(true);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("drop table bench_plain");
            }
        }
        phaseHeap("appendBaseline");
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("agreements", history.agreements());
        figure.put("commands", history.size());
        figure.put("events", events);
        figure.put("batch", APPEND_BATCH);
        figure.put("seconds", round(seconds, 2));
        figure.put("secondsWithCommandBuilding", round(phaseSeconds, 2));
        figure.put("eventsPerSecond", round(events / seconds, 0));
        figure.put("baseline", "plain JDBC batch INSERT of the same payloads into a table without triggers, "
                + PLAIN_BATCH + "-row batches, a commit each");
        figure.put("baselineSeconds", round(plainSeconds, 2));
        figure.put("baselineRowsPerSecond", round(payloads.size() / plainSeconds, 0));
        figure.put("ratio", round((events / seconds) / (payloads.size() / plainSeconds), 3));
        figure.put("target", ">= 0.3");
        return figure;
    }

    // ---- 2. rebuild -----------------------------------------------------------------------------

    private record Recorded(String agreementId, RecordedEvent event) {
    }

    /** The events of the store read once (Axon's reader, payloads deserialised): the folds' input. */
    private List<Recorded> readEvents(Map<String, Object> figures) {
        heap.reset();
        long started = System.nanoTime();
        List<Recorded> events = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = bean(EventStorageEngine.class).readEvents(null, false)) {
            stream.forEach(message -> {
                if (message instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof AgreementEvent event) {
                    events.add(new Recorded(event.agreementId(), new RecordedEvent(domain.getSequenceNumber(), event)));
                }
            });
        }
        Map<String, Object> read = new LinkedHashMap<>();
        double seconds = seconds(started);
        read.put("events", events.size());
        read.put("seconds", round(seconds, 2));
        read.put("eventsPerSecond", round(events.size() / seconds, 0));
        figures.put("readOnce", read);
        phaseHeap("readOnce");
        return events;
    }

    private Map<String, Object> rebuild() {
        ProjectionRebuild rebuild = bean(ProjectionRebuild.class);
        long total = jdbc().queryForObject("select count(*) from domainevententry", Long.class);
        heap.reset();
        long started = System.nanoTime();
        progress.start("projection rebuild", total);
        // when the set-based load had read every event of its snapshot: the rest is its commit, the
        // processor's restart and catch-up, and the switch
        long[] loaded = {0};
        rebuild.rebuild(Duration.ofMillis(100), p -> {
            progress.advance(p.done());
            if (loaded[0] == 0 && p.total() > 0 && p.done() >= p.total()) {
                loaded[0] = System.nanoTime();
            }
        });
        progress.finish();
        double seconds = seconds(started);
        phaseHeap("rebuild");

        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("events", total);
        figure.put("seconds", round(seconds, 2));
        if (loaded[0] != 0) {
            figure.put("snapshotReadSeconds", round((loaded[0] - started) / 1e9, 2));
        }
        figure.put("eventsPerSecond", round(total / seconds, 0));
        return figure;
    }

    /** The rebuild's baseline: the same events folded in memory, after reading them once. */
    private void foldBaseline(List<Recorded> events, Map<String, Object> figure) {
        double perSecond = ((Number) figure.get("eventsPerSecond")).doubleValue();
        heap.reset();
        fold(events); // warm-up
        long foldStarted = System.nanoTime();
        List<AgreementVersion> versions = fold(events);
        double foldSeconds = seconds(foldStarted);
        phaseHeap("foldBaseline");

        figure.put("baseline", "in-memory fold (AgreementVersions.of per agreement) of the events read once");
        figure.put("baselineVersions", versions.size());
        figure.put("baselineSeconds", round(foldSeconds, 3));
        figure.put("baselineEventsPerSecond", round(events.size() / foldSeconds, 0));
        figure.put("ratio", round(perSecond / (events.size() / foldSeconds), 4));
    }

    private static List<AgreementVersion> fold(List<Recorded> events) {
        Map<String, List<RecordedEvent>> byAgreement = new LinkedHashMap<>();
        for (Recorded recorded : events) {
            byAgreement.computeIfAbsent(recorded.agreementId(), id -> new ArrayList<>()).add(recorded.event());
        }
        List<AgreementVersion> versions = new ArrayList<>();
        for (List<RecordedEvent> history : byAgreement.values()) {
            versions.addAll(AgreementVersions.of(history));
        }
        return versions;
    }

    // ---- 3. counts ------------------------------------------------------------------------------

    private Map<String, Object> counts(List<Recorded> events) {
        AgreementReports reports = bean(AgreementReports.class);
        SplittableRandom random = new SplittableRandom(seed);
        long first = DemoFigures.FIRST_DAY.toEpochDay();
        long lastValid = DemoFigures.ICE_DATE.toEpochDay();
        long lastKnown = DemoFigures.LAST_KNOWN_DAY.toEpochDay();
        // the in-memory snapshot of the report table: loaded once, then every count answers from it
        heap.reset();
        long loadStarted = System.nanoTime();
        if (!reports.awaitSnapshot(Duration.ofMinutes(10))) {
            throw new IllegalStateException("the report snapshot did not load");
        }
        long loadNanos = System.nanoTime() - loadStarted;
        for (int i = 0; i < 20; i++) { // warm-up
            LocalDate[] q = question(random, first, lastValid, lastKnown);
            reports.counts(q[0], q[1]);
        }
        long[] nanos = new long[queries];
        List<LocalDate[]> asked = new ArrayList<>(queries);
        progress.start("counts (national and by state in one answer), random asOf/knownAt", queries);
        long check = 0;
        for (int i = 0; i < queries; i++) {
            LocalDate[] q = question(random, first, lastValid, lastKnown);
            long t = System.nanoTime();
            Counts counts = reports.counts(q[0], q[1]);
            nanos[i] = System.nanoTime() - t;
            asked.add(q);
            check += counts.agreements() + counts.byState().size();
            progress.advance(i + 1);
        }
        progress.finish();
        phaseHeap("counts");

        // the snapshot's structures alone (no revision round trip), on the same questions: counting
        // from corners (what reports do) and the pass over every version it replaced, alternating
        // which goes first so both see the same machine
        SnapshotCounts snapshot = new SnapshotCounts(reports);
        long[] cornerNanos = new long[queries];
        long[] versionScanNanos = new long[queries];
        boolean structuresAgree = true;
        for (int i = 0; i < queries; i++) {
            LocalDate[] q = asked.get(i);
            for (int turn = 0; turn < 2; turn++) {
                boolean corners = (turn == 0) == (i % 2 == 0);
                long t = System.nanoTime();
                Counts counts = corners ? snapshot.byCorners(q[0], q[1]) : snapshot.byScan(q[0], q[1]);
                (corners ? cornerNanos : versionScanNanos)[i] = System.nanoTime() - t;
                check += counts.agencies();
            }
            structuresAgree &= snapshot.byCorners(q[0], q[1]).equals(snapshot.byScan(q[0], q[1]));
        }

        // the SQL statement reports fall back to while the snapshot is stale, on the first questions
        // asked above; its answers must equal the snapshot's
        int sqlQueries = Math.min(queries, 100);
        long[] sqlNanos = new long[sqlQueries];
        boolean agree = true;
        for (int i = 0; i < sqlQueries; i++) {
            LocalDate[] q = asked.get(i);
            long t = System.nanoTime();
            Counts fromSql = reports.countsFromSql(q[0], q[1]);
            sqlNanos[i] = System.nanoTime() - t;
            agree &= fromSql.equals(reports.counts(q[0], q[1]));
        }

        // baseline: answering the same kind of question by one in-memory fold of the event stream
        heap.reset();
        int folds = 5;
        long[] foldNanos = new long[folds];
        long[] scanNanos = new long[folds];
        List<AgreementVersion> folded = fold(events); // warm-up, and the pre-folded versions for the scan
        for (int i = 0; i < folds; i++) {
            LocalDate[] q = question(random, first, lastValid, lastKnown);
            long t = System.nanoTime();
            Counts inMemory = Counts.of(q[0], q[1], fold(events).stream().filter(v -> v.covers(q[0], q[1])).toList());
            foldNanos[i] = System.nanoTime() - t;
            t = System.nanoTime();
            Counts scanned = Counts.of(q[0], q[1], folded.stream().filter(v -> v.covers(q[0], q[1])).toList());
            scanNanos[i] = System.nanoTime() - t;
            Counts stored = reports.counts(q[0], q[1]);
            agree &= stored.agreements() == inMemory.agreements() && stored.agencies() == inMemory.agencies()
                    && stored.agreements() == scanned.agreements();
        }
        phaseHeap("countsBaseline");

        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("queries", queries);
        figure.put("p50Ms", ms(percentile(nanos, 50)));
        figure.put("p99Ms", ms(percentile(nanos, 99)));
        figure.put("meanMs", ms((long) Arrays.stream(nanos).average().orElse(0)));
        figure.put("answers", "one call answers national, by state, by model and by agency type together"
                + " (the API has no state-only count), so p50/p99 hold for national and by state alike");
        figure.put("source", "the in-memory snapshot of the published report table (InForceIndex)");
        figure.put("snapshotLoadMs", ms(loadNanos));
        figure.put("cornersP50Ms", ms(percentile(cornerNanos, 50)));
        figure.put("cornersP99Ms", ms(percentile(cornerNanos, 99)));
        figure.put("scanP50Ms", ms(percentile(versionScanNanos, 50)));
        figure.put("scanP99Ms", ms(percentile(versionScanNanos, 99)));
        figure.put("structuresMeaning", "the snapshot alone, no revision round trip, same questions, alternating:"
                + " corners (2-D prefix-sum grid and two partial blocks, what reports use) against the pass over"
                + " every version it replaced");
        figure.put("structuresAgree", structuresAgree);
        figure.put("snapshotCorners", snapshot.corners());
        figure.put("snapshotCornersMs", snapshot.cornersMs());
        figure.put("snapshotBytesPerVersion", round(snapshot.bytes() / (double) Math.max(1, snapshot.versions()), 1));
        figure.put("versions", jdbc().queryForObject("select count(*) from report_agreement_version"
                + " where generation = (select published from report_generation)", Long.class));
        figure.put("sqlQueries", sqlQueries);
        figure.put("sqlP50Ms", ms(percentile(sqlNanos, 50)));
        figure.put("sqlP99Ms", ms(percentile(sqlNanos, 99)));
        figure.put("sqlMeaning", "the one SQL statement reports fall back to while the snapshot is stale,"
                + " on the first " + sqlQueries + " of the same questions");
        figure.put("baseline", "one in-memory fold of the event stream read once (group, AgreementVersions.of,"
                + " filter, Counts.of), median of " + folds);
        figure.put("baselineMs", ms(percentile(foldNanos, 50)));
        figure.put("ratio", round(percentile(foldNanos, 50) / (double) percentile(nanos, 50), 2));
        figure.put("ratioMeaning", "baselineMs / p50Ms: how many times faster the read model answers");
        figure.put("prefoldedScanMs", ms(percentile(scanNanos, 50)));
        figure.put("answersAgree", agree);
        figure.put("checksum", check);
        return figure;
    }

    /** A random (asOf, knownAt): asOf over the history's valid time, knownAt from asOf to the last known day. */
    private static LocalDate[] question(SplittableRandom random, long first, long lastValid, long lastKnown) {
        long asOf = first + random.nextLong(lastValid - first + 1);
        long knownAt = asOf + random.nextLong(lastKnown - asOf + 1);
        return new LocalDate[] {LocalDate.ofEpochDay(asOf), LocalDate.ofEpochDay(knownAt)};
    }

    // ---- 4. timeline ----------------------------------------------------------------------------

    private Map<String, Object> timeline() {
        AgreementReports reports = bean(AgreementReports.class);
        LocalDate to = DemoFigures.ICE_DATE;
        LocalDate from = to.minusYears(10);
        LocalDate knownAt = DemoFigures.LAST_KNOWN_DAY;
        if (!reports.awaitSnapshot(Duration.ofMinutes(10))) {
            throw new IllegalStateException("the report snapshot did not load");
        }
        heap.reset();
        long first = System.nanoTime();
        Timeline answer = reports.timeline(from, to, Step.day, knownAt); // warm-up, or the one run
        int points = answer.points().size();
        first = System.nanoTime() - first;
        // a timeline slower than 5 s is measured once (its first run); a faster one five times after it
        int runs = first > 5_000_000_000L ? 1 : 5;
        long[] nanos = new long[runs];
        nanos[0] = first;
        progress.start("timeline ten years by day", runs);
        for (int i = runs == 1 ? 1 : 0; i < runs; i++) {
            long t = System.nanoTime();
            Timeline timeline = reports.timeline(from, to, Step.day, knownAt);
            nanos[i] = System.nanoTime() - t;
            points = timeline.points().size();
            progress.advance(i + 1);
        }
        progress.finish();
        phaseHeap("timeline");

        // the SQL statement reports fall back to while the snapshot is stale: once, and it must agree
        long sqlNanos = System.nanoTime();
        Timeline fromSql = reports.timelineFromSql(from, to, Step.day, knownAt);
        sqlNanos = System.nanoTime() - sqlNanos;
        boolean agree = fromSql.equals(answer);

        // baseline: single counts, a sample of one day in ten, scaled up to every point
        heap.reset();
        int sample = 0;
        progress.start("baseline: single counts, every 10th day", (points + 9) / 10);
        long t = System.nanoTime();
        for (int i = 0; i < points; i += 10) {
            reports.counts(from.plusDays(i), knownAt);
            progress.advance(++sample);
        }
        double sampleMs = (System.nanoTime() - t) / 1e6;
        progress.finish();
        phaseHeap("timelineBaseline");
        double scaledMs = sampleMs * points / sample;

        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("from", from.toString());
        figure.put("to", to.toString());
        figure.put("points", points);
        figure.put("ms", ms(percentile(nanos, 50)));
        figure.put("runs", runs);
        figure.put("runsNote", runs == 1 ? "one run (the first: slower than 5 s)" : "median of 5 after a warm-up");
        figure.put("source", "the in-memory snapshot of the published report table (InForceIndex): one sweep");
        figure.put("sqlMs", ms(sqlNanos));
        figure.put("sqlMeaning", "the SQL statement reports fall back to while the snapshot is stale, one run");
        figure.put("answersAgree", agree);
        figure.put("baseline", "single counts on " + sample + " days (every 10th), time scaled up to all " + points
                + " points");
        figure.put("baselineSampledCounts", sample);
        figure.put("baselineSampleMs", round(sampleMs, 1));
        figure.put("baselineMs", round(scaledMs, 1));
        figure.put("ratio", round(scaledMs / (percentile(nanos, 50) / 1e6), 2));
        figure.put("ratioMeaning", "baselineMs / ms: how many times faster one timeline is than a count per day");
        return figure;
    }

    // ---- 5. verify ------------------------------------------------------------------------------

    private Map<String, Object> verify() throws Exception {
        LedgerChain chain = bean(LedgerChain.class);
        heap.reset();
        long started = System.nanoTime();
        Verification verification = chain.verify(null, progress);
        double seconds = seconds(started);
        phaseHeap("verify");

        // baseline: the same link bytes, read into memory first, hashed in a chain with SHA-256
        List<long[]> numbers = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        jdbc().query("""
                select c.position, e.globalindex, e.eventidentifier, e.aggregateidentifier, e.sequencenumber,
                       e.type, e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata
                from ledger_chain c join domainevententry e on e.globalindex = c.globalindex
                order by c.position""", (ResultSet row) -> {
            numbers.add(new long[] {row.getLong("position")});
            bodies.add(body(row));
        });
        heap.reset();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
        byte[] previous = null;
        long hashStarted = 0;
        long bytes = 0;
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            hashStarted = System.nanoTime();
            previous = new byte[32];
            bytes = 0;
            for (int i = 0; i < bodies.size(); i++) {
                sha256.update(previous);
                sha256.update(number.clear().putLong(numbers.get(i)[0]).array());
                sha256.update(bodies.get(i));
                bytes += 40 + bodies.get(i).length;
                previous = sha256.digest();
            }
        }
        double hashSeconds = seconds(hashStarted);
        phaseHeap("verifyBaseline");

        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("events", verification.linksChecked());
        figure.put("intact", verification.intact());
        figure.put("seconds", round(seconds, 2));
        figure.put("eventsPerSecond", round(verification.linksChecked() / seconds, 0));
        figure.put("baseline", "SHA-256 chain over the same link bytes held in memory");
        figure.put("baselineBytes", bytes);
        figure.put("baselineSeconds", round(hashSeconds, 3));
        figure.put("baselineEventsPerSecond", round(bodies.size() / hashSeconds, 0));
        figure.put("baselineMatchesTip", verification.tip().hash().equals(HexFormat.of().formatHex(previous)));
        figure.put("ratio", round((verification.linksChecked() / seconds) / (bodies.size() / hashSeconds), 4));
        return figure;
    }

    /** A link's bytes after hash(n-1) and int8 n, as ChainLinks lays them out. */
    private static byte[] body(ResultSet row) throws SQLException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        buffer = putLong(buffer, row.getLong("globalindex"));
        buffer = putText(buffer, row.getString("eventidentifier"));
        buffer = putText(buffer, row.getString("aggregateidentifier"));
        buffer = putLong(buffer, row.getLong("sequencenumber"));
        buffer = putText(buffer, row.getString("type"));
        buffer = putText(buffer, row.getString("payloadtype"));
        buffer = putText(buffer, row.getString("payloadrevision"));
        buffer = putText(buffer, row.getString("timestamp"));
        buffer = putField(buffer, row.getBytes("payload"));
        buffer = putField(buffer, row.getBytes("metadata"));
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static ByteBuffer room(ByteBuffer buffer, int more) {
        if (buffer.remaining() >= more) {
            return buffer;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
        return bigger.put(buffer.flip());
    }

    private static ByteBuffer putLong(ByteBuffer buffer, long value) {
        return room(buffer, Long.BYTES).putLong(value);
    }

    private static ByteBuffer putText(ByteBuffer buffer, String value) {
        return putField(buffer, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer putField(ByteBuffer buffer, byte[] value) {
        ByteBuffer b = room(buffer, Integer.BYTES + (value == null ? 0 : value.length));
        b.putInt(value == null ? -1 : value.length);
        return value == null ? b : b.put(value);
    }

    // ---- 6. single appends from concurrent clients ----------------------------------------------

    /** Concurrent clients of the single-append figure, as HTTP clients each waiting for their answer. */
    static final int CLIENTS = 8;

    /**
     * {@value #CLIENTS} clients, each sending signings one at a time through the CommandGateway (one
     * command, one unit of work, one transaction: what an HTTP append does, without HTTP), with the
     * report processor running as in a served ledger. Baseline: the same clients each committing one
     * plain JDBC INSERT of an event-sized row per transaction, the floor a durable commit sets.
     */
    private Map<String, Object> singleAppends() throws Exception {
        CommandGateway gateway = bean(CommandGateway.class);
        PooledStreamingEventProcessor reports = bean(EventProcessingConfiguration.class)
                .eventProcessor(ReportProcessor.NAME, PooledStreamingEventProcessor.class).orElseThrow();
        if (!reports.isRunning()) {
            reports.start();
        }
        int perClient = (int) Math.max(10, Math.min(500, size / 20));
        Source source = new Source(SourceKind.SYNTHETIC, "Benchmark single appends, not real data", null, null, null,
                null);
        // warm-up
        Clients.run(1, 20, (client, i) -> gateway.sendAndWait(Clients.signing(source, "Bench Warm-up", client, i)));
        heap.reset();
        progress.start("single appends, " + CLIENTS + " concurrent clients", (long) CLIENTS * perClient);
        AtomicLong sent = new AtomicLong();
        long started = System.nanoTime();
        long[] nanos = Clients.run(CLIENTS, perClient, (client, i) -> {
            gateway.sendAndWait(Clients.signing(source, "Bench Client", client, i));
            progress.advance(sent.incrementAndGet());
        });
        double seconds = seconds(started);
        progress.finish();
        phaseHeap("singleAppends");

        heap.reset();
        DataSource dataSource = bean(DataSource.class);
        byte[] payload = jdbc().queryForObject("select payload from domainevententry order by globalindex desc limit 1",
                byte[].class);
        jdbc().execute("create table bench_single (id bigserial primary key, payload bytea not null)");
        progress.start("baseline: " + CLIENTS + " clients, one plain INSERT a transaction", (long) CLIENTS * perClient);
        sent.set(0);
        long plainStarted = System.nanoTime();
        long[] plainNanos = Clients.run(CLIENTS, perClient, (client, i) -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement("insert into bench_single (payload) values (?)")) {
                insert.setBytes(1, payload);
                insert.executeUpdate(); // autocommit: one transaction, one WAL flush
            }
            progress.advance(sent.incrementAndGet());
        });
        double plainSeconds = seconds(plainStarted);
        progress.finish();
        jdbc().execute("drop table bench_single");
        phaseHeap("singleAppendsBaseline");

        int commands = CLIENTS * perClient;
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("clients", CLIENTS);
        figure.put("commands", commands);
        figure.put("seconds", round(seconds, 2));
        figure.put("commandsPerSecond", round(commands / seconds, 0));
        figure.put("p50Ms", ms(percentile(nanos, 50)));
        figure.put("p99Ms", ms(percentile(nanos, 99)));
        figure.put("target", ">= 1500 commands/s, p99 <= 20 ms");
        figure.put("baseline", CLIENTS + " clients each committing one plain JDBC INSERT of an event's payload"
                + " per transaction (autocommit), same count");
        figure.put("baselineSeconds", round(plainSeconds, 2));
        figure.put("baselineRowsPerSecond", round(commands / plainSeconds, 0));
        figure.put("baselineP50Ms", ms(percentile(plainNanos, 50)));
        figure.put("baselineP99Ms", ms(percentile(plainNanos, 99)));
        figure.put("ratio", round((commands / seconds) / (commands / plainSeconds), 3));
        return figure;
    }

    /** A signing no other command of the run touches: client and number make the agency. */
    // ---- 7. bulk import -------------------------------------------------------------------------

    /** Publications of the bulk-import figure at full size, and rows in each. */
    static final int IMPORT_PUBLICATIONS = 200;
    static final int IMPORT_ROWS = 2_500;

    /**
     * Generated workbooks (SyntheticPublications, XLSX, seeded) imported one after the other into a
     * fresh ledger of their own (the demo history would make the first list withdraw every demo
     * agreement): read, diff against the ledger, append, and the reports caught up. Baseline: the
     * same workbooks only read (identity hash and every row parsed), in the same run. Below 10,000
     * agreements the series is scaled down: size/50 publications of at most size rows.
     */
    private Map<String, Object> bulkImport() throws Exception {
        int publications = (int) Math.max(2, Math.min(IMPORT_PUBLICATIONS, size / 50));
        int rows = (int) Math.min(IMPORT_ROWS, size);
        Path sheets = Files.createTempDirectory("ledger-bench-sheets-");
        Path importDir = Files.createTempDirectory("ledger-bench-import-");
        try {
            note("writing " + publications + " workbooks of " + rows + "+ rows (seed " + seed + ") in " + sheets);
            List<SyntheticPublications.Publication> series = SyntheticPublications.write(sheets, publications, rows,
                    seed, SyntheticPublications.Format.XLSX);
            long sheetRows = series.stream().mapToLong(SyntheticPublications.Publication::rows).sum();

            // baseline first, after one warm-up read: the import then starts with the reader warm too
            readOnly(series.get(0));
            heap.reset();
            progress.start("baseline: read the workbooks only", sheetRows);
            long read = 0;
            long readStarted = System.nanoTime();
            for (SyntheticPublications.Publication publication : series) {
                read += readOnly(publication);
                progress.advance(read);
            }
            double readSeconds = seconds(readStarted);
            progress.finish();
            phaseHeap("bulkImportBaseline");

            note("starting a fresh ledger for the import in " + importDir);
            try (ConfigurableApplicationContext ledger = startLedger(importDir)) {
                PublicationImporter importer = ledger.getBean(PublicationImporter.class);
                ReportProcessor reports = ledger.getBean(ReportProcessor.class);
                heap.reset();
                progress.start("bulk import (read, diff, append, project)", sheetRows);
                long[] nanos = new long[series.size()];
                long imported = 0;
                long started = System.nanoTime();
                for (int i = 0; i < series.size(); i++) {
                    SyntheticPublications.Publication publication = series.get(i);
                    long t = System.nanoTime();
                    ImportReport report = importer.importFile(publication.file(), publication.file().getFileName()
                            .toString(), publication.publishedOn(), Progress.NONE);
                    nanos[i] = System.nanoTime() - t;
                    if (!ImportReport.IMPORTED.equals(report.outcome())) {
                        throw new IllegalStateException(publication.file() + ": " + report.outcome());
                    }
                    imported += publication.rows();
                    progress.advance(imported);
                }
                reports.awaitCaughtUp(Duration.ofMinutes(10));
                double seconds = seconds(started);
                progress.finish();
                phaseHeap("bulkImport");
                long events = ledger.getBean(JdbcTemplate.class)
                        .queryForObject("select count(*) from domainevententry", Long.class);

                Map<String, Object> figure = new LinkedHashMap<>();
                figure.put("publications", series.size());
                figure.put("rowsPerPublication", rows + " in the first, " + series.get(series.size() - 1).rows()
                        + " in the last");
                figure.put("scaledDown", series.size() < IMPORT_PUBLICATIONS || rows < IMPORT_ROWS);
                figure.put("format", "xlsx, generated by SyntheticPublications (seed " + seed + ")");
                figure.put("sheetRows", sheetRows);
                figure.put("events", events);
                figure.put("seconds", round(seconds, 2));
                figure.put("rowsPerSecond", round(sheetRows / seconds, 0));
                figure.put("firstPublicationMs", ms(nanos[0]));
                figure.put("laterPublicationP50Ms", ms(percentile(Arrays.copyOfRange(nanos, 1, nanos.length), 50)));
                figure.put("target", ">= 20000 rows/s");
                figure.put("baseline", "reading the same workbooks only (SHA-256 identity and every row parsed)");
                figure.put("baselineSeconds", round(readSeconds, 2));
                figure.put("baselineRowsPerSecond", round(read / readSeconds, 0));
                figure.put("ratio", round((sheetRows / seconds) / (read / readSeconds), 3));
                return figure;
            }
        } finally {
            for (Path dir : List.of(sheets, importDir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    /** Reads a publication as the importer does before comparing: its identity, then every line. */
    private static long readOnly(SyntheticPublications.Publication publication) {
        Publication identity = Publication.of(publication.file(), publication.file().getFileName().toString(),
                publication.publishedOn(), null);
        long lines = 0;
        try (IceSheet<SheetLine> sheet = IceSheetReader.participating(publication.file(), identity.publishedOn())) {
            while (sheet.hasNext()) {
                sheet.next();
                lines++;
            }
        }
        return lines;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void phaseHeap(String phase) {
        double[] peaks = heap.peaksMb();
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("peakUsed", round(peaks[0], 1));
        at.put("peakAfterGc", round(peaks[1], 1));
        heapByPhase.put(phase, at);
    }

    private <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private JdbcTemplate jdbc() {
        return bean(JdbcTemplate.class);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static double ms(long nanos) {
        return round(nanos / 1e6, 2);
    }

    static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static void note(String line) {
        System.err.println("[bench] " + line);
    }

    @Override
    public void close() throws IOException {
        heap.close();
        context.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
