package org.agreementledger.importing.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.UsState;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * What one of ICE's lists says, counted straight from the workbook with POI's plain usermodel and
 * none of the importer's code, tolerant of the archive's typos in its own way: a state is the
 * jurisdiction whose name is nearest (plain Levenshtein), a model is told by its first word. Distinct
 * agreements are (state, agency, model, SIGNED as stored); agencies (state, agency); states the 50
 * and DC, territories apart.
 */
public record ArchiveFigures(int agreements, int agencies, int states, int territories, Map<String, Integer> byModel,
                      Map<String, Integer> byState, Map<String, Integer> agenciesByState) {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();
    private static final Set<String> TERRITORIES = Set.of("AS", "GU", "MP", "PR", "VI");

    public static ArchiveFigures of(Path file) {
        Set<String> agreements = new HashSet<>();
        Set<String> agencies = new HashSet<>();
        Map<String, Set<String>> byModel = new HashMap<>();
        Map<String, Set<String>> byState = new HashMap<>();
        Map<String, Set<String>> agenciesByState = new HashMap<>();
        DataFormatter text = new DataFormatter();
        // from a stream, never from the File: POI writes a workbook opened from a File back on close
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            Map<String, Integer> column = new HashMap<>();
            for (Cell cell : sheet.getRow(sheet.getFirstRowNum())) {
                column.put(text.formatCellValue(cell).strip().toUpperCase(Locale.ROOT), cell.getColumnIndex());
            }
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                String stateName = row == null ? "" : text.formatCellValue(row.getCell(column.get("STATE"))).strip();
                if (stateName.isEmpty()) {
                    continue;
                }
                String state = nearestState(stateName);
                String agency = state + "|" + AgencyId.slug(
                        text.formatCellValue(row.getCell(column.get("LAW ENFORCEMENT AGENCY"))));
                String model = model(text.formatCellValue(row.getCell(column.get("SUPPORT TYPE"))));
                Cell signedCell = row.getCell(column.get("SIGNED"));
                String signed = signedCell == null ? "" : signedCell.getCellType() == CellType.NUMERIC
                        ? Long.toString((long) signedCell.getNumericCellValue()) : text.formatCellValue(signedCell).strip();
                String agreement = agency + "|" + model + "|" + signed;
                agreements.add(agreement);
                agencies.add(agency);
                byModel.computeIfAbsent(model, m -> new HashSet<>()).add(agreement);
                byState.computeIfAbsent(state, s -> new HashSet<>()).add(agreement);
                agenciesByState.computeIfAbsent(state, s -> new HashSet<>()).add(agency);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int territories = (int) byState.keySet().stream().filter(TERRITORIES::contains).count();
        return new ArchiveFigures(agreements.size(), agencies.size(), byState.size() - territories, territories,
                sizes(byModel), sizes(byState), sizes(agenciesByState));
    }

    /** The ledger's counts in these terms (a model with no agreement in force is left out, as a list leaves it). */
    public static ArchiveFigures of(org.agreementledger.reporting.Counts counts) {
        Map<String, Integer> byModel = new TreeMap<>();
        counts.byModel().forEach((model, tally) -> {
            if (tally.agreements() > 0) {
                byModel.put(model.name(), (int) tally.agreements());
            }
        });
        Map<String, Integer> byState = new TreeMap<>();
        Map<String, Integer> agenciesByState = new TreeMap<>();
        counts.byState().forEach((state, tally) -> {
            byState.put(state, (int) tally.agreements());
            agenciesByState.put(state, (int) tally.agencies());
        });
        return new ArchiveFigures((int) counts.agreements(), (int) counts.agencies(), (int) counts.states(),
                (int) counts.territories(), byModel, byState, agenciesByState);
    }

    /** The counts document of {@code GET /api/reports/counts} in these terms. */
    public static ArchiveFigures of(com.fasterxml.jackson.databind.JsonNode counts) {
        Map<String, Integer> byModel = new TreeMap<>();
        counts.path("byModel").fields().forEachRemaining(model -> {
            if (model.getValue().asInt() > 0) {
                byModel.put(model.getKey(), model.getValue().asInt());
            }
        });
        Map<String, Integer> byState = new TreeMap<>();
        Map<String, Integer> agenciesByState = new TreeMap<>();
        counts.path("byState").fields().forEachRemaining(state -> {
            byState.put(state.getKey(), state.getValue().path("agreements").asInt());
            agenciesByState.put(state.getKey(), state.getValue().path("agencies").asInt());
        });
        return new ArchiveFigures(counts.path("agreements").asInt(), counts.path("agencies").asInt(),
                counts.path("states").asInt(), counts.path("territories").asInt(), byModel, byState, agenciesByState);
    }

    private static String nearestState(String printed) {
        String name = printed.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        UsState nearest = null;
        int best = Integer.MAX_VALUE;
        for (UsState state : UsState.values()) {
            int distance = DISTANCE.apply(name, state.title().toUpperCase(Locale.ROOT));
            if (distance < best) {
                best = distance;
                nearest = state;
            }
        }
        if (best > 3) {
            throw new IllegalStateException("no state near '" + printed + "'");
        }
        return nearest.name();
    }

    private static String model(String printed) {
        String first = printed.strip().toUpperCase(Locale.ROOT).split("\\s+")[0];
        return switch (first) {
            case "JAIL" -> "JEM";
            case "TASK" -> "TFM";
            case "WARRANT" -> "WSO";
            default -> throw new IllegalStateException("no model '" + printed + "'");
        };
    }

    private static Map<String, Integer> sizes(Map<String, Set<String>> sets) {
        Map<String, Integer> sizes = new TreeMap<>();
        sets.forEach((key, set) -> sizes.put(key, set.size()));
        return sizes;
    }
}
