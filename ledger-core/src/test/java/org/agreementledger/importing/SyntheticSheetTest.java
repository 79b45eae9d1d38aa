package org.agreementledger.importing;

import static org.agreementledger.importing.TestWorkbooks.NA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.importing.TestWorkbooks.Link;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workbooks and CSVs made in the test, for the cases ICE's real sheets do not (yet) show. */
class SyntheticSheetTest {

    private static final LocalDate PUBLISHED = LocalDate.of(2025, 6, 6);
    private static final String MOA = "https://www.ice.gov/doclib/287gMOA/ColbertCoSOAL_JEM_MOA_050825.pdf";

    @TempDir
    Path dir;

    @Test
    void readsEveryColumnOfARow() {
        Path file = TestWorkbooks.write(dir.resolve("sheet.xlsx"), List.of(
                TestWorkbooks.HEADER,
                row("ALABAMA", "Colbert County Sheriff's Office ", "County", "Colbert County ", "Jail Enforcement Model",
                        LocalDate.of(2025, 5, 8), new Link("link", MOA)),
                row("FLORIDA", "Tampa Police Department", "Municipality", NA, "Task Force Model", 45785,
                        "link pending "),
                row("TEXAS", "Nueces County Sheriff's Office", null, "Nueces County", "Warrant Service Officer", 45700,
                        "link\u00a0|\u00a0addendum")));
        List<SheetLine> lines = read(file);
        assertThat(lines).hasSize(3).allMatch(SheetRow.class::isInstance);
        SheetRow colbert = (SheetRow) lines.get(0);
        assertThat(colbert.sheetRow()).isEqualTo(2);
        assertThat(colbert.state()).isEqualTo(UsState.AL);
        assertThat(colbert.agencyName()).isEqualTo("Colbert County Sheriff's Office");
        assertThat(colbert.agencyType()).isEqualTo("County");
        assertThat(colbert.county()).isEqualTo("Colbert County");
        assertThat(colbert.model()).isEqualTo(SupportModel.JEM);
        assertThat(colbert.signedOn()).isEqualTo(LocalDate.of(2025, 5, 8));
        assertThat(colbert.signedRaw()).isEqualTo("45785");
        assertThat(colbert.signedRule()).isEqualTo(SignedDateRule.EXCEL_SERIAL);
        assertThat(colbert.repair()).isNull();
        assertThat(colbert.moaText()).isEqualTo("link");
        assertThat(colbert.moaLink()).as("the hyperlink, not the word 'link'").isEqualTo(MOA);
        assertThat(colbert.agencyId()).isEqualTo("AL-colbert-county-sheriffs-office");
        assertThat(colbert.agreementId()).isEqualTo("AL-colbert-county-sheriffs-office#JEM#2025-05-08");

        SheetRow tampa = (SheetRow) lines.get(1);
        assertThat(tampa.county()).as("#N/A is no county").isNull();
        assertThat(tampa.moaText()).isEqualTo("link pending");
        assertThat(tampa.moaLink()).isNull();

        SheetRow nueces = (SheetRow) lines.get(2);
        assertThat(nueces.agencyType()).isNull();
        assertThat(nueces.moaText()).isEqualTo("link | addendum");
        assertThat(nueces.addendum()).isNull();
    }

    @Test
    void columnsAreFoundByNameWhateverTheirOrderCaseOrSpacing() {
        Path file = TestWorkbooks.write(dir.resolve("sheet.xlsx"), List.of(
                List.of("Signed", " Support  Type ", "law enforcement\u00a0agency", "State", "ADDENDUM", "NOTES", "moa"),
                List.of("5/8/2025", "WSO", "Rusk County Sheriff's Office", "tx",
                        new Link("addendum", "https://www.ice.gov/a.pdf"), "anything", "https://www.ice.gov/m.pdf")));
        try (IceSheet<SheetLine> sheet = IceSheetReader.participating(file, PUBLISHED)) {
            assertThat(sheet.has(SheetColumn.ADDENDUM)).isTrue();
            assertThat(sheet.has(SheetColumn.COUNTY)).isFalse();
            SheetRow row = (SheetRow) sheet.next();
            assertThat(row.state()).isEqualTo(UsState.TX);
            assertThat(row.model()).isEqualTo(SupportModel.WSO);
            assertThat(row.agencyName()).isEqualTo("Rusk County Sheriff's Office");
            assertThat(row.signedOn()).isEqualTo(LocalDate.of(2025, 5, 8));
            assertThat(row.signedRule()).isEqualTo(SignedDateRule.US_DATE);
            assertThat(row.county()).isNull();
            assertThat(row.agencyType()).isNull();
            assertThat(row.addendum()).isEqualTo("https://www.ice.gov/a.pdf");
            assertThat(row.moaLink()).as("a URL typed as text").isEqualTo("https://www.ice.gov/m.pdf");
            assertThat(sheet.hasNext()).isFalse();
        }
    }

