package org.agreementledger.integrity;

import java.nio.charset.StandardCharsets;

/**
 * One row of {@code domainevententry} exactly as stored: the bytes a chain link covers. The text
 * columns are kept as the UTF-8 bytes PostgreSQL sent (what {@code convert_to(value, 'UTF8')} gives
 * the trigger), so verifying decodes no text and encodes none back; null stays null.
 */
record StoredEvent(long globalIndex, byte[] eventIdentifier, byte[] aggregateIdentifier, long sequenceNumber,
                   byte[] type, byte[] payloadType, byte[] payloadRevision, byte[] timestamp, byte[] payload,
                   byte[] metadata) {

    /** The aggregate's identifier as text, for a finding. */
    String aggregate() {
        return aggregateIdentifier == null ? null : new String(aggregateIdentifier, StandardCharsets.UTF_8);
    }
}
