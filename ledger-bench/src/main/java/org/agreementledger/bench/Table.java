package org.agreementledger.bench;

import java.util.Locale;
import java.util.Map;

/** The run as a table for people: each figure, its same-run baseline and their ratio. */
final class Table {

    private Table() {
    }

    @SuppressWarnings("unchecked")
    static String of(Map<String, Object> run) {
        Map<String, Object> f = (Map<String, Object>) run.get("figures");
        Map<String, Object> append = (Map<String, Object>) f.get("append");
        Map<String, Object> rebuild = (Map<String, Object>) f.get("rebuild");
        Map<String, Object> counts = (Map<String, Object>) f.get("counts");
        Map<String, Object> timeline = (Map<String, Object>) f.get("timeline");
        Map<String, Object> verify = (Map<String, Object>) f.get("verify");
        Map<String, Object> single = (Map<String, Object>) f.get("singleAppends");
        Map<String, Object> bulk = (Map<String, Object>) f.get("bulkImport");
        Map<String, Object> heap = (Map<String, Object>) f.get("heapMb");
        Map<String, Object> following = (Map<String, Object>) f.get("snapshotFollowing");
        StringBuilder out = new StringBuilder();
        out.append(fmt("size %s agreements (%s events), %s; machine %s%n", run.get("size"), append.get("events"),
                run.get("date"), run.get("machine")));
        out.append("| figure | measured | baseline (same run) | ratio |\n|---|---|---|---|\n");
        out.append(fmt("| append (AtomicAppender, %s a tx) | %,.0f events/s | plain JDBC INSERT: %,.0f rows/s | %s (target >= 0.3) |%n",
                append.get("batch"), num(append, "eventsPerSecond"), num(append, "baselineRowsPerSecond"),
                append.get("ratio")));
        out.append(fmt("| projection rebuild | %,.0f events/s | in-memory fold: %,.0f events/s | %s |%n",
                num(rebuild, "eventsPerSecond"), num(rebuild, "baselineEventsPerSecond"), rebuild.get("ratio")));
        out.append(fmt("| counts national + by state (%s random asOf/knownAt) | p50 %.2f ms, p99 %.2f ms | one in-memory fold: %.1f ms | %sx faster |%n",
                counts.get("queries"), num(counts, "p50Ms"), num(counts, "p99Ms"), num(counts, "baselineMs"),
                counts.get("ratio")));
        out.append(fmt("| timeline 10 years by day (%s points) | %.1f ms | %s single counts scaled: %,.0f ms | %sx faster |%n",
                timeline.get("points"), num(timeline, "ms"), timeline.get("baselineSampledCounts"),
                num(timeline, "baselineMs"), timeline.get("ratio")));
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
                num(verify, "eventsPerSecond"), num(verify, "baselineEventsPerSecond"), verify.get("ratio")));
        out.append(fmt("| single appends, %s clients (CommandGateway, 1 command a tx) | %,.0f commands/s, p50 %.2f ms, p99 %.2f ms | plain INSERT a tx: %,.0f rows/s, p99 %.2f ms | %s (target >= 1,500/s, p99 <= 20 ms) |%n",
                single.get("clients"), num(single, "commandsPerSecond"), num(single, "p50Ms"), num(single, "p99Ms"),
                num(single, "baselineRowsPerSecond"), num(single, "baselineP99Ms"), single.get("ratio")));
        out.append(fmt("| bulk import, %s xlsx publications (read, diff, append, project) | %,.0f rows/s | read only: %,.0f rows/s | %s (target >= 20,000 rows/s) |%n",
                bulk.get("publications"), num(bulk, "rowsPerSecond"), num(bulk, "baselineRowsPerSecond"),
                bulk.get("ratio")));
        StringBuilder peaks = new StringBuilder();
        for (Map.Entry<String, Object> phase : heap.entrySet()) {
            Map<String, Object> p = (Map<String, Object>) phase.getValue();
            peaks.append(fmt("%s %.0f/%.0f; ", phase.getKey(), num(p, "peakUsed"), num(p, "peakAfterGc")));
        }
        out.append(fmt("| peak heap MB (sampled used / after GC) | %s | | |%n", peaks.toString().trim()));
        return out.toString();
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
