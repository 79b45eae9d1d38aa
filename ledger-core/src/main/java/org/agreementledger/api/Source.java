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
 */
public record Source(SourceKind kind, String title, String reference, String sha256, LocalDate publishedOn,
                     Integer sheetRow) {

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

    public static Source manual(String title, String reference) {
        return new Source(SourceKind.MANUAL, title, reference, null, null, null);
    }
}
