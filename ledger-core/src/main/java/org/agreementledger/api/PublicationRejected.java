package org.agreementledger.api;

/** An archivist rejected a held publication, for this reason: it is never applied. */
public record PublicationRejected(String publicationId, String reason) {
}
