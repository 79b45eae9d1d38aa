package org.agreementledger.cli;

import org.agreementledger.listing.CurrentAgreements;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.Counts;
import org.agreementledger.reporting.app.CountsDocument;
import org.agreementledger.reporting.GroupBy;
import org.agreementledger.reporting.LedgerReplay;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.reporting.app.ReportProperties;
import org.agreementledger.reporting.Tally;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "counts", mixinStandardHelpOptions = true,
        description = {"How many agreements, agencies, states and territories had a 287(g) agreement in force",
                "on a day, as the public record stood on another day (default: today), or as the ledger",
                "itself stood at an instant of its own history (--ledger-at, folded from the event store).",
                "STATES counts the 50 states and the District of Columbia; TERRITORIES Guam, the Northern",
                "Mariana Islands, Puerto Rico, the U.S. Virgin Islands and American Samoa."})
class CountsCommand extends LedgerCommand {

    enum Format { table, json, csv }

    @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD", description = "The day the count is for.")
    String asOf;

    @Mixin
    KnownAtOption knownAt;

    @Option(names = "--by", paramLabel = "GROUP", description = "Break down by state, model or agency-type.")
    String by;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, json or csv (default: table).")
    String format;

    @Option(names = "--ledger-at", paramLabel = "ISO-INSTANT",
            description = "Only events the ledger had appended by this instant, e.g. 2026-02-12T09:30:00Z.")
    String ledgerAt;

    @Override
    public Integer call() throws Exception {
        // every flag is checked before a database is started
        LocalDate day = Fields.date("asOf", asOf);
        LocalDate known = knownAt.day();
        GroupBy groupBy = GroupBy.parse("by", by);
        Format output = FormatOption.parse(format, Format.table);
        Instant instant = instant("ledgerAt", ledgerAt);
        return onLedger(context -> {
            Counts counts;
            if (instant != null) {
                counts = context.getBean(LedgerReplay.class).counts(day, known, instant);
            } else {
                context.getBean(ReportProcessor.class)
                        .awaitCaughtUp(context.getBean(ReportProperties.class).catchUpTimeout());
                counts = context.getBean(AgreementReports.class).counts(day, known);
            }
            PrintWriter out = out();
            switch (output) {
                case json -> out.println(json(context, CountsDocument.of(counts, groupBy, instant, instant != null
                        ? null : context.getBean(CurrentAgreements.class).pendingAgencies(counts.asOf(),
                                counts.knownAt()))));
                case csv -> printCsv(out, counts, groupBy);
                case table -> printTable(out, counts, groupBy, instant);
            }
            out.flush();
            return 0;
        });
    }

    /** An ISO instant (2026-02-12T09:30:00Z) or date-time with offset (2026-02-12T10:30:00+01:00). */
    static Instant instant(String field, String value) {
        String text = Fields.optional(value);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "'" + Fields.abbreviate(text)
                    + "' is not an ISO-8601 instant such as 2026-02-12T09:30:00Z");
        }
    }

    private static void printTable(PrintWriter out, Counts counts, GroupBy groupBy, Instant ledgerAt) {
        out.println("In force on " + counts.asOf() + ", as known on " + counts.knownAt()
                + (ledgerAt == null ? "" : ", as the ledger stood at " + ledgerAt));
        out.printf("%-24s %10s %10s %8s %11s%n", "", "AGREEMENTS", "AGENCIES", "STATES", "TERRITORIES");
        out.printf("%-24s %10d %10d %8d %11d%n", "all", counts.agreements(), counts.agencies(), counts.states(),
                counts.territories());
        if (groupBy == GroupBy.none) {
            return;
        }
        out.println();
        out.printf("%-24s %10s %10s%n", "BY " + heading(groupBy), "AGREEMENTS", "AGENCIES");
        for (Map.Entry<String, Tally> group : counts.groups(groupBy).entrySet()) {
            out.printf("%-24s %10d %10d%n", group.getKey(), group.getValue().agreements(), group.getValue().agencies());
        }
    }

    private static void printCsv(PrintWriter out, Counts counts, GroupBy groupBy) {
        if (groupBy == GroupBy.none) {
            out.println("as_of,known_at,agreements,agencies,states,territories");
            out.println(counts.asOf() + "," + counts.knownAt() + "," + counts.agreements() + "," + counts.agencies()
                    + "," + counts.states() + "," + counts.territories());
            return;
        }
        out.println("as_of,known_at," + heading(groupBy).toLowerCase(Locale.ROOT).replace(' ', '_')
                + ",agreements,agencies");
        for (Map.Entry<String, Tally> group : counts.groups(groupBy).entrySet()) {
            out.println(counts.asOf() + "," + counts.knownAt() + "," + csvField(group.getKey()) + ","
                    + group.getValue().agreements() + "," + group.getValue().agencies());
        }
    }

    private static String heading(GroupBy groupBy) {
        return groupBy == GroupBy.agencyType ? "AGENCY TYPE" : groupBy.name().toUpperCase(Locale.ROOT);
    }

    /** RFC 4180 quoting, and a group named like a formula (an agency type from a sheet) stays text. */
    private static String csvField(String text) {
        return org.agreementledger.web.CsvCells.cell(text);
    }
}
