package org.agreementledger.importing.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.agreementledger.api.HoldPublication;
import org.agreementledger.api.ImportReport.RowNote;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.RecordPublication;
import org.agreementledger.api.RejectPublication;
import org.agreementledger.api.ReleasePublication;
import org.agreementledger.importing.Edition;
import org.agreementledger.importing.IceSheet;
import org.agreementledger.importing.IceSheetReader;
import org.agreementledger.importing.ImportReports;
import org.agreementledger.importing.PendingDiff;
import org.agreementledger.importing.PendingRow;
import org.agreementledger.importing.Publication;
import org.agreementledger.importing.PublicationDates;
import org.agreementledger.importing.PublicationDiff;
import org.agreementledger.importing.PublicationKind;
import org.agreementledger.importing.ReviewRules;
import org.agreementledger.importing.RowProblem;
import org.agreementledger.importing.SheetColumn;
import org.agreementledger.importing.SheetLine;
import org.agreementledger.importing.SheetRefusedException;
import org.agreementledger.importing.SheetRow;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.listing.RecordedPublication;
import org.agreementledger.progress.Progress;
import org.springframework.stereotype.Service;

/**
 * Imports one of ICE's publications (participating or pending agencies): dates it (a file name's
 * date is a claim checked against the rows), reads it, compares it with what the ledger holds, and
 * appends the difference together with the publication's report, all or nothing. A list that would
 * wreck the history is recorded as held for review instead, and changes no agreement.
 */
@Service
public class PublicationImporter {

    /** How the phase that reads a sheet is named in the progress: this, then the file's name; a step a row. */
    public static final String READ_PHASE = "read ";

    private final CurrentAgreements ledger;
    private final AtomicAppender appender;
    private final ReviewRules review;
    private final Clock clock;

    PublicationImporter(CurrentAgreements ledger, AtomicAppender appender, ReviewRules review, Clock importClock) {
        this.ledger = ledger;
        this.appender = appender;
        this.review = review;
        this.clock = importClock;
    }

    /**
     * @param publishedOn the publication date, or null to take it from ICE's file name
     * @param fileName    the name the file was published under (an upload's temp file has another)
     */
    public ImportReport importFile(Path file, String fileName, LocalDate publishedOn, Progress progress) {
        return importFile(file, new Publication.Naming(fileName, publishedOn, null, null, null, null), null, progress);
    }

    /**
     * Imports a file as a manifest or an archivist describes it.
     *
     * @param sha256 the SHA-256 the file must have (a manifest's), or null
     * @return the report: {@code imported}, {@code already imported} or {@code held}
     * @throws InvalidFieldException when the file is refused (nothing recorded)
     */
    public ImportReport importFile(Path file, Publication.Naming naming, String sha256, Progress progress) {
        return importFile(file, identify(file, naming, sha256), progress);
    }

    /** Imports a file already identified and dated by {@link #identify}. */
    public ImportReport importFile(Path file, PublicationDates.Checked checked, Progress progress) {
        return importFile(file, checked, null, progress);
    }

    /**
     * Records a file already identified and dated by {@link #identify} as held for review for a reason
     * found outside it (the ICE watcher's: its name's date disagrees with when ICE's server says it
     * changed), with the report of what it would have done; it changes no agreement.
     */
    public ImportReport hold(Path file, PublicationDates.Checked checked, String reason, Progress progress) {
        return importFile(file, checked, org.agreementledger.api.Fields.required("reason", reason), progress);
    }

    private ImportReport importFile(Path file, PublicationDates.Checked checked, String heldFor, Progress progress) {
        Publication publication = checked.publication();
        var recorded = ledger.recorded(publication.sha256(), publication.publishedOn());
        if (recorded.isPresent()) {
            return recorded.get().report().asAlreadyImported(publication.fileName());
        }
        ledger.latestPublished(publication.kind().name())
                .filter(latest -> latest.isAfter(publication.publishedOn()))
                .ifPresent(latest -> {
                    throw new InvalidFieldException(Publication.PUBLISHED_ON, publication.publishedOn()
                            + " is before " + latest + ", the latest publication the ledger has applied; import"
                            + " publications in the order ICE posted them");
                });
        String id = ledger.recordedAnyDay(publication.sha256())
                ? RecordPublication.idOf(publication.sha256(), publication.publishedOn())
                : RecordPublication.idOf(publication.sha256());
        Planned planned = plan(file, publication, checked.repair(), progress);
        String holdReason = planned.holdReason() != null ? planned.holdReason() : heldFor;
        if (holdReason != null) {
            ImportReport held = planned.report().asHeld(holdReason);
            appender.appendAll(List.of(new HoldPublication(id, held, holdReason)), "hold " + publication.fileName(),
                    progress);
            return held;
        }
        List<Object> commands = new ArrayList<>(planned.commands());
        commands.add(new RecordPublication(id, planned.report()));
        appender.appendAll(commands, "append " + publication.fileName(), progress);
        return planned.report();
    }

