package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.agreementledger.api.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicationDatesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @TempDir
    Path dir;

    private Path list(String name, LocalDate... signed) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(TestWorkbooks.HEADER);
        for (int i = 0; i < signed.length; i++) {
            rows.add(List.of("OHIO", "Dates Township " + i + " Police Department", "Municipality", "Dates County",
                    "Task Force Model", signed[i], "link"));
        }
        return TestWorkbooks.write(dir.resolve(name), rows);
    }

    private static PublicationDates.Checked check(Path file, LocalDate latestApplied) {
        return PublicationDates.check(Publication.of(file), file, latestApplied, TODAY);
    }

    @Test
    void aNameTheRowsDoNotContradictIsTaken() {
        Path file = list("participatingAgencies05162025am.xlsx", LocalDate.of(2025, 5, 8), LocalDate.of(2025, 5, 16));
        PublicationDates.Checked checked = check(file, null);
        assertThat(checked.publication().publishedOn()).isEqualTo(LocalDate.of(2025, 5, 16));
        assertThat(checked.repair()).isNull();
    }

    @Test
    void aNameAYearEarlyIsRepairedWhenExactlyOneLaterYearFits() {
        Path file = list("participatingAgencies01052025pm.xlsx", LocalDate.of(2024, 3, 1), LocalDate.of(2025, 12, 18),
                LocalDate.of(2025, 6, 2));
        PublicationDates.Checked checked = check(file, LocalDate.of(2025, 12, 29));
        assertThat(checked.publication().publishedOn()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(checked.publication().dated()).isEqualTo(Publication.Dated.FILE_NAME_REPAIRED);
        assertThat(checked.publication().edition()).isEqualTo(Edition.PM);
        assertThat(checked.repair().column()).isEqualTo("publishedOn");
        assertThat(checked.repair().note()).contains("says 2025-01-05, but row 3 (Dates Township 1 Police Department)"
                + " is signed 2025-12-18, after it, as is one other row; read as 2026-01-05 by rule NAME_YEAR");
    }

    @Test
    void aContradictedNameIsRefusedNamingTheRowAndBothDates() {
        // a lone row after the name is likelier a typo in its SIGNED than a wrong name
        Path lone = list("participatingAgencies05162025am.xlsx", LocalDate.of(2025, 5, 8), LocalDate.of(2026, 5, 8));
        assertThatThrownBy(() -> check(lone, null)).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("publishedOn: the file name says 2025-05-16, but row 3 (Dates Township 1 Police"
                        + " Department) is signed 2026-05-08, after it; give the publication date explicitly");
        // no later year that is not before the latest list applied, and not after today
        Path late = list("participatingAgencies01052025pm.xlsx", LocalDate.of(2025, 12, 18), LocalDate.of(2025, 12, 1));
        assertThatThrownBy(() -> check(late, LocalDate.of(2026, 2, 27))).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("signed 2025-12-18, after it, as is one other row");
        // a capture's timestamp is not repaired
        Path capture = list("participatingAgencies-20250221214937.xlsx", LocalDate.of(2025, 3, 1),
                LocalDate.of(2025, 3, 2));
        assertThatThrownBy(() -> check(capture, null)).hasMessageContaining("the file name's capture timestamp says"
                + " 2025-02-21");
    }

    @Test
    void aNameDatedAfterTodayHasItsYearRepairedTheOtherWayOrIsRefused() {
        Path file = list("participatingAgencies12292026am.xlsx", LocalDate.of(2025, 12, 18), LocalDate.of(2024, 2, 1));
        PublicationDates.Checked checked = check(file, LocalDate.of(2025, 12, 12));
        assertThat(checked.publication().publishedOn()).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(checked.repair().note()).contains("says 2026-12-29, after today (2026-12-03); read as 2025-12-29"
                + " by rule NAME_YEAR");
        // the list before it in the ledger is later than any earlier year could make it
        assertThatThrownBy(() -> check(file, LocalDate.of(2026, 2, 27))).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("after today");
    }

    @Test
    void aHeaderTypoIsReadByRuleAndATitleAboveTheHeaderIsSkipped() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("287(g) Participating Agencies"));
        rows.add(List.of("STATE", "LAW ENFORCMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TPYE", "SIGNED", "MOA"));
        rows.add(List.of("OHIO", "Dates Township Police Department", "Municipality", "Dates County",
                "Task Force Model", LocalDate.of(2025, 4, 1), "link"));
        Path file = TestWorkbooks.write(dir.resolve("participatingAgencies05162025am.xlsx"), rows);
        try (IceSheet<SheetLine> sheet = IceSheetReader.participating(file, LocalDate.of(2025, 5, 16))) {
            assertThat(sheet.headerRow()).isEqualTo(2);
            assertThat(sheet.headerRepairs()).extracting(CellRepair::column)
                    .containsExactly("LAW ENFORCEMENT AGENCY", "SUPPORT TYPE");
            assertThat(sheet.next()).isInstanceOfSatisfying(SheetRow.class,
                    row -> assertThat(row.agencyName()).isEqualTo("Dates Township Police Department"));
        }
    }

    @Test
    void anExplicitDateIsNotChecked() {
        Path file = list("participatingAgencies01052025pm.xlsx", LocalDate.of(2025, 12, 18), LocalDate.of(2025, 12, 1));
        Publication given = Publication.of(file, LocalDate.of(2026, 1, 5), null);
        assertThat(PublicationDates.check(given, file, null, TODAY).publication()).isSameAs(given);
    }
}
