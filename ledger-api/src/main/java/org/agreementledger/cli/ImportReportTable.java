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
        out.printf("%s  published %s%s  sha256 %s  %s%n", report.fileName(),
                report.publishedOn() == null ? "?" : report.publishedOn(),
                report.edition() == null ? "" : " " + report.edition(),
                report.sha256() == null ? "?" : report.sha256().substring(0, 12) + "…",
                report.outcome().toUpperCase(java.util.Locale.ROOT));
        if (report.reason() != null) {
            out.printf("  %s: %s%n", ImportReport.HELD.equals(report.outcome()) ? "held for review, because"
                    : "reason", report.reason());
        }
        if (ImportReport.REFUSED.equals(report.outcome())) {
            return;
        }
        out.printf("  rows read %,d; %s listed %,d; agencies listed %,d%n", report.rowsRead(),
                "PENDING".equals(report.kind()) ? "requests" : "agreements", report.agreementsListed(),
                report.agenciesListed());
        boolean held = ImportReport.HELD.equals(report.outcome());
        out.printf("  %s %,d: %s%n", held ? "events it would have appended" : "events appended",
                held ? report.eventsByKind().values().stream().mapToInt(Integer::intValue).sum() : report.eventsAppended(),
                report.eventsByKind().entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")));
        notes(out, "repaired or matched", report.repaired());
        if (!report.repaired().isEmpty()) {
            out.printf("    by rule: %s%n", byRule(report.repaired()));
        }
        notes(out, "flagged", report.flagged());
        notes(out, "rejected", report.rejected());
        notes(out, "duplicates", report.duplicates());
    }

    private static final java.util.regex.Pattern RULE = java.util.regex.Pattern.compile("rule ([A-Z_]+)$");

    /** How many notes each rule made: {@code NAME_YEAR 1, STATE_SPELLING 68, TYPO 2}. */
    static String byRule(List<RowNote> notes) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (RowNote note : notes) {
            java.util.regex.Matcher rule = RULE.matcher(note.note());
            counts.merge(rule.find() ? rule.group(1) : "other", 1L, Long::sum);
        }
        return counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    /** One line of totals after a manifest's reports. */
    static void summary(PrintWriter out, List<ImportReport> reports) {
        java.util.Map<String, Long> outcomes = reports.stream().collect(Collectors.groupingBy(ImportReport::outcome,
                java.util.TreeMap::new, Collectors.counting()));
        out.printf("%d files: %s%n", reports.size(), outcomes.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey()).collect(Collectors.joining(", ")));
        List<RowNote> all = reports.stream().flatMap(report -> report.repaired().stream()).toList();
        if (!all.isEmpty()) {
            out.printf("repairs and matches by rule: %s%n", byRule(all));
        }
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
