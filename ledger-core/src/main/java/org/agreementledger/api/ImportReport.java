package org.agreementledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What importing one publication did, row by row where a row needed a word: kept in the ledger
 * with the publication, printed to the archivist, answered over HTTP.
 *
 * @param outcome          {@code imported}; {@code already imported} for the same bytes of the same
 *                         day again; {@code held} for a list held for review (nothing applied);
 *                         {@code refused} for a file that could not be imported at all
 * @param rowsRead         non-blank data rows
 * @param agreementsListed distinct agreements the publication lists
 * @param agenciesListed   distinct agencies among them
 * @param eventsByKind     events appended, by event type (for a held list: those it would have appended)
 * @param repaired         rows read by a repair rule (SIGNED, STATE, SUPPORT TYPE), and a file name's
 *                         date repaired (row 0, column publishedOn)
 * @param flagged          rows whose SIGNED no rule could read: in force from this publication
 * @param rejected         rows that could not be read at all, with the reason
 * @param duplicates       rows listing an agreement an earlier row of the same sheet already listed
 * @param reason           why a list was held or a file refused; absent otherwise (and so absent from
 *                         the stored reports of applied publications, whose shape it leaves as it was)
 */
public record ImportReport(String fileName, String sha256, LocalDate publishedOn, String edition, String kind,
                           String outcome, int rowsRead, int agreementsListed, int agenciesListed,
                           Map<String, Integer> eventsByKind, List<RowNote> repaired, List<RowNote> flagged,
                           List<RowNote> rejected, List<RowNote> duplicates,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    /**
     * Notes a list keeps: ICE's lists have at most a few thousand rows, but a hostile sheet can make
     * a note of every row, and the report is stored whole (an event's payload, a jsonb column).
     */
    public static final int MAX_NOTES = 1000;

    public static final String IMPORTED = "imported";
    public static final String ALREADY_IMPORTED = "already imported";
    public static final String HELD = "held";
    public static final String REFUSED = "refused";

    /** A report never holds unbounded text: each list keeps its first notes, each note its text in part. */
    public ImportReport {
        repaired = RowNote.bounded(repaired);
        flagged = RowNote.bounded(flagged);
        rejected = RowNote.bounded(rejected);
        duplicates = RowNote.bounded(duplicates);
        reason = RowNote.shortened(reason, Fields.MAX_TEXT);
    }

    public ImportReport(String fileName, String sha256, LocalDate publishedOn, String edition, String kind,
                        String outcome, int rowsRead, int agreementsListed, int agenciesListed,
                        Map<String, Integer> eventsByKind, List<RowNote> repaired, List<RowNote> flagged,
                        List<RowNote> rejected, List<RowNote> duplicates) {
        this(fileName, sha256, publishedOn, edition, kind, outcome, rowsRead, agreementsListed, agenciesListed,
                eventsByKind, repaired, flagged, rejected, duplicates, null);
    }

    /** A file that could not be imported, with what is known of it (any of which may be null). */
    public static ImportReport refused(String fileName, String sha256, LocalDate publishedOn, String reason) {
        return new ImportReport(fileName, sha256, publishedOn, null, null, REFUSED, 0, 0, 0, Map.of(), List.of(),
                List.of(), List.of(), List.of(), reason);
    }

    /** The same publication met again: nothing appended this time. */
    public ImportReport asAlreadyImported(String asFileName) {
        return new ImportReport(asFileName, sha256, publishedOn, edition, kind,
                HELD.equals(outcome) ? outcome : ALREADY_IMPORTED, rowsRead, agreementsListed, agenciesListed,
                none(), repaired, flagged, rejected, duplicates, reason);
    }

    /** This report as a list held for review: what it would have done, nothing done. */
    public ImportReport asHeld(String why) {
        return new ImportReport(fileName, sha256, publishedOn, edition, kind, HELD, rowsRead, agreementsListed,
                agenciesListed, eventsByKind, repaired, flagged, rejected, duplicates, why);
    }

    /** This report as applied after all (a held list released). */
    public ImportReport asImported() {
        return new ImportReport(fileName, sha256, publishedOn, edition, kind, IMPORTED, rowsRead, agreementsListed,
                agenciesListed, eventsByKind, repaired, flagged, rejected, duplicates, null);
    }

    private Map<String, Integer> none() {
        Map<String, Integer> none = new TreeMap<>();
        eventsByKind.keySet().forEach(kind -> none.put(kind, 0));
        return none;
    }

    public int eventsAppended() {
        return HELD.equals(outcome) ? 0 : eventsByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * One row worth a word: where it is, what it held, what was made of it. A cell or a note longer
     * than a real one ever is keeps its beginning and its end (a note ends with the rule that made it).
     */
    public record RowNote(int sheetRow, String column, String raw, String note) {

        public static final int MAX_RAW = 200;
        public static final int MAX_NOTE = 1000;
        private static final int KEPT_END = 80;

        public RowNote {
            column = shortened(column, MAX_RAW);
            raw = shortened(raw, MAX_RAW);
            note = shortened(note, MAX_NOTE);
        }

        /**
         * The first {@link #MAX_NOTES} notes and one saying how many more there were. Applied again (a
         * stored report read back) it changes nothing.
         */
        static List<RowNote> bounded(List<RowNote> notes) {
            if (notes == null || notes.size() <= MAX_NOTES + 1) {
                return notes;
            }
            List<RowNote> kept = new java.util.ArrayList<>(notes.subList(0, MAX_NOTES));
            RowNote firstLeftOut = notes.get(MAX_NOTES);
            kept.add(new RowNote(firstLeftOut.sheetRow(), firstLeftOut.column(), "", String.format(java.util.Locale.ROOT,
                    "and %,d more rows from this one on, not listed: a report lists at most %,d of a kind",
                    notes.size() - MAX_NOTES, MAX_NOTES)));
            return List.copyOf(kept);
        }

        /** At most {@code max} characters: the beginning, an ellipsis, the end; never half a surrogate pair. */
        public static String shortened(String text, int max) {
            if (text == null || text.length() <= max) {
                return text;
            }
            int head = max - KEPT_END - 1;
            int tail = text.length() - KEPT_END;
            if (Character.isHighSurrogate(text.charAt(head - 1))) {
                head--;
            }
            if (Character.isLowSurrogate(text.charAt(tail))) {
                tail++;
            }
            return text.substring(0, head) + "…" + text.substring(tail);
        }
    }
}
