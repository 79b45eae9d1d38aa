package org.agreementledger.bench;

import java.util.Locale;
import java.util.Map;

/** The run as a table for people: each figure, its same-run baseline and their ratio. */
final class Table {

    private Table() {
    }

    static String of(Run run) {
        Figures f = run.figures();
        AppendFigure append = f.append();
        RebuildFigure rebuild = f.rebuild();
        CountsFigure counts = f.counts();
        TimelineFigure timeline = f.timeline();
        VerifyFigure verify = f.verify();
        SingleAppendsFigure single = f.singleAppends();
        BulkImportFigure bulk = f.bulkImport();
        Map<String, Object> following = f.snapshotFollowing();
        StringBuilder out = new StringBuilder();
        out.append(fmt("size %s agreements (%s events), %s; load average %s; machine %s%n", run.size(), append.events(),
                run.date(), run.loadAverage(), run.machine()));
        out.append("| figure | measured | baseline (same run) | ratio |\n|---|---|---|---|\n");
        AppendFigure.Floor floor = append.floor();
        out.append(fmt("| append (AtomicAppender, %s a tx) | %,.0f events/s | floor (store, indexes, chain, listing row; one"
                        + " JDBC batch a tx): %,.0f rows/s | %s whole run |%n", append.batch(),
                append.eventsPerSecond(), append.baselineRowsPerSecond(), append.wholeRunRatio()));
        out.append(fmt("| append after the first %s txs (JIT warm-up) | %,.0f events/s | floor, same txs: %,.0f rows/s | %s"
                        + " (target >= %s) |%n", append.warmUpTransactions(),
                append.judgedEvents() / append.judgedSeconds(), append.judgedEvents() / append.judgedBaselineSeconds(),
                append.ratio(), AppendFigure.TARGET));
        out.append(fmt("| append, for comparison | | plain JDBC INSERT: %,.0f rows/s | %s |%n", append.plainRowsPerSecond(),
                append.plainRatio()));
        out.append(fmt("| the floor's cost a row | %.1f us: indexes only %.1f, + chain %.1f, + listing %.1f (plain table"
                        + " %.1f) | append %.1f us a row above the floor (Java) | |%n", floor.floorUs(),
                floor.storeIndexesOnlyUs(), floor.chainUs(), floor.listingUs(), floor.plainTableUs(), floor.javaUs()));
        out.append(fmt("| CPU ms a command of the append (JFR, %d samples) | JVM %.3f: %s| PostgreSQL %.3f | |%n",
                append.profile().samples(), append.profile().jvmCpuMsPerCommand(), stages(append.profile()),
                append.profile().postgresCpuMsPerCommand()));
        out.append(fmt("| projection rebuild | %,.0f events/s | read and fold, nothing written: %,.0f events/s | %s (target"
                        + " >= %s at 1M) |%n", rebuild.eventsPerSecond(), rebuild.baselineEventsPerSecond(), rebuild.ratio(),
                RebuildFigure.TARGET));
        out.append(fmt("| rebuild, for comparison | | in-memory fold: %,.0f events/s | %s |%n", rebuild.foldEventsPerSecond(),
                rebuild.foldRatio()));
        out.append(fmt("| counts national + by state (%s random asOf/knownAt) | p50 %.2f ms, p99 %.2f ms | one in-memory fold: %.1f ms | %sx faster |%n",
                counts.queries(), counts.p50Ms(), counts.p99Ms(), counts.baselineMs(), counts.ratio()));
        out.append(fmt("| timeline 10 years by day (%s points) | %.1f ms | %s single counts scaled: %,.0f ms | %sx faster |%n",
                timeline.points(), timeline.ms(), timeline.baselineSampledCounts(), timeline.baselineMs(),
                timeline.ratio()));
        if (following != null) {
            out.append(fmt("| counts within %s after each of %s appends (snapshot applied, %s reloads) | p50 %.2f ms, p99 %.2f ms, max %.2f ms | | %s (target p99 <= 5 ms, no reload) |%n",
                    following.get("askedAfterEach"), following.get("appends"), following.get("reloads"),
                    num(following, "p50Ms"), num(following, "p99Ms"), num(following, "maxMs"),
                    Boolean.TRUE.equals(following.get("met")) ? "met" : "not met"));
            out.append(fmt("| applying a batch to the snapshot | %.1f µs an event (%.2f µs a row) | rebuild: %.1f µs an event | |%n",
                    num(following, "applyMicrosPerEvent"), num(following, "applyMicrosPerRow"),
                    num(following, "rebuildMicrosPerEvent")));
            out.append(fmt("| snapshot memory | %.1f bytes a version (%s versions); live heap MB after each append %s | | |%n",
                    num(following, "bytesPerVersion"), following.get("versions"),
                    following.get("liveHeapMbAfterEachAppend")));
        }
        out.append(fmt("| verify hash chain | %,.0f events/s | SHA-256 in memory: %,.0f events/s | %s |%n",
                verify.eventsPerSecond(), verify.baselineEventsPerSecond(), verify.ratio()));
        OpenLoop.Step at = single.atTarget();
        OpenLoop.Step base = single.baselineAtTarget();
        out.append(fmt("| single appends, open loop %.0f/s offered by %s clients (acknowledged; after VACUUM (ANALYZE),"
                        + " %.1f s, and sync, %.1f MB dirty, %.2f s) | %s | plain INSERT a tx: %s | |%n",
                SingleAppendsFigure.TARGET_RATE, single.clients(), single.vacuumSeconds(), single.dirtyMbBeforeSync(),
                single.syncSeconds(), step(at), step(base)));
        out.append(fmt("| single appends, highest offered rate holding p99 <= %.0f ms | %,.0f/s | plain INSERT a tx: %,.0f/s | %s |%n",
                SingleAppendsFigure.TARGET_P99_MS, single.highestRateHoldingP99(), single.baselineHighestRateHoldingP99(),
                single.ratio()));
        StageProfile.Profile profile = single.profile();
        out.append(fmt("| CPU ms a single append at %.0f/s (JFR, %d samples) | JVM %.3f: %s(of the JVM's, its threads at"
                        + " lowered priority, /proc: %.3f) | PostgreSQL %.3f | |%n",
                SingleAppendsFigure.TARGET_RATE, profile.samples(), profile.jvmCpuMsPerCommand(), stages(profile),
                profile.lowPriorityCpuMsPerCommand(), profile.postgresCpuMsPerCommand()));
        out.append(fmt("| a single append's time at %.0f/s (the same step) | %s | | |%n", SingleAppendsFigure.TARGET_RATE,
                single.profileTimes()));
        out.append(fmt("| bulk import, %s xlsx publications (read, diff, append, project) | %,.0f rows/s | read only: %,.0f rows/s | %s (target >= 20,000 rows/s) |%n",
                bulk.publications(), bulk.rowsPerSecond(), bulk.baselineRowsPerSecond(), bulk.ratio()));
        StringBuilder peaks = new StringBuilder();
        f.heapMb().forEach((phase, p) -> peaks.append(fmt("%s %.0f/%.0f; ", phase, p.peakUsed(), p.peakAfterGc())));
        out.append(fmt("| peak heap MB (sampled used / after GC) | %s | | |%n", peaks.toString().trim()));
        out.append(fmt("%ntargets at %s agreements:%n| target | definition | measured | baseline (same run) | ratio | verdict |%n"
                + "|---|---|---|---|---|---|%n", run.size()));
        for (Targets.Verdict v : run.targets()) {
            out.append(fmt("| %s | %s | %s | %s | %s | %s%s |%n", v.target(), v.definition(), v.measured(), v.baseline(),
                    v.ratio(), v.met() ? "met" : "NOT MET", v.judged() ? "" : " (not judged at this size)"));
        }
        return out.toString();
    }

