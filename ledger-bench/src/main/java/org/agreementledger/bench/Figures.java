package org.agreementledger.bench;

import java.util.Map;

/**
 * Every figure of one run at one size, by phase, and the heap's peaks by phase. (The snapshot-following
 * phase, added on main beside this split, still returns a map.)
 */
record Figures(AppendFigure append, RebuildFigure rebuild, ReadOnceFigure readOnce, CountsFigure counts,
               TimelineFigure timeline, Map<String, Object> snapshotFollowing, VerifyFigure verify, SingleAppendsFigure singleAppends,
               BulkImportFigure bulkImport, Map<String, HeapPeaks> heapMb) {

    /** MB: the peak used (garbage included) and the peak left after a collection (the live set). */
    record HeapPeaks(double peakUsed, double peakAfterGc) {
    }
}
