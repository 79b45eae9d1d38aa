package org.agreementledger.eventstore;

import static org.agreementledger.testing.TestAgreements.signing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The report processor's streams read the storage engine: everything stored from their token on,
 * then what is appended after they reached the head, once called back (after a commit here) or at
 * the poll (a single append, which calls back nobody).
 */
@TestPropertySource(properties = "ledger.test.ledger=prompt-event-source")
class PromptEventSourceTest extends LedgerIntegrationTest {

    @Autowired
    PromptEventSource source;
    @Autowired
    AgreementLedger ledger;
    @Autowired
    AcknowledgedWrites writes;

    @Test
    void aStreamReadsOnPastTheHeadWhenCalledBackOrPolled() throws InterruptedException {
        String before = ledger.sign(signing());
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            AtomicInteger calledBack = new AtomicInteger();
            assertThat(stream.setOnAvailableCallback(calledBack::incrementAndGet)).isTrue();
            assertThat(signedIn(drain(stream))).as("stored before the stream opened").contains(before);
            assertThat(stream.hasNextAvailable()).as("at the head").isFalse();

            String committed = ledger.sign(signing());
            awaitCallBack(calledBack);
            assertThat(signedIn(drain(stream))).as("appended after it reached the head").containsExactly(committed);

            String single = writes.appendSingle(() -> ledger.sign(signing())).result();
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).as("a single append, at the poll").isTrue();
            assertThat(signedIn(drain(stream))).containsExactly(single);
        }
    }

    private static List<TrackedEventMessage<?>> drain(BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        while (stream.hasNextAvailable()) {
            events.add(stream.nextAvailable());
        }
        return events;
    }

    private static List<String> signedIn(List<TrackedEventMessage<?>> events) {
        return events.stream().map(TrackedEventMessage::getPayload).filter(AgreementSigned.class::isInstance)
                .map(payload -> ((AgreementSigned) payload).agreementId()).toList();
    }

    private static void awaitCallBack(AtomicInteger calledBack) throws InterruptedException {
        int before = calledBack.get();
        for (int i = 0; i < 100 && calledBack.get() == before; i++) {
            Thread.sleep(10);
        }
        assertThat(calledBack.get()).as("called back").isGreaterThan(before);
    }
}
