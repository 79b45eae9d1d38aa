package org.agreementledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.agreementledger.api.Fields;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.importing.PublicationImporter;
import org.agreementledger.progress.TerminalProgress;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.agreementledger.visibility.Acknowledgement;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import ICE's participating-agencies publications (.xlsx or .csv), in the order given.",
                "Each publication is appended whole or not at all; the same file again appends nothing."})
class ImportCommand implements Callable<Integer> {

    enum Format { table, json }

    @Mixin
    DatabaseOptions database;

    @Option(names = "--published-on", paramLabel = "YYYY-MM-DD",
            description = "The publication date (default: from ICE's file name, e.g. participatingAgencies05162025am.xlsx).")
    String publishedOn;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The publications, oldest first.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LocalDate date = Fields.optionalDate("publishedOn", publishedOn);
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidFieldException("file", "no such file: " + file);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        List<ImportReport> reports = new ArrayList<>();
        try (ConfigurableApplicationContext context = LedgerContext.start(database, WebApplicationType.NONE)) {
            PublicationImporter importer = context.getBean(PublicationImporter.class);
            AcknowledgedWrites writes = context.getBean(AcknowledgedWrites.class);
            TerminalProgress progress = TerminalProgress.onStderr(spec.commandLine().getErr());
            for (Path file : files) {
                // said done only once the reports hold it: a report asked after this exits includes it
                Acknowledgement<ImportReport> imported = writes.append(
                        () -> importer.importFile(file, file.getFileName().toString(), date, progress));
                if (!imported.visible()) {
                    spec.commandLine().getErr().println(file.getFileName() + ": " + imported.behindMessage());
                }
                ImportReport report = imported.result();
                reports.add(report);
                if (format == Format.table) {
                    ImportReportTable.print(out, report);
                    out.flush();
                }
            }
            if (format == Format.json) {
                out.println(context.getBean(ObjectMapper.class).copy().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(reports));
            }
        }
        return 0;
    }
}
