package org.agreementledger.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What importing one publication did, row by row where a row needed a word: kept in the ledger
 * with the publication, printed to the archivist, answered over HTTP.
 *
 * @param outcome          {@code imported}, or {@code already imported} for the same bytes again
 * @param rowsRead         non-blank data rows
 * @param agreementsListed distinct agreements the publication lists
 * @param agenciesListed   distinct agencies among them
 * @param eventsByKind     events appended, by event type
 * @param repaired         rows whose SIGNED was read by a repair rule
 * @param flagged          rows whose SIGNED no rule could read: in force from this publication
 * @param rejected         rows that could not be read at all, with the reason
 * @param duplicates       rows listing an agreement an earlier row of the same sheet already listed
 */
public record ImportReport(String fileName, String sha256, LocalDate publishedOn, String edition, String kind,
                           String outcome, int rowsRead, int agreementsListed, int agenciesListed,
                           Map<String, Integer> eventsByKind, List<RowNote> repaired, List<RowNote> flagged,
                           List<RowNote> rejected, List<RowNote> duplicates) {

    public static final String IMPORTED = "imported";
    public static final String ALREADY_IMPORTED = "already imported";

    /** The same publication met again: nothing appended this time. */
    public ImportReport asAlreadyImported(String asFileName) {
        Map<String, Integer> none = new java.util.TreeMap<>();
        eventsByKind.keySet().forEach(kind -> none.put(kind, 0));
        return new ImportReport(asFileName, sha256, publishedOn, edition, kind, ALREADY_IMPORTED, rowsRead,
                agreementsListed, agenciesListed, none, repaired, flagged, rejected, duplicates);
    }

    public int eventsAppended() {
        return eventsByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One row worth a word: where it is, what it held, what was made of it. */
    public record RowNote(int sheetRow, String column, String raw, String note) {
    }
}
