package org.agreementledger.bench;

/**
 * The projection rebuild (the time from the call to the switch) against reading and folding: the same
 * events streamed out of PostgreSQL in (aggregate, sequence) order, deserialised and folded, writing
 * nothing ({@link ReadAndFold}). Target: {@code ratio} at least {@value #TARGET} at 1M. The in-memory
 * fold of the events read once is kept beside it ({@code foldEventsPerSecond}, {@code foldRatio}).
 */
record RebuildFigure(long events, double seconds, Double snapshotReadSeconds, double eventsPerSecond,
                     String baseline, long baselineVersions, double baselineSeconds, double baselineEventsPerSecond,
                     double ratio, String target,
                     String fold, long foldVersions, double foldSeconds, double foldEventsPerSecond,
                     double foldRatio) {

    static final double TARGET = 0.5;
}
