package org.agreementledger.importing;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.RecordPublication;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.progress.Progress;
import org.springframework.stereotype.Service;

/**
 * Imports one of ICE's publications (participating or pending agencies): reads it, compares it with
 * what the ledger holds, and appends the difference together with the publication's report, all or
 * nothing.
 */
@Service
public class PublicationImporter {

    /** How the phase that reads a sheet is named in the progress: this, then the file's name; a step a row. */
    public static final String READ_PHASE = "read ";

    private final CurrentAgreements ledger;
    private final AtomicAppender appender;

    PublicationImporter(CurrentAgreements ledger, AtomicAppender appender) {
        this.ledger = ledger;
        this.appender = appender;
    }

    /**
     * @param publishedOn the publication date, or null to take it from ICE's file name
     * @param fileName    the name the file was published under (an upload's temp file has another)
     */
    public ImportReport importFile(Path file, String fileName, LocalDate publishedOn, Progress progress) {
        Publication publication = Publication.of(file, fileName, publishedOn, null);
        var already = ledger.importedReport(publication.sha256());
        if (already.isPresent()) {
            return already.get().asAlreadyImported(publication.fileName());
        }
        ledger.latestPublished(publication.kind().name())
                .filter(latest -> latest.isAfter(publication.publishedOn()))
                .ifPresent(latest -> {
                    throw new InvalidFieldException(Publication.PUBLISHED_ON, publication.publishedOn()
                            + " is before " + latest + ", the latest publication already imported; import"
                            + " publications in the order ICE posted them");
                });

        ImportReport report;
        List<Object> commands;
        if (publication.kind() == PublicationKind.PENDING) {
            Lines<PendingRow> lines = read(publication, IceSheetReader.pending(file), PendingRow.class, progress);
            PendingDiff.Plan plan = PendingDiff.plan(publication, lines.rows(), ledger.openRequests(), ledger.all());
            report = ImportReports.pending(publication, lines.read(), lines.problems(), plan);
            commands = new ArrayList<>(plan.commands());
        } else {
            Lines<SheetRow> lines = read(publication, IceSheetReader.participating(file, publication.publishedOn()),
                    SheetRow.class, progress);
            PublicationDiff.Plan plan = PublicationDiff.plan(publication, lines.rows(), ledger.all(),
                    ledger.openRequests());
            report = ImportReports.imported(publication, lines.read(), lines.problems(), plan);
            commands = new ArrayList<>(plan.commands());
        }
        commands.add(new RecordPublication(RecordPublication.idOf(publication.sha256()), report));
        appender.appendAll(commands, "append " + publication.fileName(), progress);
        return report;
    }

    private record Lines<R>(List<R> rows, List<RowProblem> problems, int read) {
    }

    /** Every line of a sheet: the rows it could read, and a problem for each it could not. */
    private static <R, L> Lines<R> read(Publication publication, IceSheet<L> sheet, Class<R> rowType,
                                        Progress progress) {
        List<R> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        int read = 0;
        try (sheet) {
            progress.start(READ_PHASE + publication.fileName(), sheet.estimatedRows().orElse(0));
            while (sheet.hasNext()) {
                L line = sheet.next();
                if (rowType.isInstance(line)) {
                    rows.add(rowType.cast(line));
                } else {
                    problems.add((RowProblem) line);
                }
                progress.advance(++read);
            }
            progress.finish();
        }
        return new Lines<>(rows, problems, read);
    }
}
