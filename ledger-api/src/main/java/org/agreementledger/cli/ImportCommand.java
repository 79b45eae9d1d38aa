package org.agreementledger.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.agreementledger.api.Fields;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.importing.app.ManifestImporter;
import org.agreementledger.importing.app.PublicationImporter;
import org.agreementledger.importing.PublicationManifest;
import org.agreementledger.progress.TerminalProgress;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.agreementledger.visibility.Acknowledgement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import ICE's participating- or pending-agencies publications (.xlsx or .csv): the files given,"
                + " in the order given, or those a manifest lists, in publication order.",
                "Each publication is appended whole or not at all; the same file for the same day again appends"
                        + " nothing; a list that would wreck the history is held for review.",
                "Exit status: 0 all imported; 1 a file was refused or held (the run goes on with the next);"
                        + " 2 bad input (a malformed manifest, say)."})
class ImportCommand extends LedgerCommand {

    enum Format { table, json }

    @Option(names = "--published-on", paramLabel = "YYYY-MM-DD",
            description = "The publication date (default: from ICE's file name, e.g. participatingAgencies05162025am.xlsx).")
    String publishedOn;

    @Option(names = "--manifest", paramLabel = "MANIFEST",
            description = "A CSV with header file,publishedOn,edition (other columns ignored; paths relative to it;"
                    + " empty publishedOn and edition are read from the name), e.g. archive/ice/MANIFEST.csv.")
    Path manifest;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table or json: one report per file (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "The publications, oldest first.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        LocalDate date = Fields.optionalDate("publishedOn", publishedOn);
        if (manifest != null && (!files.isEmpty() || date != null)) {
            throw new InvalidFieldException("manifest", "give either --manifest or files (with --published-on),"
                    + " not both: the manifest says each file's date");
        }
        if (manifest == null && files.isEmpty()) {
            throw new InvalidFieldException("file", "give the files to import, or --manifest");
        }
        PublicationManifest listed = manifest == null ? null : PublicationManifest.read(manifest);
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidFieldException("file", "no such file: " + file);
            }
        }
        PrintWriter out = out();
        List<ImportReport> reports = new ArrayList<>();
        onLedger(context -> {
            TerminalProgress progress = TerminalProgress.onStderr(err());
            // said done only once the reports hold it: a report asked after this exits includes it
            AcknowledgedWrites writes = context.getBean(AcknowledgedWrites.class);
            if (listed != null) {
                Acknowledgement<List<ImportReport>> imported = writes.append(
                        () -> context.getBean(ManifestImporter.class).importManifest(listed, progress));
                warnIfBehind(listed.path(), imported);
                reports.addAll(imported.result());
                if (format == Format.table) {
                    reports.forEach(report -> ImportReportTable.print(out, report));
                }
            } else {
                PublicationImporter importer = context.getBean(PublicationImporter.class);
                for (Path file : files) {
                    Acknowledgement<ImportReport> imported = writes.append(
                            () -> importer.importFile(file, file.getFileName().toString(), date, progress));
                    warnIfBehind(file, imported);
                    ImportReport report = imported.result();
                    reports.add(report);
                    if (format == Format.table) {
                        ImportReportTable.print(out, report);
                        out.flush();
                    }
                }
            }
            if (format == Format.json) {
                out.println(json(context, reports));
            }
            if (format == Format.table && listed != null) {
                ImportReportTable.summary(out, reports);
            }
            return reports;
        });
        return ManifestImporter.allImported(reports) ? 0 : LedgerCli.FAILURE;
    }

    private void warnIfBehind(Path what, Acknowledgement<?> imported) {
        if (!imported.visible()) {
            err().println(what.getFileName() + ": " + imported.behindMessage());
        }
    }
}
