package org.agreementledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An archivist releases a held publication: it is applied after all, with {@code report} saying what
 * it did. Sent together with the publication's agreement commands, in one transaction.
 */
public record ReleasePublication(@TargetAggregateIdentifier String publicationId, String reason, ImportReport report) {

    public ReleasePublication {
        Fields.required("publicationId", publicationId);
        reason = Fields.required("reason", reason);
        Fields.required("report", report);
    }
}
