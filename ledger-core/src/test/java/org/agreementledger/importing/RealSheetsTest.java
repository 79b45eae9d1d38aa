package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * ICE's ten real participating-agencies sheets and two pending sheets, each cross-checked row by
 * row against a second, simple reading with POI's usermodel (fine here: they are small).
 */
class RealSheetsTest {

    private static final DataFormatter FORMATTER = new DataFormatter();

    @Test
    void thereAreTenParticipatingSheetsAndTwoPending() {
        assertThat(IceSheetFiles.participating()).hasSize(10);
        assertThat(IceSheetFiles.pending()).hasSize(2);
    }

    @Test
    void everyParticipatingSheetReadsCompletelyAndAgreesWithAUsermodelReading() throws IOException {
        StringBuilder table = new StringBuilder(String.format("%-38s %5s %10s %8s %6s %6s%n",
                "file", "rows", "agreements", "agencies", "states", "links"));
        for (Path file : IceSheetFiles.participating()) {
            Publication publication = Publication.of(file);
            List<SheetRow> rows = new ArrayList<>();
            List<RowProblem> problems = new ArrayList<>();
            try (IceSheet<SheetLine> sheet = IceSheetReader.participating(file, publication.publishedOn())) {
                assertThat(sheet.header()).startsWith("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY",
                        "SUPPORT TYPE", "SIGNED", "MOA");
                assertThat(sheet.estimatedRows()).isPresent();
                sheet.forEachRemaining(line -> {
                    if (line instanceof SheetRow row) {
                        rows.add(row);
                    } else {
                        problems.add((RowProblem) line);
                    }
                });
                assertThat(sheet.estimatedRows().getAsInt()).isGreaterThanOrEqualTo(rows.size());
            }
            assertThat(problems).as("problems in %s", file.getFileName()).isEmpty();

            Map<Integer, Expected> expected = usermodel(file);
            assertThat(rows).as("rows of %s", file.getFileName()).hasSize(expected.size());
            for (SheetRow row : rows) {
                expected.get(row.sheetRow()).check(row);
            }

            // ICE's only SIGNED typo, in every sheet: Campbell County, VA, Task Force Model
            assertThat(rows.stream().filter(SheetRow::undated)).as("undated rows").isEmpty();
            List<SheetRow> repaired = rows.stream().filter(r -> r.repair() != null).collect(Collectors.toList());
            assertThat(repaired).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(UsState.VA);
                assertThat(r.agencyName()).isEqualTo("Campbell County Sheriff's Office");
                assertThat(r.model()).isEqualTo(SupportModel.TFM);
                assertThat(r.signedRaw()).isEqualTo("05/082025");
                assertThat(r.repair()).isEqualTo(SignedDateRule.MISSING_SEPARATOR);
                assertThat(r.signedOn()).isEqualTo(LocalDate.of(2025, 5, 8));
            });
            assertThat(rows).allSatisfy(r -> assertThat(r.signedOn()).isBetween(
                    SignedDateReader.SECTION_287G_ENACTED, publication.publishedOn()));

            Set<String> agreements = rows.stream().map(SheetRow::agreementId).collect(Collectors.toSet());
            Set<String> agencies = rows.stream().map(SheetRow::agencyId).collect(Collectors.toSet());
            Set<UsState> states = rows.stream().map(SheetRow::state).collect(Collectors.toSet());
            assertThat(agreements).as("one row per agreement in %s", file.getFileName()).hasSize(rows.size());
            assertThat(agencies).hasSize(expected.values().stream().map(Expected::agencyKey).collect(Collectors.toSet()).size());
            assertThat(states).hasSize(40);
            long links = rows.stream().filter(r -> r.moaLink() != null).count();
            table.append(String.format("%-38s %5d %10d %8d %6d %6d%n", file.getFileName(), rows.size(),
                    agreements.size(), agencies.size(), states.size(), links));

