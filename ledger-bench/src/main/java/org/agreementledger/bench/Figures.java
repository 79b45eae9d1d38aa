package org.agreementledger.bench;

import java.util.Map;

/** Every figure of one run at one size, by phase, and the heap's peaks by phase. */
record Figures(AppendFigure append, RebuildFigure rebuild, ReadOnceFigure readOnce, CountsFigure counts,
               TimelineFigure timeline, VerifyFigure verify, SingleAppendsFigure singleAppends,
               BulkImportFigure bulkImport, Map<String, HeapPeaks> heapMb) {

    /** MB: the peak used (garbage included) and the peak left after a collection (the live set). */
    record HeapPeaks(double peakUsed, double peakAfterGc) {
    }
}
