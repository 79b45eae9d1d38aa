package org.agreementledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BenchMain at a tiny size (300 agreements, 50 queries): every figure reaches the results file. */
class BenchMainSmokeTest {

    @Test
    void aTinyRunWritesEveryFigureWithItsBaseline(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results.json");
        Map<String, Object> run = BenchMain.run(300, 50, 1);
        BenchMain.record(out, run);

        JsonNode written = new ObjectMapper().readTree(out.toFile()).get("runs").get(0);
        assertThat(written.get("size").asLong()).isEqualTo(300);
        assertThat(written.get("date").asText()).isNotBlank();
        assertThat(written.get("machine").get("cores").asInt()).isPositive();
        assertThat(written.get("machine").get("maxHeapMb").asLong()).isPositive();
        assertThat(written.get("machine").get("jdk").asText()).isNotBlank();
        JsonNode figures = written.get("figures");
        Map<String, List<String>> expected = Map.of(
                "append", List.of("eventsPerSecond", "baselineRowsPerSecond", "ratio"),
                "rebuild", List.of("eventsPerSecond", "baselineEventsPerSecond", "ratio"),
                "counts", List.of("p50Ms", "p99Ms", "baselineMs", "ratio"),
                "timeline", List.of("ms", "baselineMs", "ratio"),
                "verify", List.of("eventsPerSecond", "baselineEventsPerSecond", "ratio"),
                "singleAppends", List.of("commandsPerSecond", "p99Ms", "baselineRowsPerSecond", "baselineP99Ms", "ratio"),
                "bulkImport", List.of("rowsPerSecond", "sheetRows", "baselineRowsPerSecond", "ratio"));
        expected.forEach((figure, fields) -> fields.forEach(field ->
                assertThat(figures.at("/" + figure + "/" + field).asDouble()).as(figure + "." + field).isPositive()));
        for (String phase : List.of("append", "appendBaseline", "rebuild", "foldBaseline", "counts", "countsBaseline",
                "timeline", "timelineBaseline", "verify", "verifyBaseline", "singleAppends", "singleAppendsBaseline",
                "bulkImport", "bulkImportBaseline")) {
            assertThat(figures.at("/heapMb/" + phase + "/peakUsed").asDouble()).as(phase).isPositive();
        }
        assertThat(figures.at("/append/events").asLong()).isGreaterThan(300);
        assertThat(figures.at("/counts/answersAgree").asBoolean()).isTrue();
        assertThat(figures.at("/verify/intact").asBoolean()).isTrue();
        assertThat(figures.at("/verify/baselineMatchesTip").asBoolean()).isTrue();
        assertThat(figures.at("/singleAppends/commands").asLong()).isEqualTo(8 * 15);
        // every generated row was read by the baseline and imported: a signing per agreement at least
        assertThat(figures.at("/bulkImport/events").asLong()).isGreaterThan(300);
        assertThat(Table.of(run)).contains("| append", "| verify hash chain", "| single appends", "| bulk import");
    }
}
