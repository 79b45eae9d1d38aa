package org.agreementledger.reporting;

import java.time.LocalDate;

/** The headline counts on one day of a timeline: states and territories apart, as in {@link Counts}. */
public record TimelinePoint(LocalDate date, long agreements, long agencies, long states, long territories) {
}
