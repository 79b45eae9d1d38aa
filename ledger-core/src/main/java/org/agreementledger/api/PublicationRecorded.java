package org.agreementledger.api;

/** A publication was imported; the events it caused were appended in the same transaction. */
public record PublicationRecorded(String publicationId, ImportReport report) {
}
