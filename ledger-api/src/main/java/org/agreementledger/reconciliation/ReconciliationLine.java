package org.agreementledger.reconciliation;

/**
 * A published figure beside the ledger's. {@code difference} is the claim minus the ledger (positive:
 * the source says more than the ledger holds); both it and {@code ledgerValue} are null when the
 * verdict is "no data".
 */
public record ReconciliationLine(PublishedFigure claim, Long ledgerValue, Long difference, Verdict verdict) {
}