    private static String stages(StageProfile.Profile profile) {
        StringBuilder stages = new StringBuilder();
        for (StageProfile.Stage stage : profile.stages()) {
            stages.append(fmt("%s %.3f (%.0f%%); ", stage.name(), stage.jvmCpuMsPerCommand(), 100 * stage.share()));
        }
        return stages.toString();
    }

    private static String step(OpenLoop.Step step) {
        return step == null ? "not reached" : fmt("%,.0f/s achieved, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d errors",
                step.achievedPerSecond(), step.p50Ms(), step.p99Ms(), step.maxMs(), step.errors());
    }

    /** The archive phase as a table: the import beside reading the same files, and the served page. */
    @SuppressWarnings("unchecked")
    static String ofArchive(Map<String, Object> run) {
        Map<String, Object> f = (Map<String, Object>) run.get("figures");
        Map<String, Object> imp = (Map<String, Object>) f.get("import");
        Map<String, Object> page = (Map<String, Object>) f.get("firstPage");
        Map<String, Object> heap = (Map<String, Object>) f.get("heapMb");
        StringBuilder out = new StringBuilder();
        out.append(fmt("ICE's archive (%s, %s files), %s; load average %s; machine %s%n", imp.get("manifest"),
                imp.get("files"), run.get("date"), run.get("loadAverage"), run.get("machine")));
        out.append("| figure | measured | baseline (same run) | ratio |\n|---|---|---|---|\n");
        out.append(fmt("| archive import %s (check, read, diff, append, project) | %,.0f rows/s (%,d rows, %s events, %.1f s) | read only: %,.0f rows/s (%,d rows, %.1f s) | %s |%n",
                imp.get("outcomes"), num(imp, "rowsPerSecond"), ((Number) imp.get("rows")).longValue(),
                imp.get("events"), num(imp, "seconds"), num(imp, "baselineRowsPerSecond"),
                ((Number) imp.get("baselineRows")).longValue(), num(imp, "baselineSeconds"), imp.get("ratio")));
        out.append(fmt("| where the import's time went (s) | check files %.1f, read rows %.1f, diff and other %.1f, append %.1f, reports catch up %.1f | | |%n",
                num(imp, "checkSeconds"), num(imp, "importReadSeconds"), num(imp, "importDiffAndOtherSeconds"),
                num(imp, "importAppendSeconds"), num(imp, "catchUpSeconds")));
        if (page != null) {
            for (String start : new String[] {"fresh", "restart"}) {
                Map<String, Object> p = (Map<String, Object>) page.get(start);
                String what = "fresh".equals(start) ? "fresh data directory" : "restart, same directory";
                Map<String, Object> log = (Map<String, Object>) p.getOrDefault("log", Map.of());
                out.append(fmt("| bin/ledger serve, %s: page / served (%s) | %.2f s (its log: started at %s s, %s s of it"
                                + " before the database, %s s from it) | bin/ledger --version: %.2f s | |%n",
                        what, p.get("stateAtPage"), num(p, "pageSeconds"), log.get("applicationStartedSeconds"),
                        log.get("jvmToDatabaseSeconds"), log.get("databaseToStartedSeconds"),
                        num(page, "baselineSeconds")));
                if ("fresh".equals(start)) {
                    out.append(fmt("| bin/ledger serve, %s: figures served (ready, counts 200) | %.2f s (%.2f s after the page;"
                                    + " its log: check %s s, import %s s) | in-process import: %.2f s (check %.1f s, import %.1f s) | %s |%n",
                            what, num(p, "figuresSeconds"), num(p, "pageToFiguresSeconds"),
                            log.get("archiveCheckSeconds"), log.get("archiveImportSeconds"),
                            num(page, "importBaselineSeconds"), num(imp, "checkSeconds"), num(imp, "importSeconds"),
                            page.get("freshPageToFiguresOverImport")));
                } else {
                    out.append(fmt("| bin/ledger serve, %s: figures served (ready, counts 200) | %.2f s (%.2f s after the page) | | |%n",
                            what, num(p, "figuresSeconds"), num(p, "pageToFiguresSeconds")));
                }
            }
        }
        StringBuilder peaks = new StringBuilder();
        for (Map.Entry<String, Object> phase : heap.entrySet()) {
            Map<String, Object> p = (Map<String, Object>) phase.getValue();
            peaks.append(fmt("%s %.0f/%.0f; ", phase.getKey(), num(p, "peakUsed"), num(p, "peakAfterGc")));
        }
        out.append(fmt("| peak heap MB (sampled used / after GC) | %s | | |%n", peaks.toString().trim()));
        return out.toString();
    }

    private static double num(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private static String fmt(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