    @Test
    void unreadableRowsBecomeProblemsAndReadingGoesOn() {
        Path file = TestWorkbooks.write(dir.resolve("sheet.xlsx"), List.of(
                TestWorkbooks.HEADER,
                row("GONDOR", "Minas Tirith Guard", "State Agency", null, "Task Force Model", 45785, "link"),
                row("OHIO", "  ", "County", "Butler County", "Task Force Model", 45785, "link"),
                row("OHIO", "Butler County Sheriff's Office", "County", "Butler County", "Jail Model", 45785, "link"),
                row(NA, "Butler County Sheriff's Office", "County", "Butler County", "Task Force Model", 45785, "link"),
                row("OHIO", "Butler County Sheriff's Office", "County", "Butler County", "Task Force Model",
                        "link pending", "link"),
                row("OHIO", "— ? —", "County", "Butler County", "Task Force Model", 45785, "link"),
                row("OHIO", "Butler " + "County ".repeat(40), "County", "Butler County", "Task Force Model", 45785,
                        "link")));
        List<SheetLine> lines = read(file);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(6)).isInstanceOfSatisfying(RowProblem.class, p -> {
            assertThat(p.sheetRow()).isEqualTo(8);
            assertThat(p.column()).isEqualTo("LAW ENFORCEMENT AGENCY");
            assertThat(p.message()).isEqualTo("is longer than 200 characters");
        });
        assertThat(lines.get(5)).isEqualTo(new RowProblem(7, "LAW ENFORCEMENT AGENCY", "— ? —",
                "has no letters or digits to identify the agency by"));
        assertThat(lines.get(0)).isEqualTo(new RowProblem(2, "STATE", "GONDOR",
                "unknown state 'GONDOR'; expected a USPS code such as FL or a state name such as Florida;"
                        + " no spelling rule reads it"));
        assertThat(lines.get(1)).isEqualTo(new RowProblem(3, "LAW ENFORCEMENT AGENCY", "  ", "is blank"));
        assertThat(lines.get(2)).isInstanceOfSatisfying(RowProblem.class, p -> {
            assertThat(p.sheetRow()).isEqualTo(4);
            assertThat(p.column()).isEqualTo("SUPPORT TYPE");
            assertThat(p.raw()).isEqualTo("Jail Model");
            assertThat(p.message()).startsWith("unknown support model 'Jail Model'");
        });
        assertThat(lines.get(3)).isEqualTo(new RowProblem(5, "STATE", "#N/A", "is the Excel error #N/A instead of a value"));
        assertThat(lines.get(4)).isInstanceOfSatisfying(SheetRow.class, row -> {
            assertThat(row.undated()).isTrue();
            assertThat(row.signedOn()).isNull();
            assertThat(row.signedRaw()).isEqualTo("link pending");
            assertThat(row.agreementId()).isNull();
        });
    }

    @Test
    void typoedTextDatesAreRepairedAndNamed() {
        Path file = TestWorkbooks.write(dir.resolve("sheet.xlsx"), List.of(
                TestWorkbooks.HEADER,
                row("VIRGINIA", "Campbell County Sheriff's Office", "County", "Campbell County", "Task Force Model",
                        "05/082025", "link pending"),
                row("TEXAS", "Rusk County Sheriff's Office", "County", "Rusk County", "Warrant Service Officer",
                        "3/4/20255", "link"),
                row("TEXAS", "Titus County Sheriff's Office", "County", "Titus County", "Warrant Service Officer",
                        LocalDate.of(2502, 3, 4), "link")));
        List<SheetRow> rows = read(file).stream().map(SheetRow.class::cast).collect(Collectors.toList());
        assertThat(rows).extracting(SheetRow::signedOn).containsExactly(
                LocalDate.of(2025, 5, 8), LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 4));
        assertThat(rows).extracting(SheetRow::repair).containsExactly(
                SignedDateRule.MISSING_SEPARATOR, SignedDateRule.EXTRA_YEAR_DIGIT, SignedDateRule.YEAR_DIGITS_TRANSPOSED);
        assertThat(rows).extracting(SheetRow::signedRaw).startsWith("05/082025", "3/4/20255");
    }

    @Test
    void blankFormattedRowsAreSkippedAndRowNumbersAreExcels() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(TestWorkbooks.HEADER);
        rows.add(Arrays.asList(null, null, null));
        rows.add(row("MAINE", "Wells Police Department", "Municipality", NA, "Task Force Model", 45700, "link"));
        rows.add(Arrays.asList("", " ", null, ""));
        for (int i = 0; i < 300; i++) {
            rows.add(Arrays.asList("", "", "", "", "", "", ""));
        }
        Path file = TestWorkbooks.write(dir.resolve("sheet.xlsx"), rows);
        try (IceSheet<SheetLine> sheet = IceSheetReader.participating(file, PUBLISHED)) {
            assertThat(sheet.estimatedRows()).hasValue(303);
            List<SheetLine> lines = sheet.stream().collect(Collectors.toList());
            assertThat(lines).singleElement().extracting(SheetLine::sheetRow).isEqualTo(3);
        }
    }

    @Test
    void pendingSheetsHaveNoDates() {
        Path file = TestWorkbooks.write(dir.resolve("pendingAgencies06062025am.xlsx"), List.of(
                List.of("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE"),
                List.of("WYOMING", "Laramie County Sheriff’s Office", "County", "Laramie County", "Warrant Service Officer"),
                List.of("WYOMING", "Laramie County Sheriff’s Office", "County", "Laramie County", "Task Force Model"),
                List.of("ATLANTIS", "Atlantis Police Department", "Municipality", "", "Task Force Model")));
        try (IceSheet<PendingLine> sheet = IceSheetReader.pending(file)) {
            List<PendingLine> lines = sheet.stream().collect(Collectors.toList());
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).isEqualTo(new PendingRow(2, UsState.WY, "Laramie County Sheriff’s Office",
                    "County", "Laramie County", SupportModel.WSO, List.of()));
            assertThat(((PendingRow) lines.get(1)).model()).isEqualTo(SupportModel.TFM);
            assertThat(((PendingRow) lines.get(1)).agencyId()).isEqualTo("WY-laramie-county-sheriffs-office");
            assertThat(lines.get(2)).isInstanceOfSatisfying(RowProblem.class,
                    p -> assertThat(p.column()).isEqualTo("STATE"));
        }
    }

    @Test
    void csvWithTheSameHeaderReadsTheSame() throws IOException {
        Path csv = dir.resolve("participatingAgencies06062025am.csv");
        Files.writeString(csv, "\ufeffSTATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE,SIGNED,MOA\r\n"
                + "ALABAMA,Colbert County Sheriff's Office,County,Colbert County,Jail Enforcement Model,5/8/2025," + MOA + "\r\n"
                + "\r\n"
                + "TEXAS,\"Sheriff's Office, Nueces County\",County,#N/A,Warrant Service Officer,45785,link pending\r\n"
                + "VIRGINIA,Campbell County Sheriff's Office,County,Campbell County,Task Force Model,05/082025,link pending\r\n"
                + ",,,,,,\r\n"
                + "OHIO,Butler County Sheriff's Office,County,Butler County,Jail,5/8/2025,link\r\n",
                StandardCharsets.UTF_8);
        try (IceSheet<SheetLine> sheet = IceSheetReader.participating(csv, PUBLISHED)) {
            assertThat(sheet.estimatedRows()).hasValue(6);
            List<SheetLine> lines = sheet.stream().collect(Collectors.toList());
            assertThat(lines).extracting(SheetLine::sheetRow).containsExactly(2, 4, 5, 7);
            SheetRow colbert = (SheetRow) lines.get(0);
            assertThat(colbert.state()).isEqualTo(UsState.AL);
            assertThat(colbert.signedOn()).isEqualTo(LocalDate.of(2025, 5, 8));
            assertThat(colbert.moaLink()).isEqualTo(MOA);
            SheetRow nueces = (SheetRow) lines.get(1);
            assertThat(nueces.agencyName()).isEqualTo("Sheriff's Office, Nueces County");
            assertThat(nueces.signedRule()).isEqualTo(SignedDateRule.EXCEL_SERIAL_TEXT);
            assertThat(nueces.county()).as("in CSV #N/A is just text").isEqualTo("#N/A");
            assertThat(((SheetRow) lines.get(2)).repair()).isEqualTo(SignedDateRule.MISSING_SEPARATOR);
            assertThat(lines.get(3)).isInstanceOf(RowProblem.class);
        }
    }

    @Test
    void csvMissingAColumnIsRefused() throws IOException {
        Path csv = dir.resolve("sheet.csv");
        Files.writeString(csv, "STATE,AGENCY,SUPPORT TYPE\nOHIO,Butler County Sheriff's Office,Task Force Model\n");
        assertThatThrownBy(() -> IceSheetReader.participating(csv, PUBLISHED))
                .isInstanceOf(SheetRefusedException.class)
                .hasMessageStartingWith("LAW ENFORCEMENT AGENCY: required column missing from the header (row 1);"
                        + " missing LAW ENFORCEMENT AGENCY, SIGNED");
    }

    private List<SheetLine> read(Path file) {
        try (IceSheet<SheetLine> sheet = IceSheetReader.participating(file, PUBLISHED)) {
            return sheet.stream().collect(Collectors.toList());
        }
    }

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }
}
