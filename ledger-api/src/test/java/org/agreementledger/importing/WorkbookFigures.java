package org.agreementledger.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * What a publication lists, counted straight from the workbook with POI's plain usermodel and
 * none of the importer's code: distinct agreements (state, agency, model, SIGNED as stored) and
 * agencies, in total, by model and by state.
 */
public record WorkbookFigures(int agreements, int agencies, Map<String, Integer> byModel, Map<String, Integer> byState,
                       Map<String, Integer> agenciesByState) {

    public static WorkbookFigures of(Path file) {
        Set<String> agreements = new HashSet<>();
        Set<String> agencies = new HashSet<>();
        Map<String, Set<String>> byModel = new HashMap<>();
        Map<String, Set<String>> byState = new HashMap<>();
        Map<String, Set<String>> agenciesByState = new HashMap<>();
        DataFormatter text = new DataFormatter();
        // from a stream, never from the File: POI writes a workbook opened from a File back on close
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
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
                String state = UsState.parse("STATE", stateName).name();
                String agency = state + "|" + AgencyId.slug(
                        text.formatCellValue(row.getCell(column.get("LAW ENFORCEMENT AGENCY"))));
                String model = SupportModel.parse("SUPPORT TYPE",
                        text.formatCellValue(row.getCell(column.get("SUPPORT TYPE")))).name();
                Cell signedCell = row.getCell(column.get("SIGNED"));
                String signed = signedCell.getCellType() == CellType.NUMERIC
                        ? Long.toString((long) signedCell.getNumericCellValue()) : signedCell.getStringCellValue();
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
        return new WorkbookFigures(agreements.size(), agencies.size(), sizes(byModel), sizes(byState),
                sizes(agenciesByState));
    }

    private static Map<String, Integer> sizes(Map<String, Set<String>> sets) {
        Map<String, Integer> sizes = new TreeMap<>();
        sets.forEach((key, set) -> sizes.put(key, set.size()));
        return sizes;
    }
}
