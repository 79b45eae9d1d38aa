package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Keep a publication's import report in the ledger, once per distinct file and day. */
public record RecordPublication(@TargetAggregateIdentifier String publicationId, ImportReport report) {

    /** A file's first publication: {@code publication-{sha256}}. */
    public static String idOf(String sha256) {
        return "publication-" + sha256;
    }

    /** The same bytes posted again on another day (ICE re-posted an old list): a publication of its own. */
    public static String idOf(String sha256, LocalDate publishedOn) {
        return idOf(sha256) + "@" + publishedOn;
    }
}
