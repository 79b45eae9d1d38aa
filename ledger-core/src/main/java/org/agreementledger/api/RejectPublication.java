package org.agreementledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An archivist rejects a held publication: it stays recorded and is never applied. */
public record RejectPublication(@TargetAggregateIdentifier String publicationId, String reason) {

    public RejectPublication {
        Fields.required("publicationId", publicationId);
        reason = Fields.required("reason", reason);
    }
}
