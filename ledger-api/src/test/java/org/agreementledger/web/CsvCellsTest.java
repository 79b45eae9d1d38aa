package org.agreementledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Agency names that would run as formulas in a spreadsheet are written as text. */
class CsvCellsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "=HYPERLINK(\"http://evil.example\",\"x\")|'=HYPERLINK(\"http://evil.example\",\"x\")",
            "~+cmd|' /C calc'!A0~|~'+cmd|' /C calc'!A0~",
            "-2+3|'-2+3",
            "@SUM(A1:A9)|'@SUM(A1:A9)",
            "Colbert County Sheriff's Office|Colbert County Sheriff's Office",
            "a=b|a=b"})
    void formulaStartsAreNeutralised(String raw, String written) {
        assertThat(CsvCells.neutralise(raw)).isEqualTo(written);
    }

    @Test
    void tabAndCarriageReturnStartsAreNeutralisedToo() {
        assertThat(CsvCells.neutralise("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(CsvCells.neutralise("\r=1+1")).isEqualTo("'\r=1+1");
        assertThat(CsvCells.neutralise("")).isEmpty();
        assertThat(CsvCells.neutralise(null)).isEmpty();
    }

    @Test
    void aLineQuotesAsRfc4180AndLeavesNumbersAndDatesAlone() {
        assertThat(CsvCells.line("AL", "=1+2, \"quoted\"", -3, LocalDate.of(2025, 1, 2), null, "line\nbreak"))
                .isEqualTo("AL,\"'=1+2, \"\"quoted\"\"\",-3,2025-01-02,,\"line\nbreak\"\r\n");
        assertThat(CsvCells.line("-\"x\"")).isEqualTo("\"'-\"\"x\"\"\"\r\n");
        StringBuilder out = new StringBuilder();
        CsvCells.write(out, "@x", 1);
        assertThat(out).hasToString("'@x,1\r\n");
    }
}
