package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.agreementledger.agreement.app.AgreementHistory;
import org.agreementledger.agreement.app.HistoryEntry;
import org.agreementledger.api.ImportReport;
import org.agreementledger.importing.TestWorkbooks;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The changes ICE's ten real lists happen not to contain, in small made-up lists: a model change,
 * a corrected signing date, an agreement that vanishes and comes back, a repeated row, an
 * unreadable date. After each list the agreements in force are exactly those it lists.
 */
@TestPropertySource(properties = "ledger.test.ledger=publication-changes")
class PublicationChangesTest extends LedgerIntegrationTest {

    @Autowired
    PublicationImporter importer;
    @Autowired
    AgreementHistory history;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dir;

    private static List<Object> row(String agency, String model, Object signed) {
        return List.of("OHIO", agency, "County", "Butler", model, signed, "link");
    }

    private ImportReport publish(String date, List<List<Object>> rows) {
        List<List<Object>> sheet = new ArrayList<>();
        sheet.add(TestWorkbooks.HEADER);
        sheet.addAll(rows);
        String name = "participatingAgencies" + date + "am.xlsx";
        Path file = TestWorkbooks.write(dir.resolve(name), sheet);
        return importer.importFile(file, name, null, Progress.NONE);
    }

    private Set<String> inForce() {
        return new TreeSet<>(jdbc.queryForList("select agreement_id from current_agreement where in_force", String.class));
    }

    private List<String> eventsOf(String agreementId) {
        return history.of(agreementId).stream().map(HistoryEntry::type).toList();
    }

    @Test
    void changesBetweenListsBecomeTheRightEvents() {
        String alpha = "OH-alpha-county-sheriffs-office#JEM#2025-01-10";
        String beta = "OH-beta-county-sheriffs-office#TFM#2025-02-01";
        String gamma = "OH-gamma-police-department#WSO#2025-03-01";
        String delta = "OH-delta-county-sheriffs-office#TFM#2025-03-05";

        ImportReport first = publish("05012025", List.of(
                row("Alpha County Sheriff's Office", "Jail Enforcement Model", LocalDate.of(2025, 1, 10)),
                row("Beta County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 2, 1)),
                row("Gamma Police Department", "Warrant Service Officer", LocalDate.of(2025, 3, 1)),
                row("Delta County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 3, 5)),
                row("Delta County Sheriff’s Office", "Task Force Model", LocalDate.of(2025, 3, 5))));
        assertThat(first.duplicates()).singleElement()
                .satisfies(note -> assertThat(note.note()).contains("repeats row 5"));
        assertThat(first.agreementsListed()).isEqualTo(4);
        assertThat(inForce()).containsExactlyInAnyOrder(alpha, beta, gamma, delta);

        ImportReport second = publish("05022025", List.of(
                row("Alpha County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 1, 10)),
                row("Beta County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 2, 2)),
                row("Delta County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 3, 5))));
        assertThat(second.eventsByKind()).containsEntry("SupportModelChanged", 1)
                .containsEntry("AgreementCorrected", 1).containsEntry("AgreementWithdrawn", 1)
                .containsEntry("AgreementSigned", 0);
        assertThat(inForce()).containsExactlyInAnyOrder(alpha, beta, delta);
        assertThat(jdbc.queryForObject("select model from current_agreement where agreement_id = ?", String.class, alpha))
                .isEqualTo("TFM");
        assertThat(jdbc.queryForObject("select signed_on from current_agreement where agreement_id = ?",
                LocalDate.class, beta)).isEqualTo(LocalDate.of(2025, 2, 2));

        ImportReport third = publish("05032025", List.of(
                row("Alpha County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 1, 10)),
                row("Beta County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 2, 2)),
                row("Gamma Police Department", "Warrant Service Officer", LocalDate.of(2025, 3, 1)),
                row("Delta County Sheriff's Office", "Task Force Model", "sometime in March")));
        assertThat(third.eventsByKind()).containsEntry("AgreementReinstated", 1).containsEntry("AgreementSigned", 0)
                .containsEntry("AgreementWithdrawn", 0);
        assertThat(third.flagged()).singleElement().satisfies(note -> assertThat(note.raw()).isEqualTo("sometime in March"));
        assertThat(inForce()).containsExactlyInAnyOrder(alpha, beta, gamma, delta);

        ImportReport fourth = publish("05042025", List.of(
                row("Alpha County Sheriff's Office", "Task Force Model", LocalDate.of(2025, 1, 10)),
                row("Epsilon City Police Department", "Warrant Service Officer", "not a date")));
        assertThat(fourth.eventsByKind()).containsEntry("AgreementSigned", 1).containsEntry("AgreementWithdrawn", 3);
        String epsilon = "OH-epsilon-city-police-department#WSO#undated";
        assertThat(inForce()).containsExactlyInAnyOrder(alpha, epsilon);
        assertThat(history.of(epsilon).get(0).effectiveOn()).isEqualTo(LocalDate.of(2025, 5, 4));

        assertThat(eventsOf(alpha)).containsExactly("AgreementSigned", "SupportModelChanged");
        assertThat(eventsOf(beta)).containsExactly("AgreementSigned", "AgreementCorrected", "AgreementWithdrawn");
        assertThat(eventsOf(gamma)).containsExactly("AgreementSigned", "AgreementWithdrawn", "AgreementReinstated",
                "AgreementWithdrawn");
        assertThat(jdbc.queryForObject("select count(*) from current_agreement where agency_id = ?", Long.class,
                "OH-gamma-police-department")).as("no duplicate agreement for the one that came back").isEqualTo(1);
    }
}
