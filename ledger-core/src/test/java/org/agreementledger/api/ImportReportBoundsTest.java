package org.agreementledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agreementledger.api.ImportReport.RowNote;
import org.junit.jupiter.api.Test;

/** An import report is stored whole, so it never holds unbounded text, however hostile the sheet. */
class ImportReportBoundsTest {

    @Test
    void aHugeCellKeepsItsBeginningAndItsEndAndANoteItsRule() {
        RowNote note = new RowNote(7, "STATE", "ZZ" + "x".repeat(100_000) + "END",
                "the agreement listed before as '" + "y".repeat(50_000) + "', its name corrected; rule TYPO");

        assertThat(note.raw()).hasSize(RowNote.MAX_RAW).startsWith("ZZxxx").endsWith("xxEND").contains("…");
        assertThat(note.note()).hasSizeLessThanOrEqualTo(RowNote.MAX_NOTE).endsWith("; rule TYPO");
        assertThat(new RowNote(note.sheetRow(), note.column(), note.raw(), note.note())).as("applied again")
                .isEqualTo(note);
        RowNote real = new RowNote(12, "STATE", "PENNSLYVANIA", "read as Pennsylvania by rule STATE_SPELLING");
        assertThat(new RowNote(12, "STATE", "PENNSLYVANIA", "read as Pennsylvania by rule STATE_SPELLING"))
                .isEqualTo(real).extracting(RowNote::raw).isEqualTo("PENNSLYVANIA");
    }

    @Test
    void neverHalfASurrogatePair() {
        String emoji = "\uD83D\uDE00"; // one character, two chars
        for (int shift = 0; shift < 2; shift++) {
            String raw = "a".repeat(shift) + emoji.repeat(10_000);
            String kept = new RowNote(1, "STATE", raw, "").raw();
            for (int i = 0; i < kept.length(); i++) {
                char c = kept.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    assertThat(Character.isLowSurrogate(kept.charAt(i + 1))).as("pair at %d", i).isTrue();
                } else if (Character.isLowSurrogate(c)) {
                    assertThat(Character.isHighSurrogate(kept.charAt(i - 1))).as("pair at %d", i).isTrue();
                }
            }
        }
    }

    @Test
    void aListKeepsItsFirstNotesAndSaysHowManyMore() {
        List<RowNote> rejected = new ArrayList<>();
        for (int row = 2; row < 50_002; row++) {
            rejected.add(new RowNote(row, "STATE", "ZZ", "unknown state 'ZZ'; no spelling rule reads it"));
        }
        ImportReport report = new ImportReport("f.xlsx", "a".repeat(64), LocalDate.of(2025, 6, 6), null,
                "PARTICIPATING", ImportReport.HELD, 50_000, 0, 0, Map.of(), List.of(), List.of(), rejected,
                List.of(), "x".repeat(10_000));

        assertThat(report.rejected()).hasSize(ImportReport.MAX_NOTES + 1);
        assertThat(report.rejected().subList(0, ImportReport.MAX_NOTES)).isEqualTo(rejected.subList(0, ImportReport.MAX_NOTES));
        assertThat(report.rejected().get(ImportReport.MAX_NOTES)).satisfies(more -> {
            assertThat(more.sheetRow()).isEqualTo(ImportReport.MAX_NOTES + 2);
            assertThat(more.note()).isEqualTo("and 49,000 more rows from this one on, not listed: a report lists at"
                    + " most 1,000 of a kind");
        });
        assertThat(report.reason()).hasSizeLessThanOrEqualTo(Fields.MAX_TEXT);
        ImportReport again = new ImportReport(report.fileName(), report.sha256(), report.publishedOn(), null,
                report.kind(), report.outcome(), report.rowsRead(), 0, 0, Map.of(), report.repaired(),
                report.flagged(), report.rejected(), report.duplicates(), report.reason());
        assertThat(again).as("a stored report read back").isEqualTo(report);
    }
}
