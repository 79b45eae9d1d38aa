package org.agreementledger.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.agreementledger.api.ImportReport;
import org.agreementledger.importing.app.ArchiveFigures;
import org.agreementledger.importing.app.ManifestImporter;
import org.agreementledger.importing.PublicationManifest;
import org.agreementledger.progress.Progress;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The published figures reconciled on ICE's archive, 2021-01-13 to 2026-02-27, imported with its own
 * manifest. Every expected figure is counted here from the list files themselves ({@link ArchiveFigures}:
 * POI's usermodel, none of the importer's code); the only numbers written down are the claims, read from
 * {@code published-figures.json} through the API. Which list was in force on a day is taken from the
 * import's reports (a day's last list imported, held lists left out).
 */
@TestPropertySource(properties = "ledger.test.ledger=ice-archive-reconciliation") // a database of its own
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealArchiveReconciliationTest extends LedgerIntegrationTest {

    static final Path MANIFEST = Path.of("..", "archive", "ice", "MANIFEST.csv").toAbsolutePath().normalize();

    @Autowired
    ManifestImporter importer;
    @Autowired
    ReportProcessor processor;
    @Autowired
    AgreementReports reports;
    @Autowired
    TestRestTemplate http;

    /** Each publication day's last applied list, as the import applied them. */
    final NavigableMap<LocalDate, Path> lists = new TreeMap<>();
    final Map<Path, ArchiveFigures> figures = new HashMap<>();

    @BeforeAll
    void importTheArchive() {
        Map<String, Path> files = new HashMap<>();
        PublicationManifest manifest = PublicationManifest.read(MANIFEST);
        manifest.entries().forEach(entry -> files.put(entry.fileName(), entry.file()));
        for (ImportReport report : importer.importManifest(manifest, Progress.NONE)) { // in the order imported
            if (ImportReport.IMPORTED.equals(report.outcome()) && "PARTICIPATING".equals(report.kind())) {
                lists.put(report.publishedOn(), files.get(report.fileName()));
            }
        }
        processor.awaitCaughtUp(Duration.ofMinutes(2));
    }

    @Test
    void everyClaimFromTheFirstListOnHasAVerdict() {
        JsonNode document = http.getForObject("/api/reports/reconciliation", JsonNode.class);

        assertThat(document.path("recordFrom").asText()).isEqualTo(lists.firstKey().toString());
        assertThat(document.path("recordTo").asText()).isEqualTo(lists.lastKey().toString());
        assertThat(lines(document)).anyMatch(line -> !claimDate(line).isBefore(lists.firstKey()));
        for (JsonNode line : lines(document)) {
            if (claimDate(line).isBefore(lists.firstKey())) {
                assertThat(line.path("verdict").asText()).as(id(line)).isEqualTo("no data");
                continue;
            }
            assertThat(line.path("verdict").asText()).as(id(line)).isIn("matches", "differs");
            assertThat(line.path("ledgerValue").isNumber()).as(id(line)).isTrue();
            assertThat(line.path("explanation").asText()).as(id(line)).isNotBlank();
        }
    }

    /** As known today: the list in force, the agencies it prints and the nearest lists giving the claim. */
    @Test
    void eachClaimStandsBesideTheListInForceAndTheNearestListGivingIt() {
        JsonNode document = http.getForObject("/api/reports/reconciliation", JsonNode.class);
        LocalDate knownAt = LocalDate.parse(document.path("knownAt").asText());

        for (JsonNode line : lines(document)) {
            String measure = line.path("claim").path("measure").asText();
            String scope = line.path("claim").path("scope").asText();
            LocalDate day = claimDate(line);
            long claimed = line.path("claim").path("value").asLong();
            Map.Entry<LocalDate, Path> inForce = lists.floorEntry(day);
            ArchiveFigures list = figuresOf(inForce.getValue());

            JsonNode publication = line.path("publication");
            assertThat(publication.path("fileName").asText()).as(id(line)).isEqualTo(fileName(inForce.getValue()));
            assertThat(publication.path("publishedOn").asText()).as(id(line)).isEqualTo(inForce.getKey().toString());
            assertThat(publication.path("agreementsListed").asLong()).as(id(line)).isEqualTo(list.agreements());
            assertThat(publication.path("agenciesListed").asLong()).as(id(line)).isEqualTo(list.agencies());
            assertThat(publication.path("states").asLong()).as(id(line)).isEqualTo(list.states());
            assertThat(publication.path("territories").asLong()).as(id(line)).isEqualTo(list.territories());
            assertThat(publication.path("value").asLong()).as(id(line))
                    .isEqualTo(figure(readings(measure).get(0), scope, list));

            if (measure.equals("agencies") && scope.equals("nation")) {
                assertThat(line.path("ledgerValueByPrintedName").asLong()).as(id(line)).isEqualTo(list.agencies());
            } else {
                assertThat(line.path("ledgerValueByPrintedName").isNull()).as(id(line)).isTrue();
            }
            assertMatch(line.path("nearestMatch"), nearest(day, claimed, scope, readings(measure)), id(line));
            assertMatch(line.path("otherMeasureMatch"), nearest(day, claimed, scope, otherReadings(measure)), id(line));

            // the ledger's own count of the day as known today, and the verdict on it
            long ledger = line.path("ledgerValue").asLong();
            JsonNode counts = http.getForObject("/api/reports/counts?asOf={day}&knownAt={known}", JsonNode.class,
                    day, knownAt);
            assertThat(ledger).as(id(line)).isEqualTo(scope.equals("nation") ? counts.path(measure).asLong()
                    : counts.path("byState").path(scope).path(measure).asLong());
            assertThat(line.path("difference").asLong()).as(id(line)).isEqualTo(claimed - ledger);
            assertThat(line.path("verdict").asText()).as(id(line)).isEqualTo(claimed == ledger ? "matches" : "differs");

            // the explanation says what the list in force says, and names a list that gives the claim
            String explanation = line.path("explanation").asText();
            assertThat(explanation).as(id(line)).contains("ICE's list of " + inForce.getKey());
            if (scope.equals("nation") && !measure.equals("states")) {
                assertThat(explanation).as(id(line)).contains("prints " + number(list.agreements()) + " agreements of "
                        + number(list.agencies()) + " agencies");
            }
            if (claimed != ledger && !line.path("nearestMatch").isNull()) {
                assertThat(explanation).as(id(line)).contains(line.path("nearestMatch").path("reading").asText());
            }
            if (line.path("nearestMatch").isNull()) {
                assertThat(explanation).as(id(line)).contains("no list the ledger applied gives " + number(claimed));
            }
        }
    }

    /**
     * As known on a claim's own day, the ledger has observed up to the last list published by then: a
     * claim about a day a list was published on is the ledger's count of that list, counted here from its
     * file; a claim about a later day lies beyond what was known that day, and has no data.
     */
    @Test
    void asKnownOnTheClaimsDayTheLedgerCountsWhatTheListPublishedThatDayPrints() {
        JsonNode today = http.getForObject("/api/reports/reconciliation", JsonNode.class);
        TreeSet<LocalDate> days = new TreeSet<>();
        lines(today).forEach(line -> days.add(claimDate(line)));

        int checkedAgainstAFile = 0;
        for (LocalDate day : days) {
            JsonNode document = http.getForObject("/api/reports/reconciliation?knownAt={day}", JsonNode.class, day);
            assertThat(document.path("recordTo").asText()).isEqualTo(lists.floorKey(day).toString());
            ArchiveFigures list = figuresOf(lists.floorEntry(day).getValue());
            List<JsonNode> ofTheDay = lines(document).stream().filter(line -> claimDate(line).equals(day)).toList();
            assertThat(ofTheDay).as("claims of %s", day).isNotEmpty();
            for (JsonNode line : ofTheDay) {
                if (!lists.containsKey(day)) {
                    assertThat(line.path("verdict").asText()).as(id(line)).isEqualTo("no data");
                    assertThat(line.path("ledgerValue").isNull()).as(id(line)).isTrue();
                    assertThat(line.path("explanation").asText()).as(id(line))
                            .contains("outside the days the ledger observed").contains(lists.floorKey(day).toString());
                    continue;
                }
                String measure = line.path("claim").path("measure").asText();
                String scope = line.path("claim").path("scope").asText();
                long claimed = line.path("claim").path("value").asLong();
                long expected = figure(readings(measure).get(0), scope, list);
                assertThat(line.path("ledgerValue").asLong()).as("%s as known on %s", id(line), day).isEqualTo(expected);
                assertThat(line.path("verdict").asText()).as(id(line))
                        .isEqualTo(claimed == expected ? "matches" : "differs");
                // nothing published after the day was known on it: only lists up to it can match
                assertMatch(line.path("nearestMatch"), nearest(day, claimed, scope, readings(measure), day), id(line));
                checkedAgainstAFile++;
            }
        }
        assertThat(checkedAgainstAFile).as("claims about a day a list was published on").isPositive();
    }

    @Test
    void theCsvCarriesTheNewColumnsAndEveryExplanation() {
        JsonNode document = http.getForObject("/api/reports/reconciliation", JsonNode.class);
        String csv = http.getForObject("/api/reports/reconciliation?format=csv", String.class);

        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,measure,scope,date,claimed,ledger,"
                + "ledger_by_printed_name,difference,verdict,list_in_force_on,list_in_force_file");
        assertThat(csv.lines().count()).isEqualTo(document.path("lines").size() + 1);
        for (JsonNode line : lines(document)) {
            assertThat(csv).contains(line.path("explanation").asText());
        }
    }

    // --- the oracle: figures counted from the files, the readings each measure is compared under ---

    /** Under the claim's own measure: agencies by identity, then by printed name. */
    private static List<String> readings(String measure) {
        return switch (measure) {
            case "agreements" -> List.of("agreements");
            case "agencies" -> List.of("agencies by identity", "agencies by printed name");
            case "states" -> List.of("states");
            default -> throw new IllegalArgumentException(measure);
        };
    }

    /** What a source may have counted instead: agreements for agencies and back, territories for states. */
    private static List<String> otherReadings(String measure) {
        return switch (measure) {
            case "agreements" -> List.of("agencies by identity", "agencies by printed name");
            case "agencies" -> List.of("agreements");
            case "states" -> List.of("states and territories");
            default -> throw new IllegalArgumentException(measure);
        };
    }

    /**
     * A list's figure read one way, from its file. On a list's own day the ledger's agencies by identity
     * are its agencies by printed name (RealArchiveTest holds the counts of every publication day to the
     * files), so both readings count distinct printed names here; a state's printed names are not kept
     * by the ledger (null).
     */
    private static Long figure(String reading, String scope, ArchiveFigures list) {
        boolean nation = scope.equals("nation");
        return switch (reading) {
            case "agreements" -> (long) (nation ? list.agreements() : list.byState().getOrDefault(scope, 0));
            case "agencies by identity" -> (long) (nation ? list.agencies() : list.agenciesByState().getOrDefault(scope, 0));
            case "agencies by printed name" -> nation ? (long) list.agencies() : null;
            case "states" -> (long) list.states();
            case "states and territories" -> nation ? (long) list.states() + list.territories() : null;
            default -> throw new IllegalArgumentException(reading);
        };
    }

    private record Expected(LocalDate publishedOn, Path file, String reading, long days) {
    }

    private Expected nearest(LocalDate day, long claimed, String scope, List<String> readings) {
        return nearest(day, claimed, scope, readings, lists.lastKey());
    }

    /** The list nearest the day (the earlier of two as near) with a reading giving the claimed value. */
    private Expected nearest(LocalDate day, long claimed, String scope, List<String> readings, LocalDate knownAt) {
        List<Map.Entry<LocalDate, Path>> byDistance = lists.headMap(knownAt, true).entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<LocalDate, Path> list) ->
                        Math.abs(ChronoUnit.DAYS.between(day, list.getKey()))).thenComparing(Map.Entry::getKey))
                .toList();
        for (Map.Entry<LocalDate, Path> list : byDistance) {
            for (String reading : readings) {
                Long value = figure(reading, scope, figuresOf(list.getValue()));
                if (value != null && value == claimed) {
                    return new Expected(list.getKey(), list.getValue(), reading, ChronoUnit.DAYS.between(day, list.getKey()));
                }
            }
        }
        return null;
    }

    private static void assertMatch(JsonNode match, Expected expected, String claim) {
        if (expected == null) {
            assertThat(match.isNull()).as("%s: no list gives the claim, found %s", claim, match).isTrue();
            return;
        }
        assertThat(match.path("publishedOn").asText()).as(claim).isEqualTo(expected.publishedOn().toString());
        assertThat(match.path("fileName").asText()).as(claim).isEqualTo(fileName(expected.file()));
        assertThat(match.path("reading").asText()).as(claim).isEqualTo(expected.reading());
        assertThat(match.path("daysFromClaim").asLong()).as(claim).isEqualTo(expected.days());
    }

    private ArchiveFigures figuresOf(Path file) {
        return figures.computeIfAbsent(file, ArchiveFigures::of);
    }

    private static List<JsonNode> lines(JsonNode document) {
        List<JsonNode> lines = new java.util.ArrayList<>();
        document.path("lines").forEach(lines::add);
        return lines;
    }

    private static LocalDate claimDate(JsonNode line) {
        return LocalDate.parse(line.path("claim").path("date").asText());
    }

    private static String id(JsonNode line) {
        return line.path("claim").path("id").asText();
    }

    private static String fileName(Path file) {
        return file.getFileName().toString();
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
