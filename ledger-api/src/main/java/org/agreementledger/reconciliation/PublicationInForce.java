package org.agreementledger.reconciliation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/**
 * The list of ICE's in force on a claim's day (the last applied on or before it) and what it says, each
 * figure as known on its own day.
 *
 * @param value the list's figure under the claim's measure and scope: agreements listed (in a state, the
 *              ledger's count as of the list's day as known that day), agencies by identity, or states
 */
@Schema(description = "the list of ICE's in force on the claim's day: the last the ledger applied on or before it")
public record PublicationInForce(String publicationId, String fileName, LocalDate publishedOn,
                                 @Schema(description = "distinct agreements the list prints") long agreementsListed,
                                 @Schema(description = "distinct agencies by the name the list prints")
                                 long agenciesListed,
                                 @Schema(description = "states (the 50 and DC) the list has an agreement in")
                                 long states,
                                 @Schema(description = "territories the list has an agreement in") long territories,
                                 @Schema(description = "the list's figure under the claim's measure and scope (agencies:"
                                         + " by identity as known on the list's day)") long value) {
}
