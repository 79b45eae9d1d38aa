package org.agreementledger.watching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A list's date told three ways: ICE's file name, the server's Last-Modified, the fetch (or capture). */
class ThreeDatesTest {

    @Test
    void aNameWithinADayOfLastModifiedOrTheFetchStands() {
        assertThat(ThreeDates.of("participatingAgencies05162025am.xlsx", "Fri, 16 May 2025 23:30:00 GMT",
                Instant.parse("2025-06-30T00:00:00Z"), false).nameAgrees()).isTrue();
        assertThat(ThreeDates.of("participatingAgencies05162025am.xlsx", null,
                Instant.parse("2025-05-17T08:00:00Z"), false).nameAgrees()).isTrue();
    }

    @Test
    void icesWrongYearDisagreesWithBothAndItsRepairAgrees() {
        // participatingAgencies01052025pm.xlsx was posted on 2026-01-05
        ThreeDates dates = ThreeDates.of("participatingAgencies01052025pm.xlsx", "Mon, 05 Jan 2026 21:14:02 GMT",
                Instant.parse("2026-01-05T22:00:00Z"), false);

        assertThat(dates.nameAgrees()).isFalse();
        assertThat(dates.agrees(LocalDate.parse("2026-01-05"))).isTrue();
        assertThat(dates.describe()).isEqualTo("the file name says 2025-01-05, the server's Last-Modified 2026-01-05,"
                + " fetched 2026-01-05");
    }

    @Test
    void aWatchWithoutLastModifiedHasOnlyTheFetchToGoBy() {
        assertThat(ThreeDates.of("participatingAgencies05162025am.xlsx", "not a date",
                Instant.parse("2025-05-19T08:00:00Z"), false).nameAgrees()).isFalse();
    }

    @Test
    void aCaptureMayBeMadeDaysAfterThePostingButNotBefore() {
        assertThat(ThreeDates.of("participatingAgencies05162025am.xlsx", null,
                Instant.parse("2025-05-21T10:15:00Z"), true).nameAgrees()).isTrue();
        assertThat(ThreeDates.of("participatingAgencies05252025am.xlsx", null,
                Instant.parse("2025-05-21T10:15:00Z"), true).nameAgrees()).isFalse();
    }

    @Test
    void aNameCarryingACaptureTimestampMakesNoClaim() {
        assertThat(ThreeDates.of("participatingAgencies-20250221214937.xlsx", null,
                Instant.parse("2026-12-03T00:00:00Z"), false).nameAgrees()).isTrue();
    }
}
