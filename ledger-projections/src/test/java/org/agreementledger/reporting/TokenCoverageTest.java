package org.agreementledger.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/**
 * What a segment's token says the reports hold. A gap is an index the processor passed while its
 * event was not committed yet (or never will be): that event is not taken in, whatever comes after.
 */
class TokenCoverageTest {

    private static TrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Arrays.asList(gaps));
    }

    @Test
    void aTokenCoversWhatIsAtOrBeforeItsIndexExceptItsGaps() {
        TrackingToken token = token(20, 12L, 17L);
        assertThat(ReportProcessor.covers(token, 20)).isTrue();
        assertThat(ReportProcessor.covers(token, 11)).isTrue();
        assertThat(ReportProcessor.covers(token, 12)).as("in flight when the processor passed it").isFalse();
        assertThat(ReportProcessor.covers(token, 17)).isFalse();
        assertThat(ReportProcessor.covers(token, 21)).isFalse();
        assertThat(ReportProcessor.covers(null, 0)).as("a segment that has taken in nothing").isFalse();
    }

    @Test
    void aReplayCoversOnlyWhatItHasReplayedSoFar() {
        TrackingToken replaying = ReplayToken.createReplayToken(token(50), token(10));
        assertThat(ReportProcessor.covers(replaying, 10)).isTrue();
        assertThat(ReportProcessor.covers(replaying, 11)).isFalse();
    }

    @Test
    void everySegmentsTokenHasTakenInEverythingUpToTheLowestIndexBelowItsFirstGap() {
        assertThat(ReportProcessor.everyIndexUpTo(List.of(token(20), token(30)))).isEqualTo(20);
        assertThat(ReportProcessor.everyIndexUpTo(List.of(token(20), token(30, 14L)))).isEqualTo(13);
        assertThat(ReportProcessor.everyIndexUpTo(Arrays.asList(token(20), null))).isEqualTo(-1);
        assertThat(ReportProcessor.everyIndexUpTo(List.of())).isEqualTo(-1);
    }
}
