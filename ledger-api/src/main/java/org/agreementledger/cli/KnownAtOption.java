package org.agreementledger.cli;

import java.time.LocalDate;
import org.agreementledger.api.Fields;
import picocli.CommandLine.Option;

/** The day of knowledge a report is read as of, for the commands that report. */
class KnownAtOption {

    @Option(names = "--known-at", paramLabel = "YYYY-MM-DD",
            description = "Only what was public by this day (default: today, everything).")
    String knownAt;

    /** The day, or null for today; a bad date is refused naming knownAt. */
    LocalDate day() {
        return Fields.optionalDate("knownAt", knownAt);
    }
}
