package org.agreementledger.reporting;

import java.time.LocalDate;
import java.util.List;

/** One page of the agreements in force, ordered by agreement id; {@code total} counts all pages. */
public record AgreementPage(LocalDate asOf, LocalDate knownAt, int page, int size, long total,
                            List<InForceAgreement> agreements) {
}
