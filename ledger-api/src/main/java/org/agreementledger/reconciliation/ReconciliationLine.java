package org.agreementledger.reconciliation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A published figure beside the ledger's, and beside ICE's lists. {@code difference} is the claim minus
 * the ledger (positive: the source says more than the ledger holds); it, {@code ledgerValue} and every
 * field after them are null when the verdict is "no data".
 */
public record ReconciliationLine(
        PublishedFigure claim,
        @Schema(description = "the ledger's count under the claim's measure (agreements; agencies by the ledger's"
                + " identity, an agency being the one its name as known makes; states without territories) in"
                + " the claim's scope on the claim's day, as known on knownAt")
        Long ledgerValue,
        @Schema(description = "agencies only, nationally: the distinct agencies by printed name on the list in"
                + " force that day (its import report's agenciesListed); null otherwise")
        Long ledgerValueByPrintedName,
        @Schema(description = "claimed minus ledgerValue") Long difference,
        Verdict verdict,
        PublicationInForce publication,
        @Schema(description = "the applied list nearest the claim's day whose figure under the claim's own"
                + " measure and scope equals the claim, or null if none")
        ListMatch nearestMatch,
        @Schema(description = "the nearest applied list whose figure equals the claim when read as another"
                + " measure a source may have counted instead (agreements for agencies and back, states and"
                + " territories for states), or null if none")
        ListMatch otherMeasureMatch,
        @Schema(description = "the difference in words, made from the fields above") String explanation) {

    static ReconciliationLine noData(PublishedFigure claim, LocalDate knownAt, Optional<RecordSpan.Span> observed) {
        return new ReconciliationLine(claim, null, null, null, Verdict.NO_DATA, null, null, null,
                Explanation.noData(claim, knownAt, observed));
    }

    static ReconciliationLine of(PublishedFigure claim, long ledger, Long byPrintedName, PublicationInForce publication,
                                 ListMatch nearest, ListMatch otherMeasure, LocalDate knownAt) {
        long difference = claim.value() - ledger;
        return new ReconciliationLine(claim, ledger, byPrintedName, difference,
                difference == 0 ? Verdict.MATCHES : Verdict.DIFFERS, publication, nearest, otherMeasure,
                Explanation.of(claim, ledger, publication, nearest, otherMeasure, knownAt));
    }
}
