package org.agreementledger.bench;

/** Generated publications imported one after the other, beside reading the same workbooks only. */
record BulkImportFigure(int publications, String rowsPerPublication, boolean scaledDown, String format,
                        long sheetRows, long events, double seconds, double rowsPerSecond, double firstPublicationMs,
                        double laterPublicationP50Ms, String target, String baseline, double baselineSeconds,
                        double baselineRowsPerSecond, double ratio) {

    static final double TARGET_ROWS_PER_SECOND = 20_000;
}
