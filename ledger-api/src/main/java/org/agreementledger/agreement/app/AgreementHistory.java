package org.agreementledger.agreement.app;

import java.util.ArrayList;
import java.util.List;
import org.agreementledger.api.AgreementEvent;
import org.agreementledger.api.AgreementNotFoundException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

/** Reads an agreement's events straight from the store, oldest first: the record itself, not a projection. */
@Service
public class AgreementHistory {

    private final EventStore eventStore;

    AgreementHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public List<HistoryEntry> of(String agreementId) {
        List<HistoryEntry> entries = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(agreementId);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof AgreementEvent event) {
                entries.add(new HistoryEntry(message.getSequenceNumber(), message.getPayloadType().getSimpleName(),
                        event.effectiveOn(), event.knownOn(), message.getTimestamp(), event.source(), event));
            }
        }
        if (entries.isEmpty()) {
            throw new AgreementNotFoundException(agreementId);
        }
        return entries;
    }
}
