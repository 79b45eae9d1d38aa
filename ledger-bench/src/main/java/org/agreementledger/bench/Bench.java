package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.round;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.agreementledger.LedgerApplication;
import org.agreementledger.progress.Progress;
import org.agreementledger.progress.TerminalProgress;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One benchmark run: the application on an embedded PostgreSQL in a temporary data directory, and
 * what every phase shares (the context, the heap sampler, progress). Each phase is a class of its
 * own returning a typed figure; {@link #measure()} runs them in order.
 */
final class Bench implements AutoCloseable {

    final long size;
    final int queries;
    final long seed;
    final HeapSampler heap = new HeapSampler();
    final Progress progress = TerminalProgress.onStderr(new PrintWriter(System.err, true));
    private final Path dataDir;
    private final ConfigurableApplicationContext context;
    private final Map<String, Figures.HeapPeaks> heapByPhase = new LinkedHashMap<>();

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

    Figures measure() throws Exception {
        AppendFigure append = new AppendPhase(this).run();
        RebuildPhase.Result rebuild = new RebuildPhase(this).run();
        CountsFigure counts = new CountsPhase(this).run(rebuild.events());
        // the events read once are dropped here, before the later phases' heap
        rebuild = rebuild.withoutEvents();
        TimelineFigure timeline = new TimelinePhase(this).run();
        Map<String, Object> following = new SnapshotFollowing(context, seed)
                .measure(Map.of("eventsPerSecond", rebuild.figure().eventsPerSecond()));
        VerifyFigure verify = new VerifyPhase(this).run();
        SingleAppendsFigure single = new SingleAppendsPhase(this).run();
        BulkImportFigure bulk = new BulkImportPhase(this).run();
        return new Figures(append, rebuild.figure(), rebuild.readOnce(), counts, timeline, following, verify, single,
                bulk, heapByPhase);
    }

    /** Records the heap's peaks since the last {@code heap.reset()} as {@code phase}'s. */
    void phaseHeap(String phase) {
        double[] peaks = heap.peaksMb();
        heapByPhase.put(phase, new Figures.HeapPeaks(round(peaks[0], 1), round(peaks[1], 1)));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    <T> Map<String, T> beans(Class<T> type) {
        return context.getBeansOfType(type);
    }

    JdbcTemplate jdbc() {
        return bean(JdbcTemplate.class);
    }

    long storedEvents() {
        return jdbc().queryForObject("select count(*) from domainevententry", Long.class);
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static double ms(long nanos) {
        return round(nanos / 1e6, 2);
    }

    static long percentile(long[] values, int percent) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static void note(String line) {
        System.err.println("[bench] " + line);
    }

    /** Deletes each directory with everything in it; one that is not there is left as it is. */
    static void delete(List<Path> dirs) throws IOException {
        for (Path dir : dirs) {
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Override
    public void close() throws IOException {
        heap.close();
        context.close();
        delete(List.of(dataDir));
    }
}
