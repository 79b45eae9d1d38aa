package org.agreementledger.integrity;

/**
 * One place where today's stored events disagree with the chain, at the chain position where it
 * shows. {@code globalIndex}, {@code aggregateIdentifier} and {@code sequenceNumber} say which
 * event, where known.
 */
public record Finding(long position, Kind kind, Long globalIndex, String aggregateIdentifier, Long sequenceNumber,
                      String detail) {

    public enum Kind {
        /** The event's stored bytes no longer hash to its link. */
        CHANGED,
        /** A link names an event that is no longer stored. */
        DELETED,
        /** An event is stored that no link covers: it was slipped in past the chain. */
        INSERTED,
        /** Link rows themselves are missing: the chain skips positions. */
        LINK_MISSING
    }
}
