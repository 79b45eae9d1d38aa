package org.agreementledger.cli;

import org.agreementledger.agreement.app.AgreementRequests;
import picocli.CommandLine.Option;

/** Where an appended fact comes from: every event carries its source. */
class SourceOptions {

    @Option(names = "--source-kind", paramLabel = "KIND", defaultValue = "manual",
            description = "ice-sheet, pending-sheet, press or manual (default: ${DEFAULT-VALUE}; synthetic data comes"
                    + " only from `demo`).")
    String kind;

    @Option(names = "--source-title", paramLabel = "TEXT", required = true,
            description = "What the source is, e.g. \"NBC News, 2026-02-12\".")
    String title;

    @Option(names = "--source-ref", paramLabel = "URL|FILE", description = "URL or file name of the source.")
    String reference;

    @Option(names = "--source-sha256", paramLabel = "HEX", description = "SHA-256 of the source file.")
    String sha256;

    @Option(names = "--source-published-on", paramLabel = "YYYY-MM-DD", description = "When the source was published.")
    String publishedOn;

    AgreementRequests.SourceBody toBody() {
        return new AgreementRequests.SourceBody(kind, title, reference, sha256, publishedOn, null);
    }
}
