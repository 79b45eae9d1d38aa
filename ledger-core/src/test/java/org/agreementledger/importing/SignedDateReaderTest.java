package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignedDateReaderTest {

    /** ICE's 2025-06-06 morning sheet, the last in shared/. */
    private static final LocalDate PUBLISHED = LocalDate.of(2025, 6, 6);
    private static final LocalDate MAY_8 = LocalDate.of(2025, 5, 8);

    private final SignedDateReader reader = new SignedDateReader(PUBLISHED);

    @Test
    void excelSerialIsTheUsualForm() {
        assertRead(reader.fromSerial(45785, "45785"), "45785", MAY_8, SignedDateRule.EXCEL_SERIAL);
        // a time of day in the serial does not move the date
        assertRead(reader.fromSerial(45785.75, "45785.75"), "45785.75", MAY_8, SignedDateRule.EXCEL_SERIAL);
    }

    @Test
    void excelSerialIn1904SystemWorkbooks() {
        SignedDateReader mac = new SignedDateReader(PUBLISHED, true);
        // the two systems are 1462 days apart
        assertRead(mac.fromSerial(45785 - 1462, "44323"), "44323", MAY_8, SignedDateRule.EXCEL_SERIAL);
    }

    @Test
    void excelSerialSavedAsText() {
        assertRead(reader.fromText("45785"), "45785", MAY_8, SignedDateRule.EXCEL_SERIAL_TEXT);
    }

    @ParameterizedTest
    @CsvSource({"5/8/2025", "05/08/2025", "5-8-2025", "5.8.2025", "' 5/8/2025 '", "5/8/2025 0:00", "5/8/2025 12:00:00 AM"})
    void usDates(String raw) {
        assertRead(reader.fromText(raw), raw, MAY_8, SignedDateRule.US_DATE);
    }

    @Test
    void usDatesWithTwoDigitYears() {
        assertRead(reader.fromText("05/08/25"), "05/08/25", MAY_8, SignedDateRule.US_DATE_SHORT_YEAR);
        // 2099 would be after publication, so the century is the last one
        assertRead(reader.fromText("12/1/99"), "12/1/99", LocalDate.of(1999, 12, 1), SignedDateRule.US_DATE_SHORT_YEAR);
    }

    @ParameterizedTest
    @CsvSource({"2025-05-08", "2025-5-8", "2025-05-08 00:00:00", "2025-05-08T00:00"})
    void isoDates(String raw) {
        assertRead(reader.fromText(raw), raw, MAY_8, SignedDateRule.ISO_DATE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "May 8, 2025; 2025-05-08",
        "May 8 2025; 2025-05-08",
        "may 8th, 2025; 2025-05-08",
        "Sept. 8, 2024; 2024-09-08",
        "Sep 8 2024; 2024-09-08",
        "8 May 2025; 2025-05-08",
        "8-May-25; 2025-05-08",
        "8-May-2025; 2025-05-08",
        "January 15, 2025; 2025-01-15"})
    void monthNames(String raw, LocalDate expected) {
        assertRead(reader.fromText(raw), raw, expected, SignedDateRule.MONTH_NAME);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "05/082025; 2025-05-08",   // ICE's own typo: Campbell County Sheriff's Office, VA, TFM, every sheet
        "1/152025; 2025-01-15",
        "5/82025; 2025-05-08",
        "0508/2025; 2025-05-08",
        "05082025; 2025-05-08",
        "5082025; 2025-05-08"})    // 5/08 or 50/8: only one is a date
    void missingSeparatorIsRepaired(String raw, LocalDate expected) {
        SignedDate signed = reader.fromText(raw);
        assertRead(signed, raw, expected, SignedDateRule.MISSING_SEPARATOR);
        assertThat(signed.repair()).isEqualTo(SignedDateRule.MISSING_SEPARATOR);
    }

    @Test
    void missingSeparatorThatSplitsTwoWaysStaysUndated() {
        // 1/12/2024 or 11/2/2024: both plausible, so neither is taken
        SignedDate signed = reader.fromText("1122024");
        assertUndated(signed, "1122024");
        assertThat(signed.note()).contains("2024-01-12", "2024-11-02");
    }

    @ParameterizedTest
    @CsvSource({"5/8/20255", "5/8/22025", "5/8/20525", "'May 8, 20255'"})
    void extraYearDigitIsRepaired(String raw) {
        SignedDate signed = reader.fromText(raw);
        assertRead(signed, raw, MAY_8, SignedDateRule.EXTRA_YEAR_DIGIT);
        assertThat(signed.repair()).isEqualTo(SignedDateRule.EXTRA_YEAR_DIGIT);
    }

    @Test
    void extraYearDigitWithSeveralPlausibleYearsStaysUndated() {
        // 2015, 2021 and 2025 can all be had by dropping one digit of 20215
        assertUndated(reader.fromText("5/8/20215"), "5/8/20215");
        // 2002, 2005 and 2025 from 20025: all after 1996, so all plausible
        assertThat(reader.fromText("5/8/20025").note()).contains("2002-05-08", "2005-05-08", "2025-05-08");
    }

    @ParameterizedTest
    @CsvSource({"5/8/2205", "5/8/2502", "5/8/2052", "2205-05-08"})
    void impossibleYearWhoseDigitsRearrangeIntoOnePlausibleYearIsRepaired(String raw) {
        assertRead(reader.fromText(raw), raw, MAY_8, SignedDateRule.YEAR_DIGITS_TRANSPOSED);
    }

    @Test
    void impossibleYearInAnExcelSerialIsRepairedToo() {
        long serial = ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), LocalDate.of(2205, 5, 8));
        assertRead(reader.fromSerial(serial, String.valueOf(serial)), String.valueOf(serial), MAY_8,
                SignedDateRule.YEAR_DIGITS_TRANSPOSED);
    }

    @Test
    void dayWrittenFirstIsRepaired() {
        assertRead(reader.fromText("13/5/2025"), "13/5/2025", LocalDate.of(2025, 5, 13), SignedDateRule.MONTH_DAY_SWAPPED);
    }

    @Test
    void aRepairMustLandOnOrBeforeThePublicationDate() {
        SignedDateReader may1 = new SignedDateReader(LocalDate.of(2025, 5, 1));
        assertUndated(may1.fromText("5/8/2205"), "5/8/2205");
        assertUndated(may1.fromText("05/082025"), "05/082025");
    }

    @Test
    void datesAfterPublicationOrBefore287gAreUndated() {
        SignedDate future = reader.fromText("6/30/2025");
        assertUndated(future, "6/30/2025");
        assertThat(future.note()).contains("after the publication date 2025-06-06");
        SignedDate early = reader.fromText("1/1/1990");
        assertUndated(early, "1/1/1990");
        assertThat(early.note()).contains("before 1996-09-30");
        assertUndated(reader.fromSerial(20255, "20255"), "20255");
    }

    @ParameterizedTest
    @CsvSource({"link pending", "TBD", "2/30/2025", "13/13/2025", "5/8", "5/8/202", "''", "' '"})
    void unreadableDatesAreUndatedNeverDropped(String raw) {
        assertUndated(reader.fromText(raw), raw);
    }

    @Test
    void theBoundsArePlausible() {
        assertRead(reader.fromText("9/30/1996"), "9/30/1996", SignedDateReader.SECTION_287G_ENACTED, SignedDateRule.US_DATE);
        assertRead(reader.fromText("6/6/2025"), "6/6/2025", PUBLISHED, SignedDateRule.US_DATE);
    }

    /** Any plausible date Excel or a person writes plainly is read back unchanged, without a repair. */
    @Property(tries = 300)
    void plainDatesAreNeverRepaired(@ForAll @IntRange(min = 0, max = 10475) int daysAfterEnactment) {
        LocalDate date = SignedDateReader.SECTION_287G_ENACTED.plusDays(daysAfterEnactment);
        long serial = ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), date);
        assertRead(reader.fromSerial(serial, String.valueOf(serial)), String.valueOf(serial), date, SignedDateRule.EXCEL_SERIAL);
        String us = date.format(DateTimeFormatter.ofPattern("M/d/yyyy"));
        assertRead(reader.fromText(us), us, date, SignedDateRule.US_DATE);
        String iso = date.toString();
        assertRead(reader.fromText(iso), iso, date, SignedDateRule.ISO_DATE);
    }

    private static void assertRead(SignedDate signed, String raw, LocalDate date, SignedDateRule rule) {
        assertThat(signed.raw()).isEqualTo(raw);
        assertThat(signed.date()).as("date read from '%s' (%s)", raw, signed.note()).isEqualTo(date);
        assertThat(signed.rule()).isEqualTo(rule);
        assertThat(signed.undated()).isFalse();
        assertThat(signed.repair()).isEqualTo(rule.repair() ? rule : null);
    }

    private static void assertUndated(SignedDate signed, String raw) {
        assertThat(signed.raw()).isEqualTo(raw);
        assertThat(signed.undated()).as("undated: %s", signed).isTrue();
        assertThat(signed.date()).isNull();
        assertThat(signed.rule()).isNull();
        assertThat(signed.note()).isNotBlank();
    }
}