            // shared/data/README.md: "The first file lists 571 agreements of 462 agencies in 40 states;
            // the last lists 649 of 531."
            if (file.getFileName().toString().equals("participatingAgencies05162025am.xlsx")) {
                assertThat(agreements).hasSize(571);
                assertThat(agencies).hasSize(462);
            }
            if (file.getFileName().toString().equals("participatingAgencies06062025am.xlsx")) {
                assertThat(agreements).hasSize(649);
                assertThat(agencies).hasSize(531);
            }
        }
        System.out.print(table);
    }

    @Test
    void pendingSheetsRead() throws IOException {
        for (Path file : IceSheetFiles.pending()) {
            List<PendingRow> rows = new ArrayList<>();
            try (IceSheet<PendingLine> sheet = IceSheetReader.pending(file)) {
                assertThat(sheet.header()).containsExactly("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE");
                assertThat(sheet.has(SheetColumn.SIGNED)).isFalse();
                sheet.forEachRemaining(line -> {
                    assertThat(line).as("line in %s", file.getFileName()).isInstanceOf(PendingRow.class);
                    rows.add((PendingRow) line);
                });
            }
            Map<Integer, Expected> expected = usermodel(file);
            assertThat(rows).hasSize(expected.size());
            for (PendingRow row : rows) {
                Expected e = expected.get(row.sheetRow());
                assertThat(row.state().title()).isEqualToIgnoringCase(e.state());
                assertThat(row.agencyName()).isEqualTo(e.agency());
                assertThat(row.county()).isEqualTo(e.county());
            }
            System.out.printf("%s: %d requests from %d agencies%n", file.getFileName(), rows.size(),
                    rows.stream().map(PendingRow::agencyId).distinct().count());
        }
    }

    @Test
    void pendingSheetsAreNotParticipatingSheets() {
        Path pending = IceSheetFiles.pending().get(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IceSheetReader.participating(pending, LocalDate.of(2025, 5, 19)))
                .isInstanceOf(SheetRefusedException.class)
                .hasMessageStartingWith("SIGNED: required column missing");
    }

    /** What a plain usermodel reading says each non-blank row holds. */
    private record Expected(int sheetRow, String state, String agency, String county, String signedText,
                            Double signedSerial, String moaText, String moaLink) {

        String agencyKey() {
            return AgencyId.of(UsState.parse("STATE", state), agency);
        }

        void check(SheetRow row) {
            assertThat(row.state().title()).as("row %d", sheetRow).isEqualToIgnoringCase(state);
            assertThat(row.agencyName()).isEqualTo(agency);
            assertThat(row.county()).isEqualTo(county);
            assertThat(row.moaText()).isEqualTo(moaText == null ? null : moaText.replace('\u00a0', ' '));
            if (moaLink != null) {
                assertThat(row.moaLink()).as("MOA link on row %d", sheetRow).isEqualTo(moaLink);
            } else if (moaText == null || !moaText.startsWith("http")) {
                assertThat(row.moaLink()).isNull();
            }
            if (signedSerial != null) {
                assertThat(row.signedRule()).isEqualTo(SignedDateRule.EXCEL_SERIAL);
                assertThat(row.signedOn()).isEqualTo(LocalDate.of(1899, 12, 30).plusDays(signedSerial.longValue()));
            } else {
                assertThat(row.signedRaw()).isEqualTo(signedText);
            }
        }
    }

    private static Map<Integer, Expected> usermodel(Path file) throws IOException {
        Map<Integer, Expected> rows = new HashMap<>();
        // from a stream, never from the File: POI writes a workbook opened from a File back on close
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                if (row.getRowNum() == 0 || blank(row)) {
                    continue;
                }
                Cell signed = row.getCell(5);
                Cell moa = row.getCell(6);
                rows.put(row.getRowNum() + 1, new Expected(row.getRowNum() + 1, text(row.getCell(0)),
                        text(row.getCell(1)), row.getCell(3) != null && row.getCell(3).getCellType() == CellType.ERROR
                                ? null : text(row.getCell(3)),
                        text(signed),
                        signed != null && signed.getCellType() == CellType.NUMERIC ? signed.getNumericCellValue() : null,
                        text(moa),
                        moa != null && moa.getHyperlink() != null ? moa.getHyperlink().getAddress() : null));
            }
        }
        return rows;
    }

    private static boolean blank(Row row) {
        for (Cell cell : row) {
            if (!FORMATTER.formatCellValue(cell).isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String text(Cell cell) {
        if (cell == null || cell.getCellType() != CellType.STRING) {
            return null;
        }
        // ICE pads with plain and non-breaking spaces; inside the text, MOA has "link\u00a0|\u00a0addendum"
        String text = cell.getStringCellValue().replaceAll("^[\\s\u00a0]+|[\\s\u00a0]+$", "");
        return text.isEmpty() ? null : text;
    }
}
