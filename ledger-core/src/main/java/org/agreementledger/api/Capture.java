package org.agreementledger.api;

import java.time.Instant;

/**
 * A copy of a source that an archive captured, rather than one fetched from its publisher when it
 * was posted: when and by whom the capture was made, and who extracted from it what the ledger read
 * (ICE's 287(g) web page showed a table, which someone turned into a workbook), and when.
 *
 * @param capturedAt   the capture's instant (the Wayback Machine's timestamp, UTC)
 * @param capturedBy   the archive that made it ({@value #WAYBACK_MACHINE})
 * @param webPageTable true for the table on ICE's web page (ICE's form until February 2025),
 *                     extracted into a workbook; false for ICE's own spreadsheet as captured
 * @param extractedBy  who extracted the web page's table, if known
 * @param extractedAt  when they did, if known
 */
public record Capture(Instant capturedAt, String capturedBy, boolean webPageTable, String extractedBy,
                      Instant extractedAt) {

    public static final String WAYBACK_MACHINE = "Wayback Machine";

    public Capture {
        Fields.required("source.capture.capturedAt", capturedAt);
        capturedBy = Fields.required("source.capture.capturedBy", capturedBy);
        extractedBy = Fields.optional("source.capture.extractedBy", extractedBy);
    }

    /** A capture the Wayback Machine made. */
    public static Capture wayback(Instant capturedAt, boolean webPageTable, String extractedBy) {
        return new Capture(capturedAt, WAYBACK_MACHINE, webPageTable, extractedBy, null);
    }

    /** In words, for a source's title: "the table on ICE's 287(g) web page as the Wayback Machine captured it ...". */
    public String summary() {
        return webPageTable
                ? "the table on ICE's 287(g) web page as the " + capturedBy + " captured it at " + capturedAt
                        + ", extracted to a workbook by " + (extractedBy == null ? "a third party" : extractedBy)
                        + (extractedAt == null ? "" : " at " + extractedAt)
                : "ICE's spreadsheet as the " + capturedBy + " captured it at " + capturedAt;
    }
}
