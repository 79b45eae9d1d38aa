package org.agreementledger.cli;

import static org.agreementledger.cli.CommandLineRuns.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agreementledger.cli.CommandLineRuns.Run;
import org.agreementledger.importing.TestWorkbooks;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists held for review, in process, on a ledger of their own: a truncated list, a list with an
 * unreadable row and one without SIGNED are held whole; {@code bin/ledger publications} lists them, and
 * an archivist rejects or releases them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicationReviewCliTest extends CommandLineLedgerTest {

    @TempDir
    static Path dir;

    private static Path manifest(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    /** Rows of a made-up list: agencies 0 to n-1 of Ohio, each a Task Force agreement signed the same day. */
    private static Path list(String name, int first, int last) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(TestWorkbooks.HEADER);
        for (int i = first; i < last; i++) {
            rows.add(List.of("OHIO", "Review Township " + i + " Police Department", "Municipality", "Review County",
                    "Task Force Model", "2025-04-01", "link"));
        }
        return TestWorkbooks.write(dir.resolve(name), rows);
    }

    @Test
    @Order(1)
    void aTruncatedListIsHeldAndAnArchivistRejectsOrReleasesIt() throws Exception {
        Path full = list("participatingAgencies06012025am.xlsx", 0, 100);
        assertThat(ledger("import", full.toString()).exitCode()).isZero();
        long inForce = count("select count(*) from current_agreement where in_force");

        Path truncated = list("participatingAgencies06022025am.xlsx", 0, 30);
        long before = events();
        Run held = ledger("import", truncated.toString());
        assertThat(held.exitCode()).isEqualTo(1);
        assertThat(held.out()).contains("HELD").contains("held for review, because: it would withdraw 70 of the ")
                .contains("events it would have appended 70");
        assertThat(events()).isEqualTo(before + 1); // its record, and no agreement changed
        assertThat(count("select count(*) from current_agreement where in_force")).isEqualTo(inForce);

        Run listed = ledger("publications");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).containsPattern("2025-06-02 +am +held +[0-9a-f]{12} +participatingAgencies06022025am");

        String sha = org.agreementledger.importing.Publication.of(truncated).sha256();
        Run wrongFile = ledger("publications", "release", sha.substring(0, 12), "--reason", "checked", "--file",
                full.toString());
        assertThat(wrongFile.exitCode()).isEqualTo(2);
        assertThat(wrongFile.err()).contains("is not the held list");
        Run noReason = ledger("publications", "reject", sha.substring(0, 12));
        assertThat(noReason.exitCode()).isEqualTo(2);

        Run rejected = ledger("publications", "reject", sha.substring(0, 12), "--reason", "ICE posted half a list");
        assertThat(rejected.exitCode()).as(rejected.err()).isZero();
        assertThat(ledger("publications").out()).contains("rejected").contains("ICE posted half a list");
        Run rejectAgain = ledger("publications", "reject", sha.substring(0, 12), "--reason", "again");
        assertThat(rejectAgain.exitCode()).isEqualTo(2);
        assertThat(rejectAgain.err()).contains("is rejected, not held for review");

        Path secondTruncated = list("participatingAgencies06032025am.xlsx", 0, 40);
        assertThat(ledger("import", secondTruncated.toString()).out()).contains("HELD");
        String secondSha = org.agreementledger.importing.Publication.of(secondTruncated).sha256();
        Run released = ledger("publications", "release", secondSha.substring(0, 12), "--reason",
                "ICE confirmed the withdrawals", "--file", secondTruncated.toString());
        assertThat(released.exitCode()).as(released.err()).isZero();
        assertThat(released.out()).contains("IMPORTED");
        assertThat(count("select count(*) from current_agreement where in_force")).isEqualTo(inForce - 60);
        assertThat(ledger("publications").out()).contains("released").contains("ICE confirmed the withdrawals");
    }

    @Test
    @Order(2)
    void aListWithAnUnreadableRowOrWithoutSignedIsHeldWhole() throws Exception {
        long inForce = count("select count(*) from current_agreement where in_force");
        List<List<Object>> rows = new ArrayList<>();
        rows.add(TestWorkbooks.HEADER);
        rows.add(List.of("GONDOR", "Minas Tirith Guard", "State Agency", "", "Task Force Model", "2025-04-01", "link"));
        for (int i = 0; i < 40; i++) {
            rows.add(List.of("OHIO", "Review Township " + i + " Police Department", "Municipality", "Review County",
                    "Task Force Model", "2025-04-01", "link"));
        }
        Path unreadable = TestWorkbooks.write(dir.resolve("participatingAgencies06042025am.xlsx"), rows);
        Run held = ledger("import", unreadable.toString());
        assertThat(held.exitCode()).isEqualTo(1);
        assertThat(held.out()).contains("held for review, because: row 2, STATE 'GONDOR': unknown state");

        Path noSigned = TestWorkbooks.write(dir.resolve("participatingAgencies06052025am.xlsx"), List.of(
                List.of("STATE", "LAW ENFORCEMENT AGENCY", "SUPPORT TYPE"),
                List.of("OHIO", "Review Township 1 Police Department", "Task Force Model")));
        Run heldToo = ledger("import", noSigned.toString());
        assertThat(heldToo.exitCode()).isEqualTo(1);
        assertThat(heldToo.out()).contains("held for review, because: it has no SIGNED column");
        assertThat(count("select count(*) from current_agreement where in_force")).isEqualTo(inForce);
    }
}
