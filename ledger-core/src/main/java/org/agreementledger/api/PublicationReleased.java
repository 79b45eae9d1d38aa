package org.agreementledger.api;

/** An archivist released a held publication, for this reason; its {@link PublicationRecorded} follows. */
public record PublicationReleased(String publicationId, String reason) {
}
