package org.agreementledger.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A series of publications in ICE's layout (CSV), each a small change on the one before, as ICE's
 * own lists change: the first lists 600 agencies; each later one adds three, drops one, corrects a
 * county and, every fifth, changes one agency's support model. Deterministic.
 */
final class SyntheticPublications {

    static final int BASE_AGENCIES = 600;
    static final LocalDate FIRST = LocalDate.of(2025, 7, 1);
    private static final String[] STATES = {"TX", "FL", "GA", "AL", "TN", "NC", "SC", "OK", "LA", "AZ"};
    private static final String[] MODELS = {"Jail Enforcement Model", "Task Force Model", "Warrant Service Officer"};
    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    record Publication(Path file, LocalDate publishedOn) {
    }

    private record Row(String state, String name, String type, String county, int model, LocalDate signed) {
    }

    private SyntheticPublications() {
    }

    static List<Publication> write(Path dir, int count) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int j = 0; j < BASE_AGENCIES; j++) {
            put(rows, new Row(STATES[j % STATES.length], "Load Agency " + j, j % 3 == 0 ? "Municipality" : "County",
                    "County " + (j % 50), j % 3, LocalDate.of(2020, 1, 1).plusDays(j)));
        }
        List<Publication> publications = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            LocalDate date = FIRST.plusDays(k);
            if (k > 0) {
                int change = k;
                for (int x = 0; x < 3; x++) {
                    put(rows, new Row(STATES[(k + x) % STATES.length], "Load New Agency " + k + "-" + x, "County",
                            "New County " + k, x, date.minusDays(10)));
                }
                rows.remove("Load Agency " + (7 * k));
                String corrected = "Load Agency " + (7 * k + 3);
                rows.computeIfPresent(corrected, (name, row) -> new Row(row.state(), name, row.type(),
                        "Corrected County " + change, row.model(), row.signed()));
                if (k % 5 == 4) {
                    rows.computeIfPresent("Load Agency " + (7 * k + 5), (name, row) -> new Row(row.state(), name,
                            row.type(), row.county(), (row.model() + 1) % 3, row.signed()));
                }
            }
            Path file = dir.resolve("load-publication-" + date + ".csv");
            StringBuilder csv = new StringBuilder("STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE,SIGNED,MOA\n");
            rows.values().forEach(row -> csv.append(String.join(",", row.state(), row.name(), row.type(), row.county(),
                    MODELS[row.model()], US.format(row.signed()), "")).append('\n'));
            try {
                Files.writeString(file, csv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            publications.add(new Publication(file, date));
        }
        return publications;
    }

    private static void put(Map<String, Row> rows, Row row) {
        rows.put(row.name(), row);
    }
}
