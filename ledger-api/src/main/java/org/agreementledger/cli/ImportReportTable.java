package org.agreementledger.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.ImportReport.RowNote;

/** An import report as an archivist reads it in a terminal. */
final class ImportReportTable {

    private ImportReportTable() {
    }

    static void print(PrintWriter out, ImportReport report) {
        out.printf("%s  published %s%s  sha256 %s  %s%n", report.fileName(), report.publishedOn(),
                report.edition() == null ? "" : " " + report.edition(), report.sha256().substring(0, 12) + "…",
                report.outcome().toUpperCase(java.util.Locale.ROOT));
        out.printf("  rows read %,d; %s listed %,d; agencies listed %,d%n", report.rowsRead(),
                "PENDING".equals(report.kind()) ? "requests" : "agreements", report.agreementsListed(),
                report.agenciesListed());
        out.printf("  events appended %,d: %s%n", report.eventsAppended(), report.eventsByKind().entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")));
        notes(out, "repaired", report.repaired());
        notes(out, "flagged", report.flagged());
        notes(out, "rejected", report.rejected());
        notes(out, "duplicates", report.duplicates());
    }

    private static void notes(PrintWriter out, String title, List<RowNote> notes) {
        if (notes.isEmpty()) {
            out.printf("  %s: none%n", title);
            return;
        }
        out.printf("  %s: %d%n", title, notes.size());
        notes.forEach(note -> out.printf("    row %d, %s '%s': %s%n", note.sheetRow(), note.column(), note.raw(),
                note.note()));
    }
}
