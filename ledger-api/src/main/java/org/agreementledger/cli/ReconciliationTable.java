package org.agreementledger.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.agreementledger.reconciliation.ListMatch;
import org.agreementledger.reconciliation.PublicationInForce;
import org.agreementledger.reconciliation.PublishedFigure;
import org.agreementledger.reconciliation.ReconciliationDocument;
import org.agreementledger.reconciliation.ReconciliationLine;

/** The reconciliation as a person reads it: in a terminal, or as the Markdown table docs/reports.md shows. */
final class ReconciliationTable {

    private static final String NONE = "–";

    private ReconciliationTable() {
    }

    static void text(PrintWriter out, ReconciliationDocument document, String notice) {
        if (notice != null) {
            out.println(notice);
        }
        out.println(caption(document));
        String row = "%-10s  %-6s  %-10s  %7s  %7s  %7s  %-7s  %5s  %-10s  %s%n";
        out.printf(row, "DAY", "SCOPE", "MEASURE", "CLAIMED", "LEDGER", "BY NAME", "VERDICT", "DIFF", "IN FORCE",
                "NEAREST MATCHING LIST");
        for (ReconciliationLine line : document.lines()) {
            PublishedFigure claim = line.claim();
            out.printf(row, claim.date(), claim.scope(), claim.measure().json(), number(claim.value()),
                    number(line.ledgerValue()), number(line.ledgerValueByPrintedName()), line.verdict().text(),
                    signed(line.difference()), line.publication() == null ? NONE : line.publication().publishedOn(),
                    match(line.nearestMatch()));
            out.printf("            %s%n", claim.source().title());
            out.printf("            %s%n", line.explanation());
        }
    }

    static void markdown(PrintWriter out, ReconciliationDocument document, String notice) {
        if (notice != null) {
            out.println("**" + notice + "**");
            out.println();
        }
        out.println(caption(document));
        out.println();
        out.println("| claim | value | ledger | by printed name | verdict | difference | list in force"
                + " | nearest matching list |");
        out.println("|---|--:|--:|--:|---|--:|---|---|");
        for (ReconciliationLine line : document.lines()) {
            PublishedFigure claim = line.claim();
            PublicationInForce list = line.publication();
            out.printf("| %s: %s %s, %s | %s | %s | %s | %s | %s | %s | %s |%n", claim.source().publisher(),
                    claim.scope(), claim.measure().json(), claim.date(), number(claim.value()),
                    number(line.ledgerValue()), number(line.ledgerValueByPrintedName()), line.verdict().text(),
                    signed(line.difference()), list == null ? NONE : list.publishedOn() + " (`" + list.fileName() + "`)",
                    line.nearestMatch() == null ? "none" : match(line.nearestMatch()) + " (`"
                            + line.nearestMatch().fileName() + "`)");
        }
        out.println();
        for (ReconciliationLine line : document.lines()) {
            PublishedFigure claim = line.claim();
            out.printf("- **%s: %s %s, %s, %s.** %s%n", claim.source().publisher(), claim.scope(),
                    claim.measure().json(), claim.date(), number(claim.value()), line.explanation());
        }
    }

    private static String caption(ReconciliationDocument document) {
        return "Published figures beside the ledger as known on " + document.knownAt()
                + (document.recordFrom() == null ? "; the ledger holds nothing known by then."
                : "; the ledger observed " + document.recordFrom() + " to " + document.recordTo() + ".");
    }

    private static String match(ListMatch match) {
        if (match == null) {
            return "none";
        }
        return match.publishedOn() + " " + match.reading().text() + " (" + signed(match.daysFromClaim()) + " d)";
    }

    private static String number(Long value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,d", value);
    }

    private static String signed(Long value) {
        return value == null ? NONE : value > 0 ? "+" + number(value) : number(value);
    }
}
