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
 * Imports one of ICE's participating-agencies publications: reads it, compares it with what the
 * ledger holds, and appends the difference together with the publication's report, all or nothing.
 */
@Service
public class PublicationImporter {

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
        if (publication.kind() != PublicationKind.PARTICIPATING) {
            throw new InvalidFieldException("file", "'" + publication.fileName()
                    + "' is a pending-agencies sheet; only participating-agencies sheets can be imported so far");
        }
        ledger.latestPublished(publication.kind().name())
                .filter(latest -> latest.isAfter(publication.publishedOn()))
                .ifPresent(latest -> {
                    throw new InvalidFieldException(Publication.PUBLISHED_ON, publication.publishedOn()
                            + " is before " + latest + ", the latest publication already imported; import"
                            + " publications in the order ICE posted them");
                });

        List<SheetRow> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        int read = 0;
        try (IceSheet<SheetLine> sheet = IceSheetReader.participating(file, publication.publishedOn())) {
            progress.start("read " + publication.fileName(), sheet.estimatedRows().orElse(0));
            while (sheet.hasNext()) {
                SheetLine line = sheet.next();
                if (line instanceof SheetRow row) {
                    rows.add(row);
                } else {
                    problems.add((RowProblem) line);
                }
                progress.advance(++read);
            }
            progress.finish();
        }

        PublicationDiff.Plan plan = PublicationDiff.plan(publication, rows, ledger.all());
        ImportReport report = ImportReports.imported(publication, read, problems, plan);
        List<Object> commands = new ArrayList<>(plan.commands());
        commands.add(new RecordPublication(RecordPublication.idOf(publication.sha256()), report));
        appender.appendAll(commands, "append " + publication.fileName(), progress);
        return report;
    }
}
