package org.agreementledger.integrity;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The byte layout of a chain link, the Java twin of {@code ledger_chain_link} in
 * {@code V5__integrity.sql} (and of docs/auditing.md, the link layout): change one, change all three.
 *
 * <pre>
 * hash(n) = SHA-256(hash(n-1) ‖ int8 n ‖ int8 globalindex ‖ field(eventidentifier)
 *           ‖ field(aggregateidentifier) ‖ int8 sequencenumber ‖ field(type) ‖ field(payloadtype)
 *           ‖ field(payloadrevision) ‖ field(timestamp) ‖ field(payload) ‖ field(metadata))
 * field(x) = int4 length ‖ bytes (text as UTF-8, as {@link StoredEvent} holds it); null = int4 -1 and no bytes
 * int4, int8 = big-endian two's complement; hash(0) = 32 zero bytes
 * </pre>
 *
 * Not thread-safe: one instance per verification, so the digest object is reused per link.
 */
final class ChainLinks {

    static final byte[] GENESIS = new byte[32];

    private final MessageDigest sha256;
    private final ByteBuffer number = ByteBuffer.allocate(Long.BYTES);

    ChainLinks() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    byte[] link(byte[] previous, long position, StoredEvent event) {
        sha256.reset();
        sha256.update(previous);
        int8(position);
        int8(event.globalIndex());
        field(event.eventIdentifier());
        field(event.aggregateIdentifier());
        int8(event.sequenceNumber());
        field(event.type());
        field(event.payloadType());
        field(event.payloadRevision());
        field(event.timestamp());
        field(event.payload());
        field(event.metadata());
        return sha256.digest();
    }

    private void int8(long value) {
        sha256.update(number.clear().putLong(value).array());
    }

    private void field(byte[] value) {
        sha256.update(number.clear().putInt(value == null ? -1 : value.length).array(), 0, Integer.BYTES);
        if (value != null) {
            sha256.update(value);
        }
    }
}
