package org.agreementledger.bench;

/** Verifying the hash chain, beside a SHA-256 chain over the same link bytes held in memory. */
record VerifyFigure(long events, boolean intact, double seconds, double eventsPerSecond, String baseline,
                    long baselineBytes, double baselineSeconds, double baselineEventsPerSecond,
                    boolean baselineMatchesTip, double ratio) {
}
