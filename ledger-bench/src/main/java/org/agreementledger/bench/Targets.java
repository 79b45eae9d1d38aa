package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.format;

import java.util.ArrayList;
import java.util.List;

/** Each performance target of the suite, judged on one run: met or not met, and at which sizes it is judged. */
final class Targets {

    /** One target on one run. {@code judged}: whether this run's size is one the target is set for. */
    record Verdict(String target, String definition, String measured, String baseline, String ratio, boolean judged,
                   boolean met) {
    }

    private Targets() {
    }

    static List<Verdict> of(long size, Figures f) {
        List<Verdict> verdicts = new ArrayList<>();
        AppendFigure append = f.append();
        verdicts.add(new Verdict("append",
                "import's append path >= " + AppendFigure.TARGET + " of the floor (same events, one JDBC batch a"
                        + " transaction into domainevententry with indexes, chain triggers, listing row), 100k and 1M,"
                        + " both after their first " + append.warmUpTransactions() + " transactions (the JIT's warm-up)",
                format("%,.0f events/s (whole run %,.0f)", append.judgedEvents() / append.judgedSeconds(),
                        append.eventsPerSecond()),
                format("floor %,.0f rows/s (whole run %,.0f, %.1f us a row); plain INSERT %,.0f rows/s",
                        append.judgedEvents() / append.judgedBaselineSeconds(), append.baselineRowsPerSecond(),
                        append.floor().floorUs(), append.plainRowsPerSecond()),
                format("%.3f of the floor (whole run %.3f); %.3f of plain", append.ratio(), append.wholeRunRatio(),
                        append.plainRatio()),
                size >= 100_000, append.ratio() >= AppendFigure.TARGET));
        SingleAppendsFigure single = f.singleAppends();
        OpenLoop.Step at = single.atTarget();
        verdicts.add(new Verdict("single appends",
                "open loop, " + (int) SingleAppendsFigure.TARGET_RATE + "/s offered by " + single.clients()
                        + " clients: p99 <= " + (int) SingleAppendsFigure.TARGET_P99_MS
                        + " ms request to acknowledgement, 0 errors (after a VACUUM (ANALYZE) of the loaded ledger)",
                at == null ? "not reached" : format("p50 %.2f ms, p99 %.2f ms, %d errors, %,.0f/s achieved; highest"
                        + " rate holding p99: %,.0f/s", at.p50Ms(), at.p99Ms(), at.errors(), at.achievedPerSecond(),
                        single.highestRateHoldingP99()),
                single.baselineAtTarget() == null ? "" : format("plain INSERT a transaction: p99 %.2f ms at %d/s;"
                                + " highest rate holding p99: %,.0f/s", single.baselineAtTarget().p99Ms(),
                        (int) SingleAppendsFigure.TARGET_RATE, single.baselineHighestRateHoldingP99()),
                format("%.3f of the baseline's highest rate", single.ratio()),
                true, at != null && at.holds(SingleAppendsFigure.TARGET_P99_MS)));
        RebuildFigure rebuild = f.rebuild();
        verdicts.add(new Verdict("rebuild",
                "projection rebuild >= " + RebuildFigure.TARGET + " of reading and folding the same events out of"
                        + " PostgreSQL, writing nothing, at 1M",
                format("%,.0f events/s", rebuild.eventsPerSecond()),
                format("read and fold %,.0f events/s; in-memory fold %,.0f events/s",
                        rebuild.baselineEventsPerSecond(), rebuild.foldEventsPerSecond()),
                format("%.3f of read and fold; %.3f of the in-memory fold", rebuild.ratio(), rebuild.foldRatio()),
                size >= 1_000_000, rebuild.ratio() >= RebuildFigure.TARGET));
        BulkImportFigure bulk = f.bulkImport();
        verdicts.add(new Verdict("bulk import", ">= 20,000 rows/s",
                format("%,.0f rows/s", bulk.rowsPerSecond()), format("read only %,.0f rows/s", bulk.baselineRowsPerSecond()),
                format("%.3f", bulk.ratio()), !bulk.scaledDown(),
                bulk.rowsPerSecond() >= BulkImportFigure.TARGET_ROWS_PER_SECOND));
        CountsFigure counts = f.counts();
        verdicts.add(new Verdict("counts", "p99 <= 5 ms national and by state, >= 1,000x one in-memory fold, at 1M",
                format("p50 %.2f ms, p99 %.2f ms", counts.p50Ms(), counts.p99Ms()),
                format("one fold %.1f ms", counts.baselineMs()), format("%.1fx", counts.ratio()),
                size >= 1_000_000, counts.p99Ms() <= 5 && counts.ratio() >= 1_000));
        TimelineFigure timeline = f.timeline();
        verdicts.add(new Verdict("timeline", "ten years by day <= 100 ms", format("%.1f ms", timeline.ms()),
                format("single counts scaled %,.0f ms", timeline.baselineMs()), format("%.1fx", timeline.ratio()),
                true, timeline.ms() <= 100));
        VerifyFigure verify = f.verify();
        verdicts.add(new Verdict("verify", ">= 100,000 events/s, 100k and 1M",
                format("%,.0f events/s", verify.eventsPerSecond()),
                format("SHA-256 in memory %,.0f events/s", verify.baselineEventsPerSecond()),
                format("%.3f", verify.ratio()), size >= 100_000, verify.intact() && verify.eventsPerSecond() >= 100_000));
        return verdicts;
    }
}
