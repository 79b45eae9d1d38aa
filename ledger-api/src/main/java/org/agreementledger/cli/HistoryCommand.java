package org.agreementledger.cli;

import java.io.PrintWriter;
import java.util.List;
import org.agreementledger.agreement.app.AgreementHistory;
import org.agreementledger.agreement.app.HistoryEntry;
import org.agreementledger.api.Fields;
import org.agreementledger.api.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Every event of one agreement, oldest first, with effectiveOn, knownOn, append time and source.")
class HistoryCommand extends LedgerCommand {

    enum Format { table, json }

    @Parameters(paramLabel = "AGREEMENT_ID", description = "e.g. AL-colbert-county-sheriffs-office#JEM#2025-01-02")
    String agreementId;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
        Fields.required("agreementId", agreementId);
        return onLedger(context -> {
            List<HistoryEntry> entries = context.getBean(AgreementHistory.class).of(agreementId);
            if (format == Format.json) {
                out().println(json(context, entries));
            } else {
                printTable(out(), entries);
            }
            return 0;
        });
    }

    private void printTable(PrintWriter out, List<HistoryEntry> entries) {
        out.println(agreementId);
        String row = "%-4s %-20s %-11s %-11s %-27s %s%n";
        out.printf(row, "SEQ", "EVENT", "EFFECTIVE", "KNOWN", "APPENDED (UTC)", "SOURCE");
        for (HistoryEntry entry : entries) {
            out.printf(row, entry.sequenceNumber(), entry.type(), entry.effectiveOn(), entry.knownOn(),
                    entry.appendedAt(), describe(entry.source()));
            out.printf("     %s%n", entry.event().summary());
        }
    }

    private static String describe(Source source) {
        StringBuilder text = new StringBuilder(source.kind().name().toLowerCase(java.util.Locale.ROOT))
                .append(": ").append(source.citation());
        if (source.reference() != null) {
            text.append(" <").append(source.reference()).append('>');
        }
        if (source.sheetRow() != null) {
            text.append(" row ").append(source.sheetRow());
        }
        if (source.sha256() != null) {
            text.append(" sha256 ").append(source.sha256(), 0, 12).append('…');
        }
        return text.toString();
    }
}
