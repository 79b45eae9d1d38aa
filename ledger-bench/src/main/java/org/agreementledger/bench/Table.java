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

    private static double num(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private static String fmt(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
