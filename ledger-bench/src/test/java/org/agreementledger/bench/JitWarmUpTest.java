package org.agreementledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's chunks against requests that only record what they were asked to send: a signing
 * is made of its number, so a number sent twice is an agreement signed twice, refused as a conflict.
 */
class JitWarmUpTest {

    @Test
    void everyChunkSendsRequestsNumberedOnFromTheLastOnes() throws Exception {
        List<Integer> numbers = new CopyOnWriteArrayList<>();
        AtomicInteger chunks = new AtomicInteger();
        // at most 0.6 s: a first chunk of 0.2 s and at least one more, settled or not
        JitWarmUp.run((client, i) -> numbers.add(i), 2, 100, 0.2, 0.2, 0.6, () -> true, chunks::incrementAndGet);

        assertThat(chunks.get()).as("chunks run").isGreaterThanOrEqualTo(2);
        assertThat(Set.copyOf(numbers)).as("no request number sent twice").hasSize(numbers.size());
        assertThat(numbers).as("20 requests a chunk, numbered from 0 on").hasSize(20 * chunks.get())
                .containsAll(List.of(0, 19, 20, 20 * chunks.get() - 1));
    }

    @Test
    void theWarmUpGoesOnUntilTheOccasionalWorkHasRun() throws Exception {
        AtomicInteger chunks = new AtomicInteger();
        // the occasional work (a fold, in the bench) runs during the third chunk
        JitWarmUp.Result result = JitWarmUp.run((client, i) -> { }, 2, 100, 0.2, 0.2, 5, () -> chunks.get() >= 3,
                chunks::incrementAndGet);

        assertThat(chunks.get()).as("chunks run").isGreaterThanOrEqualTo(3);
        assertThat(result.occasionalRan()).isTrue();
        assertThat(result.toString()).doesNotContain("not run");
    }

    @Test
    void aWarmUpWhoseOccasionalWorkNeverRanIsNotSettledAndSaysSo() throws Exception {
        AtomicInteger chunks = new AtomicInteger();
        JitWarmUp.Result result = JitWarmUp.run((client, i) -> { }, 2, 100, 0.2, 0.2, 1, () -> false,
                chunks::incrementAndGet);

        assertThat(chunks.get()).as("chunks until the most seconds: 0.2 s, then 0.2 s each up to 1 s")
                .isGreaterThanOrEqualTo(4);
        assertThat(result.settled()).isFalse();
        assertThat(result.toString()).contains("not settled").contains("the occasional work not run");
    }

    @Test
    void aChunkWithFailedRequestsStopsTheWarmUpSayingWhy() {
        Set<Integer> signed = ConcurrentHashMap.newKeySet();
        AtomicInteger chunks = new AtomicInteger();
        OpenLoop.Request refusingRepeats = (client, i) -> {
            if (!signed.add(i % 30)) {
                throw new IllegalStateException("agreement " + (i % 30) + " is already signed");
            }
        };

        assertThatThrownBy(() -> JitWarmUp.run(refusingRepeats, 2, 100, 0.2, 0.2, 5, () -> true,
                chunks::incrementAndGet))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the warm-up's requests failed (10 of 20, requests 20 on")
                .hasMessageContaining("is already signed");
        assertThat(chunks.get()).as("the second chunk failed, and no third ran").isEqualTo(1);
    }
}
