package org.agreementledger.bench;

import static org.agreementledger.bench.Bench.ms;
import static org.agreementledger.bench.Bench.percentile;
import static org.agreementledger.bench.Bench.seconds;
import static org.agreementledger.bench.BenchMain.round;

import java.time.Duration;
import java.time.LocalDate;
import org.agreementledger.demo.DemoFigures;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.Step;
import org.agreementledger.reporting.Timeline;

/** Phase 4: a ten-year timeline by day from the report snapshot, beside single counts. */
final class TimelinePhase {

    private final Bench bench;

    TimelinePhase(Bench bench) {
        this.bench = bench;
    }

    TimelineFigure run() {
        AgreementReports reports = bench.bean(AgreementReports.class);
        LocalDate to = DemoFigures.ICE_DATE;
        LocalDate from = to.minusYears(10);
        LocalDate knownAt = DemoFigures.LAST_KNOWN_DAY;
        if (!reports.awaitSnapshot(Duration.ofMinutes(10))) {
            throw new IllegalStateException("the report snapshot did not load");
        }
        bench.heap.reset();
        long first = System.nanoTime();
        Timeline answer = reports.timeline(from, to, Step.day, knownAt); // warm-up, or the one run
        int points = answer.points().size();
        first = System.nanoTime() - first;
        // a timeline slower than 5 s is measured once (its first run); a faster one five times after it
        int runs = first > 5_000_000_000L ? 1 : 5;
        long[] nanos = new long[runs];
        nanos[0] = first;
        bench.progress.start("timeline ten years by day", runs);
        for (int i = runs == 1 ? 1 : 0; i < runs; i++) {
            long t = System.nanoTime();
            Timeline timeline = reports.timeline(from, to, Step.day, knownAt);
            nanos[i] = System.nanoTime() - t;
            points = timeline.points().size();
            bench.progress.advance(i + 1);
        }
        bench.progress.finish();
        bench.phaseHeap("timeline");

        // the SQL statement reports fall back to while the snapshot is stale: once, and it must agree
        long sqlNanos = System.nanoTime();
        Timeline fromSql = reports.timelineFromSql(from, to, Step.day, knownAt);
        sqlNanos = System.nanoTime() - sqlNanos;
        boolean agree = fromSql.equals(answer);

        // baseline: single counts, a sample of one day in ten, scaled up to every point
        bench.heap.reset();
        int sample = 0;
        bench.progress.start("baseline: single counts, every 10th day", (points + 9) / 10);
        long t = System.nanoTime();
        for (int i = 0; i < points; i += 10) {
            reports.counts(from.plusDays(i), knownAt);
            bench.progress.advance(++sample);
        }
        double sampleMs = (System.nanoTime() - t) / 1e6;
        bench.progress.finish();
        bench.phaseHeap("timelineBaseline");
        double scaledMs = sampleMs * points / sample;

        return new TimelineFigure(from.toString(),
                to.toString(),
                points,
                ms(percentile(nanos, 50)),
                runs,
                runs == 1 ? "one run (the first: slower than 5 s)" : "median of 5 after a warm-up",
                "the in-memory snapshot of the published report table (InForceIndex): one sweep",
                ms(sqlNanos),
                "the SQL statement reports fall back to while the snapshot is stale, one run",
                agree,
                "single counts on " + sample + " days (every 10th), time scaled up to all " + points
                + " points",
                sample,
                round(sampleMs, 1),
                round(scaledMs, 1),
                round(scaledMs / (percentile(nanos, 50) / 1e6), 2),
                "baselineMs / ms: how many times faster one timeline is than a count per day");
    }
}
