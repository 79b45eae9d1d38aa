package org.agreementledger.reporting;

import java.time.LocalDate;
import java.util.List;

/** Headline counts at each step from {@code from} to {@code to} (both included when a step lands on it). */
public record Timeline(LocalDate from, LocalDate to, Step step, LocalDate knownAt, List<TimelinePoint> points) {
}
