package org.agreementledger.bench;

/**
 * Counts, national and by state in one answer, from the report snapshot at random (asOf, knownAt),
 * beside the snapshot's corners alone, the SQL fallback and one in-memory fold of the events.
 */
record CountsFigure(int queries, double p50Ms, double p99Ms, double meanMs, String answers, String source,
                    double snapshotLoadMs, double cornersP50Ms, double cornersP99Ms, String cornersMeaning,
                    boolean cornersAgreeWithSql, int snapshotCorners,
                    long snapshotCornersMs, double snapshotBytesPerVersion, long versions, int sqlQueries,
                    double sqlP50Ms, double sqlP99Ms, String sqlMeaning, String baseline, double baselineMs,
                    double ratio, String ratioMeaning, double prefoldedScanMs, boolean answersAgree, long checksum) {
}
