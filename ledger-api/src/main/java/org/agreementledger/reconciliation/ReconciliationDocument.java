package org.agreementledger.reconciliation;

import java.time.LocalDate;
import java.util.List;

/**
 * Every published figure reconciled against the ledger as known on {@code knownAt}.
 * {@code recordFrom}/{@code recordTo}: the span of days the ledger observed (null for an empty ledger);
 * a claim about a day outside it reads "no data".
 */
public record ReconciliationDocument(LocalDate knownAt, LocalDate recordFrom, LocalDate recordTo,
                                     List<ReconciliationLine> lines) {
}
