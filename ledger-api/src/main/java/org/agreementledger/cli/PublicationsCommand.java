package org.agreementledger.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agreementledger.api.Fields;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.importing.app.PublicationImporter;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.listing.RecordedPublication;
import org.agreementledger.progress.TerminalProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publications", mixinStandardHelpOptions = true,
        description = {"ICE's publications the ledger recorded, with their state: applied, held for review,"
                + " released (applied after review) or rejected.",
                "A held list changed no agreement; release applies it (if no later list has been applied since),"
                        + " reject keeps it out for good. Each is an event with its reason."},
        subcommands = {PublicationsCommand.Release.class, PublicationsCommand.Reject.class})
class PublicationsCommand extends LedgerCommand {

    enum Format { table, json }

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    Format format;

    @Override
    public Integer call() throws Exception {
        return onLedger(context -> {
            List<RecordedPublication> publications = context.getBean(CurrentAgreements.class).publications();
            if (format == Format.json) {
                out().println(json(context, publications));
            } else {
                print(out(), publications);
            }
            return 0;
        });
    }

    static void print(PrintWriter out, List<RecordedPublication> publications) {
        out.printf("%-10s  %-4s  %-9s  %-12s  %-48s  %s%n", "PUBLISHED", "ED.", "STATE", "SHA256", "FILE", "REASON");
        for (RecordedPublication publication : publications) {
            ImportReport report = publication.report();
            out.printf("%-10s  %-4s  %-9s  %-12s  %-48s  %s%n", report.publishedOn(),
                    report.edition() == null ? "" : report.edition(), publication.state(),
                    report.sha256().substring(0, 12), report.fileName(),
                    publication.reason() == null ? "" : publication.reason());
        }
        out.printf("%d publications; held ones are released or rejected by id or SHA-256 prefix"
                + " (`publications release ID --reason TEXT --file FILE`)%n", publications.size());
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Apply a held list after all, if no later list has been applied since.")
    static class Release extends Review {

        @Option(names = "--file", required = true, paramLabel = "FILE",
                description = "The held list's file again (checked by its SHA-256).")
        Path file;

        @Override
        public Integer call() throws Exception {
            Fields.required("reason", reason);
            if (!Files.isRegularFile(file)) {
                throw new InvalidFieldException("file", "no such file: " + file);
            }
            ImportReport report = onLedger(context -> context.getBean(PublicationImporter.class)
                    .release(publication, reason, file, TerminalProgress.onStderr(err())));
            ImportReportTable.print(out(), report);
            return 0;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Keep a held list out for good.")
    static class Reject extends Review {

        @Override
        public Integer call() throws Exception {
            Fields.required("reason", reason);
            RecordedPublication rejected = onLedger(context -> context.getBean(PublicationImporter.class)
                    .reject(publication, reason));
            out().printf("rejected %s (%s, %s): %s%n", rejected.publicationId(), rejected.report().fileName(),
                    rejected.report().publishedOn(), rejected.reason());
            return 0;
        }
    }

    /** A held publication's review: which one, and why it is released or rejected. */
    abstract static class Review extends LedgerCommand {

        @Parameters(paramLabel = "PUBLICATION", description = "Its id, or 8 or more digits of its SHA-256.")
        String publication;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why, kept with the event that records it.")
        String reason;
    }
}
