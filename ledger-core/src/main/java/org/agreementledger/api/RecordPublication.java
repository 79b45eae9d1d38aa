package org.agreementledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Keep a publication's import report in the ledger, once per distinct file (by SHA-256). */
public record RecordPublication(@TargetAggregateIdentifier String publicationId, ImportReport report) {

    public static String idOf(String sha256) {
        return "publication-" + sha256;
    }
}
