package org.agreementledger.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which events of a batch's agreements the projection takes from the batch and which it asks the
 * store for. The store is stood in for by a function handing out events by sequence number, so the
 * test sees exactly what was asked; the rows written from the result are checked against real
 * PostgreSQL by ProjectionRebuildTest and ProjectionPropertyTest (ledger-api).
 */
class TouchedAgreementsTest {

    /** The store holds events 0 to 9 of every agreement asked. */
    private static final int STORED = 10;

    private final Map<String, Long> asked = new LinkedHashMap<>();

    private Map<String, List<RecordedEvent>> store(Map<String, Long> before) {
        asked.putAll(before);
        Map<String, List<RecordedEvent>> events = new LinkedHashMap<>();
        before.forEach((agreementId, until) -> {
            List<RecordedEvent> stream = new ArrayList<>();
            for (long sequence = 0; sequence < Math.min(until, STORED); sequence++) {
                stream.add(new RecordedEvent(sequence, null));
            }
            events.put(agreementId, stream);
        });
        return events;
    }

    private static List<Long> sequences(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::sequenceNumber).toList();
    }

    @Test
    void aStreamStartingInTheBatchIsTakenFromTheBatchAlone() {
        AgreementRows.TouchedAgreements touched = new AgreementRows.TouchedAgreements();
        touched.handled("A", new RecordedEvent(0, null));
        touched.handled("A", new RecordedEvent(1, null));

        Map<String, List<RecordedEvent>> histories = touched.histories(this::store);

        assertThat(asked).isEmpty();
        assertThat(sequences(histories.get("A"))).containsExactly(0L, 1L);
    }

    @Test
    void theEventsBeforeTheBatchsFirstComeFromTheStoreAndNoneAfterItsLast() {
        AgreementRows.TouchedAgreements touched = new AgreementRows.TouchedAgreements();
        touched.handled("B", new RecordedEvent(3, null));
        touched.handled("B", new RecordedEvent(4, null));
        touched.handled("C", new RecordedEvent(0, null));

        Map<String, List<RecordedEvent>> histories = touched.histories(this::store);

        assertThat(asked).containsExactly(Map.entry("B", 3L));
        assertThat(sequences(histories.get("B"))).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(sequences(histories.get("C"))).containsExactly(0L);
    }

    @Test
    void handledEventsThatSkipASequenceNumberAreAllReadFromTheStoreInstead() {
        AgreementRows.TouchedAgreements touched = new AgreementRows.TouchedAgreements();
        touched.handled("D", new RecordedEvent(2, null));
        touched.handled("D", new RecordedEvent(4, null));

        Map<String, List<RecordedEvent>> histories = touched.histories(this::store);

        assertThat(asked).containsExactly(Map.entry("D", 5L));
        assertThat(sequences(histories.get("D"))).containsExactly(0L, 1L, 2L, 3L, 4L);
    }
}
