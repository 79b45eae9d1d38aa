package org.agreementledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.demo.LedgerSources;
import org.agreementledger.reconciliation.Reconciliation;
import org.agreementledger.reconciliation.ReconciliationCsv;
import org.agreementledger.reconciliation.ReconciliationDocument;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.reporting.ReportProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Each published figure (published-figures.json) beside the ledger's count of the same measure,",
                "scope and day as known on a day (default: today), beside the agencies by printed name and the",
                "list of ICE's in force that day, and the nearest list giving the claimed value, with the",
                "difference explained. markdown is the table docs/reports.md shows."})
class ReconcileCommand implements Callable<Integer> {

    enum Format { table, markdown, json, csv }

    @Mixin
    DatabaseOptions database;

    @Option(names = "--known-at", paramLabel = "YYYY-MM-DD",
            description = "The ledger as known on this day (default: today, everything).")
    String knownAt;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, markdown, json or csv (default: table).")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // every flag is checked before a database is started
        LocalDate known = Fields.optionalDate("knownAt", knownAt);
        Format output = format(format);
        try (ConfigurableApplicationContext context = LedgerContext.start(database, WebApplicationType.NONE)) {
            Duration timeout = context.getBean(ReportProperties.class).catchUpTimeout();
            context.getBean(ReportProcessor.class).awaitCaughtUp(timeout);
            // the nearest matching list is looked for among every list's day, each counted as known that day:
            // about a hundred counts, milliseconds from the snapshot, seconds from SQL (which answers if it is off)
            context.getBean(AgreementReports.class).awaitSnapshot(timeout);
            ReconciliationDocument document = context.getBean(Reconciliation.class).reconcile(known);
            String notice = context.getBean(LedgerSources.class).holdsSynthetic() ? LedgerSources.NOTICE : null;
            PrintWriter out = spec.commandLine().getOut();
            switch (output) {
                case json -> out.println(context.getBean(ObjectMapper.class).copy()
                        .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document));
                case csv -> out.print(ReconciliationCsv.of(document, notice));
                case markdown -> ReconciliationTable.markdown(out, document, notice);
                case table -> ReconciliationTable.text(out, document, notice);
            }
            out.flush();
        }
        return 0;
    }

    private static Format format(String value) {
        String text = Fields.optional(value);
        if (text == null) {
            return Format.table;
        }
        for (Format candidate : Format.values()) {
            if (candidate.name().equals(text.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw new InvalidFieldException("format", "unknown format '" + Fields.abbreviate(text)
                + "'; expected table, markdown, json or csv");
    }
}
