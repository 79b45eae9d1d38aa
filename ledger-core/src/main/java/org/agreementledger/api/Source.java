package org.agreementledger.api;

import java.time.LocalDate;

/**
 * Provenance of an event.
 *
 * @param kind        what sort of source
 * @param title       a human title ("ICE participating agencies, 2025-05-16 am", "NBC News")
 * @param reference   URL or file name, if any
 * @param sha256      SHA-256 of the source file, if there is a file
 * @param publishedOn the date the source was published, if known
 * @param sheetRow    the 1-based worksheet row, for spreadsheet sources
 * @param capture     for a copy an archive captured (the Wayback Machine), when and by whom it was captured and
 *                    extracted; null for a source fetched from its publisher. Events of revision 2 on carry it;
 *                    before, a capture was told only in words at the end of the title, which the upcaster
 *                    ({@code SourceCaptureUpcaster}) turns into this.
 */
public record Source(SourceKind kind, String title, String reference, String sha256, LocalDate publishedOn,
                     Integer sheetRow, Capture capture) {

    /** The revision of every event that carries a source: 2 since the source has a capture. */
    public static final String EVENT_REVISION = "2";

    public Source {
        Fields.required("source.kind", kind);
        title = Fields.required("source.title", title);
        reference = Fields.optional("source.reference", reference);
        sha256 = Fields.optional("source.sha256", sha256);
        if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new InvalidFieldException("source.sha256", "must be 64 hexadecimal digits");
        }
        if (sheetRow != null && sheetRow < 1) {
            throw new InvalidFieldException("source.sheetRow", "must be 1 or more");
        }
    }

    /** A source no archive captured. */
    public Source(SourceKind kind, String title, String reference, String sha256, LocalDate publishedOn,
                  Integer sheetRow) {
        this(kind, title, reference, sha256, publishedOn, sheetRow, null);
    }

    public static Source manual(String title, String reference) {
        return new Source(SourceKind.MANUAL, title, reference, null, null, null);
    }

    /** The title, with the capture in words when there is one: how a person is shown where a fact came from. */
    public String citation() {
        return capture == null ? title : title + " (" + capture.summary() + ")";
    }
}
