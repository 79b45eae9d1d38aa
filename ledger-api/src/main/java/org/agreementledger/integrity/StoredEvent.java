package org.agreementledger.integrity;

/** One row of {@code domainevententry} exactly as stored: the bytes a chain link covers. */
record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                   String type, String payloadType, String payloadRevision, String timestamp, byte[] payload,
                   byte[] metadata) {
}
