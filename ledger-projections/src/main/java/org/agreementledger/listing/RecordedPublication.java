package org.agreementledger.listing;

import org.agreementledger.api.ImportReport;

/**
 * A publication as the ledger recorded it.
 *
 * @param state  {@code applied}; {@code held} for review; {@code released} (applied after review);
 *               {@code rejected} (never applied)
 * @param reason why it was held, released or rejected; null for a list applied as it came
 */
public record RecordedPublication(String publicationId, String state, String reason, ImportReport report) {

    public static final String HELD = "held";
}