    /** The file's identity and its checked date: refused (InvalidFieldException) when its name's date cannot stand. */
    public PublicationDates.Checked identify(Path file, Publication.Naming naming, String sha256) {
        Publication named = Publication.of(file, naming);
        if (sha256 != null && !sha256.equalsIgnoreCase(named.sha256())) {
            throw new InvalidFieldException("sha256", "the bytes of " + named.fileName() + " have SHA-256 "
                    + named.sha256() + ", not " + sha256.toLowerCase(java.util.Locale.ROOT) + " as listed");
        }
        return PublicationDates.check(named, file, ledger.latestPublished(named.kind().name()).orElse(null),
                LocalDate.now(clock));
    }

    /**
     * Releases a held list: applies it now, if no later list has been applied since.
     *
     * @param file the held list's file again (the ledger keeps reports, not files)
     */
    public ImportReport release(String publication, String reason, Path file, Progress progress) {
        RecordedPublication held = heldOne(publication);
        ImportReport was = held.report();
        ledger.latestPublished(was.kind()).filter(latest -> latest.isAfter(was.publishedOn())).ifPresent(latest -> {
            throw new InvalidFieldException("publication", "a later list (" + latest + ") has been applied since "
                    + was.publishedOn() + "; the held list can only be rejected now");
        });
        Publication again = Publication.of(file, new Publication.Naming(was.fileName(), was.publishedOn(),
                was.edition() == null ? null : Edition.parse("edition", was.edition()), null, null, null));
        if (!again.sha256().equals(was.sha256())) {
            throw new InvalidFieldException("file", file.getFileName() + " is not the held list: its SHA-256 is "
                    + again.sha256() + ", the held list's " + was.sha256());
        }
        RowNote nameRepair = was.repaired().stream().filter(note -> note.sheetRow() == 0).findFirst().orElse(null);
        Planned planned = plan(file, again, nameRepair, progress);
        ImportReport applied = planned.report().asImported();
        List<Object> commands = new ArrayList<>(planned.commands());
        commands.add(new ReleasePublication(held.publicationId(), reason, applied));
        appender.appendAll(commands, "release " + was.fileName(), progress);
        return applied;
    }

    /** Rejects a held list for good. */
    public RecordedPublication reject(String publication, String reason) {
        RecordedPublication held = heldOne(publication);
        appender.appendAll(List.of(new RejectPublication(held.publicationId(), reason)), "reject", Progress.NONE);
        return ledger.find(held.publicationId()).get(0);
    }

    private RecordedPublication heldOne(String publication) {
        String id = org.agreementledger.api.Fields.required("publication", publication);
        List<RecordedPublication> found = ledger.find(id);
        if (found.isEmpty()) {
            throw new InvalidFieldException("publication", "no publication '" + org.agreementledger.api.Fields
                    .abbreviate(id) + "' (give its id or at least 8 digits of its SHA-256; see `publications`)");
        }
        if (found.size() > 1) {
            throw new InvalidFieldException("publication", "'" + id + "' names " + found.size()
                    + " publications; give its id");
        }
        if (!RecordedPublication.HELD.equals(found.get(0).state())) {
            throw new InvalidFieldException("publication", "'" + found.get(0).publicationId() + "' is "
                    + found.get(0).state() + ", not held for review");
        }
        return found.get(0);
    }

    /** What importing a publication would append, its report, and why it must be held (null: apply it). */
    private record Planned(List<Object> commands, ImportReport report, String holdReason) {
    }

    private Planned plan(Path file, Publication publication, RowNote nameRepair, Progress progress) {
        if (publication.kind() == PublicationKind.PENDING) {
            Lines<PendingRow> lines = read(publication, IceSheetReader.pending(file), PendingRow.class, progress);
            PendingDiff.Plan plan = PendingDiff.plan(publication, lines.rows(), ledger.openRequests(), ledger.all());
            ImportReport report = ImportReports.pending(publication, lines.read(), lines.problems(), plan);
            return new Planned(plan.commands(), report, null);
        }
        IceSheet<SheetLine> sheet;
        try {
            sheet = IceSheetReader.participating(file, publication.publishedOn());
        } catch (SheetRefusedException e) {
            if (!SheetColumn.SIGNED.header().equals(e.field())) {
                throw e;
            }
            // without SIGNED every row would be undated: nothing the list says could be dated
            return new Planned(List.of(), ImportReports.unread(publication, nameRepair),
                    "it has no SIGNED column: " + e.problem());
        }
        List<RowNote> fileNotes = new ArrayList<>();
        if (nameRepair != null) {
            fileNotes.add(nameRepair);
        }
        fileNotes.addAll(ImportReports.headerNotes(sheet));
        Lines<SheetRow> lines = read(publication, sheet, SheetRow.class, progress);
        List<org.agreementledger.importing.LedgerAgreement> agreements = ledger.all();
        PublicationDiff.Plan plan = PublicationDiff.plan(publication, lines.rows(), agreements, ledger.openRequests());
        ImportReport report = ImportReports.imported(publication, lines.read(), lines.problems(), plan, fileNotes);
        long inForce = agreements.stream().filter(org.agreementledger.importing.LedgerAgreement::inForce).count();
        return new Planned(plan.commands(), report, review.holdReason(plan.commands(), inForce, lines.problems()));
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
