package org.agreementledger.bench;

import static org.agreementledger.bench.Bench.ms;
import static org.agreementledger.bench.Bench.percentile;
import static org.agreementledger.bench.Bench.seconds;
import static org.agreementledger.bench.BenchMain.round;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.agreementledger.demo.DemoFigures;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.AgreementVersion;
import org.agreementledger.reporting.Counts;
import org.agreementledger.reporting.SnapshotCounts;

/** Phase 3: counts from the report snapshot at random (asOf, knownAt), beside an in-memory fold. */
final class CountsPhase {

    private final Bench bench;

    CountsPhase(Bench bench) {
        this.bench = bench;
    }

    CountsFigure run(List<StoredEvents.Recorded> events) {
        AgreementReports reports = bench.bean(AgreementReports.class);
        SplittableRandom random = new SplittableRandom(bench.seed);
        long first = DemoFigures.FIRST_DAY.toEpochDay();
        long lastValid = DemoFigures.ICE_DATE.toEpochDay();
        long lastKnown = DemoFigures.LAST_KNOWN_DAY.toEpochDay();
        // the in-memory snapshot of the report table: loaded once, then every count answers from it
        bench.heap.reset();
        long loadStarted = System.nanoTime();
        if (!reports.awaitSnapshot(Duration.ofMinutes(10))) {
            throw new IllegalStateException("the report snapshot did not load");
        }
        long loadNanos = System.nanoTime() - loadStarted;
        for (int i = 0; i < 20; i++) { // warm-up
            LocalDate[] q = question(random, first, lastValid, lastKnown);
            reports.counts(q[0], q[1]);
        }
        long[] nanos = new long[bench.queries];
        List<LocalDate[]> asked = new ArrayList<>(bench.queries);
        bench.progress.start("counts (national and by state in one answer), random asOf/knownAt", bench.queries);
        long check = 0;
        for (int i = 0; i < bench.queries; i++) {
            LocalDate[] q = question(random, first, lastValid, lastKnown);
            long t = System.nanoTime();
            Counts counts = reports.counts(q[0], q[1]);
            nanos[i] = System.nanoTime() - t;
            asked.add(q);
            check += counts.agreements() + counts.byState().size();
            bench.progress.advance(i + 1);
        }
        bench.progress.finish();
        bench.phaseHeap("counts");

        // the snapshot's structure alone (no revision round trip), on the same questions: counting
        // from corners, what reports do
        SnapshotCounts snapshot = new SnapshotCounts(reports);
        long[] cornerNanos = new long[bench.queries];
        for (int i = 0; i < bench.queries; i++) {
            LocalDate[] q = asked.get(i);
            long t = System.nanoTime();
            Counts counts = snapshot.byCorners(q[0], q[1]);
            cornerNanos[i] = System.nanoTime() - t;
            check += counts.agencies();
        }

        // the SQL statement reports fall back to while the snapshot is stale, on the first questions
        // asked above; its answers must equal the snapshot's, through reports and from the corners alone
        int sqlQueries = Math.min(bench.queries, 100);
        long[] sqlNanos = new long[sqlQueries];
        boolean agree = true;
        boolean cornersAgree = true;
        for (int i = 0; i < sqlQueries; i++) {
            LocalDate[] q = asked.get(i);
            long t = System.nanoTime();
            Counts fromSql = reports.countsFromSql(q[0], q[1]);
            sqlNanos[i] = System.nanoTime() - t;
            agree &= fromSql.equals(reports.counts(q[0], q[1]));
            cornersAgree &= fromSql.equals(snapshot.byCorners(q[0], q[1]));
        }

        // baseline: answering the same kind of question by one in-memory fold of the event stream
        bench.heap.reset();
        int folds = 5;
        long[] foldNanos = new long[folds];
        long[] scanNanos = new long[folds];
        List<AgreementVersion> folded = StoredEvents.fold(events); // warm-up, and the pre-folded versions for the scan
        for (int i = 0; i < folds; i++) {
            LocalDate[] q = question(random, first, lastValid, lastKnown);
            long t = System.nanoTime();
            Counts inMemory = Counts.of(q[0], q[1], StoredEvents.fold(events).stream().filter(v -> v.covers(q[0], q[1])).toList());
            foldNanos[i] = System.nanoTime() - t;
            t = System.nanoTime();
            Counts scanned = Counts.of(q[0], q[1], folded.stream().filter(v -> v.covers(q[0], q[1])).toList());
            scanNanos[i] = System.nanoTime() - t;
            Counts stored = reports.counts(q[0], q[1]);
            agree &= stored.agreements() == inMemory.agreements() && stored.agencies() == inMemory.agencies()
                    && stored.agreements() == scanned.agreements();
        }
        bench.phaseHeap("countsBaseline");

        return new CountsFigure(bench.queries,
                ms(percentile(nanos, 50)),
                ms(percentile(nanos, 99)),
                ms((long) Arrays.stream(nanos).average().orElse(0)),
                "one call answers national, by state, by model and by agency type together"
                + " (the API has no state-only count), so p50/p99 hold for national and by state alike",
                "the in-memory snapshot of the published report table (InForceIndex)",
                ms(loadNanos),
                ms(percentile(cornerNanos, 50)),
                ms(percentile(cornerNanos, 99)),
                "the snapshot alone, no revision round trip, same questions: corners (2-D prefix-sum grid and"
                + " two partial blocks, what reports use); cornersAgreeWithSql on the SQL statement's questions",
                cornersAgree,
                snapshot.corners(),
                snapshot.cornersMs(),
                round(snapshot.bytes() / (double) Math.max(1, snapshot.versions()), 1),
                bench.jdbc().queryForObject("select count(*) from report_agreement_version"
                + " where generation = (select published from report_generation)", Long.class),
                sqlQueries,
                ms(percentile(sqlNanos, 50)),
                ms(percentile(sqlNanos, 99)),
                "the one SQL statement reports fall back to while the snapshot is stale,"
                + " on the first " + sqlQueries + " of the same questions",
                "one in-memory fold of the event stream read once (group, AgreementVersions.of,"
                + " filter, Counts.of), median of " + folds,
                ms(percentile(foldNanos, 50)),
                round(percentile(foldNanos, 50) / (double) percentile(nanos, 50), 2),
                "baselineMs / p50Ms: how many times faster the read model answers",
                ms(percentile(scanNanos, 50)),
                agree,
                check);
    }

    /** A random (asOf, knownAt): asOf over the history's valid time, knownAt from asOf to the last known day. */
    private static LocalDate[] question(SplittableRandom random, long first, long lastValid, long lastKnown) {
        long asOf = first + random.nextLong(lastValid - first + 1);
        long knownAt = asOf + random.nextLong(lastKnown - asOf + 1);
        return new LocalDate[] {LocalDate.ofEpochDay(asOf), LocalDate.ofEpochDay(knownAt)};
    }
}
