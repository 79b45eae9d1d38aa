package org.agreementledger.bench;

/** A ten-year timeline by day from the report snapshot, beside single counts scaled to every point. */
record TimelineFigure(String from, String to, int points, double ms, int runs, String runsNote, String source,
                      double sqlMs, String sqlMeaning, boolean answersAgree, String baseline,
                      int baselineSampledCounts, double baselineSampleMs, double baselineMs, double ratio,
                      String ratioMeaning) {
}
