package org.agreementledger.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.Source;
import org.agreementledger.demo.DemoFigures;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.ReportSnapshots;
import org.agreementledger.reporting.SnapshotStatistics;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The report snapshot while the ledger is written to (issue 16): 20 consecutive small appends
 * (one signing each, acknowledged, so visible; after 20 more to warm the JIT), and after each, one
 * second of counts at random
 * (asOf, knownAt) through {@link AgreementReports#counts}, as a report request asks them. Target:
 * p99 at most 5 ms with no reload between the appends. Beside it, what applying a batch to the
 * snapshot costs per row and per event, against the rebuild's cost per event measured earlier in
 * the same run, and the live heap after each append (flat: the overlay grows by a few rows).
 */
final class SnapshotFollowing {

    static final int APPENDS = 20;
    /** Appends and questions before the measured ones, so the JIT has compiled what they run. */
    static final int WARM_UP_APPENDS = 20;
    /** Room for every latency (preallocated, so the samples do not grow the live heap measured). */
    static final int MAX_QUERIES = 4_000_000;
    static final Duration ASKING = Duration.ofSeconds(1);

    private final ConfigurableApplicationContext context;
    private final long seed;

    SnapshotFollowing(ConfigurableApplicationContext context, long seed) {
        this.context = context;
        this.seed = seed;
    }

    Map<String, Object> measure(Map<String, Object> rebuild) {
        AgreementReports reports = context.getBean(AgreementReports.class);
        ReportSnapshots snapshots = context.getBean(ReportSnapshots.class);
        AcknowledgedWrites writes = context.getBean(AcknowledgedWrites.class);
        AgreementLedger ledger = context.getBean(AgreementLedger.class);
        if (!reports.awaitSnapshot(Duration.ofMinutes(10))) {
            throw new IllegalStateException("the report snapshot did not load");
        }
        SplittableRandom random = new SplittableRandom(seed);
        long first = DemoFigures.FIRST_DAY.toEpochDay();
        long lastValid = DemoFigures.ICE_DATE.toEpochDay();
        long lastKnown = DemoFigures.LAST_KNOWN_DAY.toEpochDay();
        Source source = Source.manual("benchmark: snapshot following appends", null);
        long[] nanos = new long[MAX_QUERIES];
        int queries = 0;
        for (int i = 0; i < WARM_UP_APPENDS; i++) {
            int n = i;
            writes.appendSingle(() -> ledger.sign(Clients.signing(source, "Bench Following Warm-up", 0, n)));
            for (int q = 0; q < 1000; q++) {
                long asOf = first + random.nextLong(lastValid - first + 1);
                reports.counts(LocalDate.ofEpochDay(asOf), LocalDate.ofEpochDay(asOf + random.nextLong(lastKnown - asOf + 1)));
            }
        }
        SnapshotStatistics before = snapshots.statistics();
        List<Double> liveMb = new ArrayList<>();
        long appendNanos = 0;
        for (int i = 0; i < APPENDS; i++) {
            int n = i;
            long t = System.nanoTime();
            writes.appendSingle(() -> ledger.sign(Clients.signing(source, "Bench Following", 0, n)));
            appendNanos += System.nanoTime() - t;
            long until = System.nanoTime() + ASKING.toNanos();
            while (System.nanoTime() < until && queries < MAX_QUERIES) {
                long asOf = first + random.nextLong(lastValid - first + 1);
                long knownAt = asOf + random.nextLong(lastKnown - asOf + 1);
                long q = System.nanoTime();
                reports.counts(LocalDate.ofEpochDay(asOf), LocalDate.ofEpochDay(knownAt));
                nanos[queries++] = System.nanoTime() - q;
            }
            System.gc();
            liveMb.add(BenchMain.round(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0, 1));
        }
        SnapshotStatistics after = snapshots.statistics();
        long[] sorted = java.util.Arrays.copyOf(nanos, queries);
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("appends", APPENDS);
        figure.put("askedAfterEach", ASKING.toMillis() + " ms");
        figure.put("queries", sorted.length);
        figure.put("p50Ms", Bench.ms(Bench.percentile(sorted, 50)));
        figure.put("p99Ms", Bench.ms(Bench.percentile(sorted, 99)));
        figure.put("maxMs", Bench.ms(Bench.percentile(sorted, 100)));
        figure.put("target", "p99 <= 5 ms, no reload");
        figure.put("met", Bench.percentile(sorted, 99) <= 5_000_000 && after.loads() == before.loads()
                && after.setAsides() == before.setAsides());
        figure.put("reloads", after.loads() - before.loads());
        figure.put("setAside", after.setAsides() - before.setAsides());
        figure.put("appendMsMean", Bench.ms(appendNanos / APPENDS));
        long changes = after.changesApplied() - before.changesApplied();
        long rows = after.rowsApplied() - before.rowsApplied();
        long applyNanos = after.applyNanos() - before.applyNanos();
        figure.put("batchesApplied", changes);
        figure.put("rowsApplied", rows);
        figure.put("applyMicrosPerEvent", BenchMain.round(applyNanos / 1e3 / APPENDS, 2));
        figure.put("applyMicrosPerRow", rows == 0 ? 0 : BenchMain.round(applyNanos / 1e3 / rows, 2));
        Object rebuildRate = rebuild.get("eventsPerSecond");
        if (rebuildRate instanceof Number perSecond && perSecond.doubleValue() > 0) {
            figure.put("rebuildMicrosPerEvent", BenchMain.round(1e6 / perSecond.doubleValue(), 2));
        }
        figure.put("versions", after.versions());
        figure.put("overlayRows", after.overlayRows());
        figure.put("bytesPerVersion", BenchMain.round(after.arrayBytes() / (double) Math.max(1, after.versions()), 1));
        figure.put("bytesMeaning", "the arrays, corners and agency ids the snapshot holds (InForceIndex.bytes), per"
                + " version; the overlay's few rows beside them");
        figure.put("liveHeapMbAfterEachAppend", liveMb);
        return figure;
    }
}
