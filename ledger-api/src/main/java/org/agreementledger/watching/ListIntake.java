package org.agreementledger.watching;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.importing.FileKind;
import org.agreementledger.importing.Publication;
import org.agreementledger.importing.PublicationDates;
import org.agreementledger.importing.app.PublicationImporter;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.progress.Progress;
import org.springframework.stereotype.Component;

/**
 * What becomes of a list the watcher or the backfill downloaded: not a workbook, dropped and
 * reported; bytes the archive holds already, dropped; else stored in the archive with its manifest
 * line, its date checked three ways ({@link ThreeDates}), and imported by the import rules (applied,
 * or held for review, or refused, each reported).
 */
@Component
class ListIntake {

    private final PublicationImporter importer;
    private final CurrentAgreements ledger;

    ListIntake(PublicationImporter importer, CurrentAgreements ledger) {
        this.importer = importer;
        this.ledger = ledger;
    }

    /**
     * A downloaded list.
     *
     * @param url          where it was fetched from (for a capture, the URL ICE posted it at)
     * @param origin       what the manifest and the events cite: the URL, or the capture's Wayback URL
     * @param fileName     the name to keep it under: ICE's, or for a capture whose URL names no day, the
     *                     capture's ({@code participatingAgencies-YYYYMMDDhhmmss.xlsx})
     * @param manifestKind {@code ice-sheet} or {@code ice-sheet-wayback-capture}
     * @param capturedAt   the capture's instant, or null when fetched from ICE
     */
    record Download(URI url, String origin, String fileName, String manifestKind, Instant capturedAt,
                    IceHttp.Fetched fetched) {
    }

    Finding take(ArchiveShelf shelf, Download download, Progress progress) {
        Path body = download.fetched().body();
        String url = download.origin();
        try {
            String notWorkbook = notAWorkbook(body);
            if (notWorkbook != null) {
                return new Finding(Finding.Kind.NOT_A_WORKBOOK, url, null, notWorkbook
                        + "; nothing stored (has ICE moved the file, or did the server answer an error page?)");
            }
            String sha256 = Publication.sha256(body);
            if (shelf.holds(sha256)) {
                return stored(shelf, shelf.lineOf(sha256), progress);
            }
            Instant fetchedAt = download.fetched().fetchedAt();
            Path stored = shelf.shelve(body, new ArchiveShelf.Arrival(download.fileName(), sha256,
                    download.fetched().size(), download.manifestKind(), download.capturedAt(), download.origin(),
                    fetchedAt, download.fetched().lastModified(), download.fetched().etag()));
            return imported(stored, shelf.manifest().getParent().relativize(stored).toString(), sha256, download,
                    progress);
        } finally {
            IceHttp.deleteQuietly(body);
        }
    }

    /**
     * A list the archive holds: nothing to do if the ledger has recorded it (applied, held or
     * rejected), else imported now, as when it was stored (a run that stopped between storing a list
     * and importing it, a database that was out).
     */
    Finding stored(ArchiveShelf shelf, ArchiveShelf.Line line, Progress progress) {
        Path stored = shelf.fileOf(line);
        if (ledger.recordedAnyDay(line.sha256())) {
            return new Finding(Finding.Kind.ALREADY_RECORDED, line.origin(), line.file(),
                    "the archive holds it and the ledger has recorded it");
        }
        Instant capturedAt = line.capturedAt() == null ? null : Instant.parse(line.capturedAt());
        Instant fetchedAt = line.fetchedAt() != null ? Instant.parse(line.fetchedAt())
                : capturedAt != null ? capturedAt : java.time.Instant.now();
        return imported(stored, line.file(), line.sha256(), line.origin(), line.kind(), capturedAt,
                new ThreeDates.Fetch(line.lastModified(), fetchedAt), progress);
    }

    private Finding imported(Path stored, String file, String sha256, Download download, Progress progress) {
        return imported(stored, file, sha256, download.origin(), download.manifestKind(), download.capturedAt(),
                new ThreeDates.Fetch(download.fetched().lastModified(), download.fetched().fetchedAt()), progress);
    }

    private Finding imported(Path stored, String file, String sha256, String url, String manifestKind,
                             Instant capturedAt, ThreeDates.Fetch fetch, Progress progress) {
        ThreeDates dates = ThreeDates.of(stored.getFileName().toString(), fetch.lastModified(),
                capturedAt != null ? capturedAt : fetch.at(), capturedAt != null);
        ImportReport report;
        try {
            PublicationDates.Checked checked = importer.identify(stored, new Publication.Naming(
                    stored.getFileName().toString(), null, null, null, manifestKind, url), sha256);
            Publication publication = checked.publication();
            boolean repairedToAgree = publication.dated() == Publication.Dated.FILE_NAME_REPAIRED
                    && dates.agrees(publication.publishedOn());
            if (dates.nameAgrees() || repairedToAgree) {
                report = importer.importFile(stored, checked, progress);
            } else {
                report = importer.hold(stored, checked, dates.describe() + ": the name's date disagrees with both by"
                        + " more than a day and the file-name rule finds nothing to repair. If the name is right,"
                        + " release it (bin/ledger publications release); if not, reject it and import the file"
                        + " with --published-on", progress);
            }
        } catch (InvalidFieldException refused) {
            return new Finding(Finding.Kind.REFUSED, url, file, "stored, but the import refused it: "
                    + refused.field() + ": " + refused.problem());
        }
        String what = report.fileName() + " (" + report.kind() + " " + report.publishedOn()
                + (report.edition() == null ? "" : " " + report.edition()) + ", " + report.rowsRead() + " rows)";
        return switch (report.outcome()) {
            case ImportReport.HELD -> new Finding(Finding.Kind.HELD, url, file, what + " stored and held for review: "
                    + report.reason() + " (see bin/ledger publications)");
            case ImportReport.ALREADY_IMPORTED -> new Finding(Finding.Kind.ALREADY_RECORDED, url, file,
                    what + " stored; the ledger had imported these bytes for this day already");
            default -> new Finding(Finding.Kind.IMPORTED, url, file, what + " stored and imported"
                    + (report.repaired().stream().anyMatch(note -> note.sheetRow() == 0)
                    ? "; its name's date repaired: " + report.repaired().stream().filter(note -> note.sheetRow() == 0)
                    .findFirst().orElseThrow().note() : ""));
        };
    }

    /** Why the bytes are not an xlsx workbook (the import's own test of a file), or null if they are one. */
    static String notAWorkbook(Path body) {
        try {
            FileKind.of(body);
            return null;
        } catch (InvalidFieldException notOne) {
            // the import names the file, here a temporary one: the URL is named instead
            return notOne.problem().replaceFirst("^'[^']*' ", "the file ");
        }
    }
}
