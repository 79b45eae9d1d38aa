package org.agreementledger.reconciliation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A list of ICE's whose figure, under {@code reading}, equals a claim.
 *
 * @param daysFromClaim the list's day minus the claim's day: negative for a list published before it
 */
@Schema(description = "the applied list of ICE's nearest in time to the claim's day whose figure, read as"
        + " reading says, equals the claim (ties: the earlier list; for agencies, by identity before by printed"
        + " name)")
public record ListMatch(String publicationId, String fileName, LocalDate publishedOn,
                        @Schema(description = "agreements (nationally the distinct agreements the list prints, in a"
                                + " state the ledger's count as of the list's day as known that day), agencies by"
                                + " identity, agencies by printed name (nationally only), states (territories"
                                + " excluded), or states and territories")
                        ListReading reading, long value,
                        @Schema(description = "the list's day minus the claim's day, negative for an earlier list")
                        long daysFromClaim) {

    static ListMatch of(PublishedList list, ListReading reading, long value, LocalDate claimDay) {
        return new ListMatch(list.publicationId(), list.fileName(), list.publishedOn(), reading, value,
                ChronoUnit.DAYS.between(claimDay, list.publishedOn()));
    }
}
