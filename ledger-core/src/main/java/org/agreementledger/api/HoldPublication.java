package org.agreementledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a publication held for review: what it would have done, and why nothing of it was applied
 * (it would withdraw too many agreements at once, lacks the SIGNED column, or has rows no rule reads).
 */
public record HoldPublication(@TargetAggregateIdentifier String publicationId, ImportReport report, String reason) {

    public HoldPublication {
        Fields.required("publicationId", publicationId);
        Fields.required("report", report);
        reason = Fields.required("reason", reason);
    }
}
