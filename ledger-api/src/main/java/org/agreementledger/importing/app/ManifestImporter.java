package org.agreementledger.importing.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.importing.Edition;
import org.agreementledger.importing.Publication;
import org.agreementledger.importing.PublicationDates;
import org.agreementledger.importing.PublicationManifest;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.listing.RecordedPublication;
import org.agreementledger.progress.Progress;
import org.springframework.stereotype.Service;

/**
 * Imports the files a {@link PublicationManifest} lists, each whole or not at all. Every file is
 * identified and dated first (a name's date checked against its rows, as for a single import), then
 * the files are imported in publication order, morning before midday before afternoon, and the
 * manifest's order among files of the same day and edition, so a later-listed file of a day's edition
 * is that edition's last word. A manifest listed in another order (the archive's own is alphabetical)
 * imports alike. A refused file is reported with its reason and the run goes on with the next.
 */
@Service
public class ManifestImporter {

    private final PublicationImporter importer;
    private final CurrentAgreements ledger;

    ManifestImporter(PublicationImporter importer, CurrentAgreements ledger) {
        this.importer = importer;
        this.ledger = ledger;
    }

    /** One report per file, refused files too; progress in files, the files' own phases shown alike. */
    public List<ImportReport> importManifest(PublicationManifest manifest, Progress progress) {
        return importManifest(manifest, progress, Progress.NONE);
    }

    /**
     * @param files   the run's progress: files done / total, rows and rows/s in its label
     * @param perFile each file's own phases (checking the list, reading a file, appending its events)
     */
    public List<ImportReport> importManifest(PublicationManifest manifest, Progress files, Progress perFile) {
        List<ImportReport> reports = new ArrayList<>();
        List<Dated> dated = new ArrayList<>();
        Progress progress = files;
        progress.start("check " + manifest.path().getFileName(), manifest.entries().size());
        int checkedSoFar = 0;
        for (PublicationManifest.Entry entry : manifest.entries()) {
            Optional<ImportReport> already = alreadyRecorded(entry);
            if (already.isPresent()) {
                reports.add(already.get());
            } else {
                try {
                    dated.add(new Dated(entry, importer.identify(existing(entry), entry.naming(), entry.sha256())));
                } catch (InvalidFieldException refused) {
                    reports.add(refused(entry, refused));
                }
            }
            progress.advance(++checkedSoFar);
        }
        progress.finish();
        dated.sort(Comparator.comparing((Dated d) -> d.checked().publication().publishedOn())
                .thenComparing(d -> editionOf(d.checked().publication()))
                .thenComparing(d -> captureOf(d.checked().publication()))
                .thenComparingInt(d -> d.entry().line()));
        long rows = 0;
        long started = System.nanoTime();
        int done = 0;
        files.start(phase(manifest, 0, started), dated.size());
        for (Dated file : dated) {
            ImportReport report;
            try {
                report = importer.importFile(file.entry().file(), file.checked(), perFile);
            } catch (InvalidFieldException refused) {
                report = refused(file.entry(), refused);
            }
            reports.add(report);
            rows += report.rowsRead();
            files.relabel(phase(manifest, rows, started));
            files.advance(++done);
        }
        files.finish();
        return reports;
    }

    /** Whether any report says the run did not import everything it listed. */
    public static boolean allImported(List<ImportReport> reports) {
        return reports.stream().noneMatch(report -> ImportReport.REFUSED.equals(report.outcome())
                || ImportReport.HELD.equals(report.outcome()));
    }

    /** Files done / total is the bar; the rows and their rate ride in the phase. */
    private static String phase(PublicationManifest manifest, long rows, long startedNanos) {
        double seconds = Math.max((System.nanoTime() - startedNanos) / 1e9, 1e-9);
        return String.format(Locale.ROOT, "import %s (files; %,d rows, %,.0f rows/s)", manifest.path().getFileName(),
                rows, rows / seconds);
    }

    private record Dated(PublicationManifest.Entry entry, PublicationDates.Checked checked) {
    }

    /**
     * A file whose bytes the ledger recorded under the same name and for a day the manifest does not
     * contradict needs no second reading: later starts of the archive import only what is new.
     */
    private Optional<ImportReport> alreadyRecorded(PublicationManifest.Entry entry) {
        if (entry.sha256() == null || !Files.isRegularFile(entry.file())) {
            return Optional.empty();
        }
        List<RecordedPublication> recorded = ledger.find(entry.sha256()).stream()
                .filter(publication -> publication.report().fileName().equals(entry.fileName()))
                .filter(publication -> entry.publishedOn() == null
                        || entry.publishedOn().equals(publication.report().publishedOn()))
                .toList();
        return recorded.size() == 1
                ? Optional.of(recorded.get(0).report().asAlreadyImported(entry.fileName())) : Optional.empty();
    }

    private static Path existing(PublicationManifest.Entry entry) {
        if (!Files.isRegularFile(entry.file())) {
            throw new InvalidFieldException("file", "no such file: " + entry.file() + " (manifest line "
                    + entry.line() + ")");
        }
        return entry.file();
    }

    private static ImportReport refused(PublicationManifest.Entry entry, InvalidFieldException why) {
        return ImportReport.refused(entry.fileName(), entry.sha256(), entry.publishedOn(),
                why.field() + ": " + why.problem());
    }

    private static Edition editionOf(Publication publication) {
        return publication.edition() == null ? Edition.AM : publication.edition();
    }

    private static Instant captureOf(Publication publication) {
        return publication.capture() == null ? Instant.MIN : publication.capture().capturedAt();
    }
}
