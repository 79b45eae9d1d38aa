package org.agreementledger.reporting;

/** Agreements in force, and the distinct agencies holding them. */
public record Tally(long agreements, long agencies) {

    public static final Tally NONE = new Tally(0, 0);
}
