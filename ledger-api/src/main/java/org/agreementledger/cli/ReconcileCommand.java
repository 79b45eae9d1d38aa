package org.agreementledger.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import org.agreementledger.demo.LedgerSources;
import org.agreementledger.reconciliation.Reconciliation;
import org.agreementledger.reconciliation.ReconciliationCsv;
import org.agreementledger.reconciliation.ReconciliationDocument;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.reporting.app.ReportProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Each published figure (published-figures.json) beside the ledger's count of the same measure,",
                "scope and day as known on a day (default: today), beside the agencies by printed name and the",
                "list of ICE's in force that day, and the nearest list giving the claimed value, with the",
                "difference explained. markdown is the table docs/reports.md shows."})
class ReconcileCommand extends LedgerCommand {

    enum Format { table, markdown, json, csv }

    @Mixin
    KnownAtOption knownAt;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, markdown, json or csv (default: table).")
    String format;

    @Override
    public Integer call() throws Exception {
        // every flag is checked before a database is started
        LocalDate known = knownAt.day();
        Format output = FormatOption.parse(format, Format.table);
        return onLedger(context -> {
            Duration timeout = context.getBean(ReportProperties.class).catchUpTimeout();
            context.getBean(ReportProcessor.class).awaitCaughtUp(timeout);
            // the nearest matching list is looked for among every list's day, each counted as known that day:
            // about a hundred counts, milliseconds from the snapshot, seconds from SQL (which answers if it is off)
            context.getBean(AgreementReports.class).awaitSnapshot(timeout);
            ReconciliationDocument document = context.getBean(Reconciliation.class).reconcile(known);
            String notice = context.getBean(LedgerSources.class).holdsSynthetic() ? LedgerSources.NOTICE : null;
            PrintWriter out = out();
            switch (output) {
                case json -> out.println(json(context, document));
                case csv -> out.print(ReconciliationCsv.of(document, notice));
                case markdown -> ReconciliationTable.markdown(out, document, notice);
                case table -> ReconciliationTable.text(out, document, notice);
            }
            out.flush();
            return 0;
        });
    }
}
