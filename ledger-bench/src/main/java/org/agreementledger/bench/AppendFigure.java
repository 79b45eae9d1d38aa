package org.agreementledger.bench;

/**
 * The import's append path (AtomicAppender, {@code batch} commands a transaction) against its floor:
 * the same events inserted by one JDBC batch a transaction into a ledger's store with its indexes,
 * the chain's triggers and the listing row ({@link AppendFloor}). Target: {@code ratio} (against the
 * floor) at least {@value #TARGET}, judged on the same transactions of both after the first
 * {@code warmUpTransactions} ({@link AppendPhase#WARM_UP_TRANSACTIONS}: the JIT's warm-up);
 * {@code wholeRunRatio} is the rates over every transaction. The plain-INSERT ratio is kept beside
 * it for comparison, the floor's cost per row is split into the store's indexes, the chain and the
 * listing, and the append's CPU per command by stage (JFR, {@link StageProfile}).
 */
record AppendFigure(long agreements, long commands, long events, int batch, double seconds,
                    double secondsWithCommandBuilding, double eventsPerSecond,
                    String baseline, double baselineSeconds, double baselineRowsPerSecond, double ratio, String target,
                    int warmUpTransactions, long judgedEvents, double judgedSeconds, double judgedBaselineSeconds,
                    double wholeRunRatio,
                    Floor floor,
                    String plain, double plainSeconds, double plainRowsPerSecond, double plainRatio,
                    StageProfile.Profile profile) {

    static final double TARGET = 0.6;

    /**
     * Microseconds a row of each variant, each on a fresh database of the same server, and the floor's
     * cost split by difference: the store and its indexes, the chain, the listing row (null where the
     * parts were left out, -Dbench.floorParts=false).
     */
    record Floor(double plainTableUs, Double storeIndexesOnlyUs, Double storeChainedUs, double floorUs,
                 Double chainUs, Double listingUs, double javaUs, String meaning) {
    }
}
