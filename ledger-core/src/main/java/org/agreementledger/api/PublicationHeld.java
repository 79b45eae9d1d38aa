package org.agreementledger.api;

/** A publication was recorded but held for review: no agreement changed because of it. */
public record PublicationHeld(String publicationId, ImportReport report, String reason) {
}
