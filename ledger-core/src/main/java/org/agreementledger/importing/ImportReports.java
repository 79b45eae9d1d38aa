package org.agreementledger.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.ImportReport.RowNote;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.WithdrawAgreement;

/** Writes the report of a planned import: what was read, what will be appended, which rows need a word. */
public final class ImportReports {

    private static final Map<Class<?>, String> EVENT_OF = Map.of(
            SignAgreement.class, "AgreementSigned",
            ChangeSupportModel.class, "SupportModelChanged",
            WithdrawAgreement.class, "AgreementWithdrawn",
            ReinstateAgreement.class, "AgreementReinstated",
            CorrectAgreement.class, "AgreementCorrected",
            org.agreementledger.api.RequestAgreement.class, "AgreementRequested",
            org.agreementledger.api.CloseAgreementRequest.class, "AgreementRequestClosed");

    private ImportReports() {
    }

    /** The report of a pending-agencies publication: requests rather than agreements. */
    public static ImportReport pending(Publication publication, int rowsRead, List<RowProblem> problems,
                                       PendingDiff.Plan plan) {
        long agencies = plan.listed().values().stream().map(PendingRow::agencyId).distinct().count();
        List<RowNote> repaired = new ArrayList<>();
        plan.listed().values().forEach(row -> repaired.addAll(spellings(row.sheetRow(), row.repairs())));
        return new ImportReport(publication.fileName(), publication.sha256(), publication.publishedOn(),
                edition(publication), publication.kind().name(), ImportReport.IMPORTED, rowsRead, plan.listed().size(),
                (int) agencies, eventsByKind(plan.commands()), repaired, List.of(), rejected(problems),
                plan.duplicates());
    }

    /** The report of a list whose rows could not be read at all (it lacks the SIGNED column). */
    public static ImportReport unread(Publication publication, RowNote nameRepair) {
        return new ImportReport(publication.fileName(), publication.sha256(), publication.publishedOn(),
                edition(publication), publication.kind().name(), ImportReport.IMPORTED, 0, 0, 0,
                eventsByKind(List.of()), nameRepair == null ? List.of() : List.of(nameRepair), List.of(), List.of(),
                List.of());
    }

    private static List<RowNote> spellings(int sheetRow, List<CellRepair> repairs) {
        return repairs.stream().map(repair -> new RowNote(sheetRow, repair.column(), repair.raw(),
                "read as " + repair.readAs() + " by rule " + repair.rule().name())).toList();
    }

    private static Map<String, Integer> eventsByKind(List<Object> commands) {
        Map<String, Integer> events = new TreeMap<>();
        EVENT_OF.values().forEach(kind -> events.put(kind, 0));
        commands.forEach(command -> events.merge(EVENT_OF.get(command.getClass()), 1, Integer::sum));
        return events;
    }

    private static List<RowNote> rejected(List<RowProblem> problems) {
        return problems.stream()
                .map(problem -> new RowNote(problem.sheetRow(), problem.column(), problem.raw(), problem.message()))
                .toList();
    }

    private static String edition(Publication publication) {
        return publication.edition() == null ? null : publication.edition().label();
    }

    /** Notes on a sheet's header: the columns it read by {@link SpellingRule#HEADER_SPELLING}. */
    public static List<RowNote> headerNotes(IceSheet<?> sheet) {
        return spellings(sheet.headerRow(), sheet.headerRepairs());
    }

    /**
     * @param fileNotes notes on the file as a whole, reported first: a name's date repaired
     *                  ({@link PublicationDates}), headers read by a spelling rule ({@link #headerNotes})
     */
    public static ImportReport imported(Publication publication, int rowsRead, List<RowProblem> problems,
                                        PublicationDiff.Plan plan, List<RowNote> fileNotes) {
        Map<String, Integer> events = eventsByKind(plan.commands());
        List<RowNote> repaired = new ArrayList<>(fileNotes);
        repaired.addAll(plan.matches());
        List<RowNote> flagged = new ArrayList<>();
        for (SheetRow row : plan.listed().values()) {
            repaired.addAll(spellings(row.sheetRow(), row.repairs()));
            if (row.undated()) {
                flagged.add(new RowNote(row.sheetRow(), "SIGNED", row.signedRaw(), "no rule reads this date ("
                        + row.signed().note() + "); in force from " + publication.publishedOn() + ", flagged undated"));
            } else if (row.repair() != null) {
                repaired.add(new RowNote(row.sheetRow(), "SIGNED", row.signedRaw(),
                        "read as " + row.signedOn() + " by rule " + row.repair().name()));
            }
        }
        List<RowNote> rejected = rejected(problems);
        long agencies = plan.listed().values().stream().map(SheetRow::agencyId).distinct().count();
        return new ImportReport(publication.fileName(), publication.sha256(), publication.publishedOn(),
                edition(publication), publication.kind().name(), ImportReport.IMPORTED, rowsRead, plan.listed().size(), (int) agencies, events, repaired, flagged,
                rejected, plan.duplicates());
    }
}
