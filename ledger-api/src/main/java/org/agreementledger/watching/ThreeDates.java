package org.agreementledger.watching;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.agreementledger.importing.Publication;

/**
 * A fetched list's publication date told three ways: ICE's file name, the server's
 * {@code Last-Modified}, and when it was fetched (for a Wayback capture, when the capture was made).
 * The name is ICE's claim; it stands when it is within a day of either of the other two. A capture
 * is made after the list was posted, often days after, so for a capture the name only has to be no
 * later than the day after the capture. A name that disagrees with both is handed to the file-name
 * rule of the import (PublicationDates: repaired by NAME_YEAR or refused) and, if that does not put
 * it within a day of them, the list is held for review: never dated by a guess.
 *
 * @param name         the day in ICE's file name, or null if it carries none (then there is no claim)
 * @param lastModified the day of the server's Last-Modified, or null if it sent none (or none readable)
 * @param fetched      the day it was fetched or captured (UTC)
 * @param capture      whether {@code fetched} is a Wayback capture's
 */
record ThreeDates(LocalDate name, LocalDate lastModified, LocalDate fetched, boolean capture) {

    /** What the server said and when: its Last-Modified header (or null), the instant of the fetch. */
    record Fetch(String lastModified, Instant at) {
    }

    static ThreeDates of(String fileName, String lastModifiedHeader, Instant fetchedAt, boolean capture) {
        Publication.NameDate inName = Publication.dateInName(fileName);
        // a name carrying a capture timestamp is dated by the capture itself, not by ICE
        LocalDate name = inName == null || inName.capturedAt() != null ? null : inName.date();
        return new ThreeDates(name, httpDate(lastModifiedHeader), fetchedAt.atZone(ZoneOffset.UTC).toLocalDate(),
                capture);
    }

    /** Whether the name's day is within a day of the server's Last-Modified or of the fetch. */
    boolean nameAgrees() {
        return name == null || agrees(name);
    }

    /** The same test for another day (the name's day once repaired). */
    boolean agrees(LocalDate day) {
        boolean withLastModified = lastModified != null && Math.abs(ChronoUnit.DAYS.between(day, lastModified)) <= 1;
        boolean withFetch = capture ? !day.isAfter(fetched.plusDays(1))
                : Math.abs(ChronoUnit.DAYS.between(day, fetched)) <= 1;
        return withLastModified || withFetch;
    }

    /** "the file name says 2025-01-05, Last-Modified 2026-01-05, fetched 2026-01-05" */
    String describe() {
        return "the file name says " + name + ", the server's Last-Modified " + (lastModified == null ? "(none)"
                : lastModified) + ", " + (capture ? "captured " : "fetched ") + fetched;
    }

    static LocalDate httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
