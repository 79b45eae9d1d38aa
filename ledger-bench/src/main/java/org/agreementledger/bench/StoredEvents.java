package org.agreementledger.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.agreementledger.api.AgreementEvent;
import org.agreementledger.reporting.AgreementVersion;
import org.agreementledger.reporting.AgreementVersions;
import org.agreementledger.reporting.RecordedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/** The agreement events of the store held in memory: the input of the in-memory baselines. */
final class StoredEvents {

    record Recorded(String agreementId, RecordedEvent event) {
    }

    private StoredEvents() {
    }

    /** Every agreement event, read once by Axon's reader (payloads deserialised), in global order. */
    static List<Recorded> read(EventStorageEngine store) {
        List<Recorded> events = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = store.readEvents(null, false)) {
            stream.forEach(message -> {
                if (message instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof AgreementEvent event) {
                    events.add(new Recorded(event.agreementId(), new RecordedEvent(domain.getSequenceNumber(), event)));
                }
            });
        }
        return events;
    }

    /** The versions of every agreement: its events grouped, each group folded by AgreementVersions. */
    static List<AgreementVersion> fold(List<Recorded> events) {
        Map<String, List<RecordedEvent>> byAgreement = new LinkedHashMap<>();
        for (Recorded recorded : events) {
            byAgreement.computeIfAbsent(recorded.agreementId(), id -> new ArrayList<>()).add(recorded.event());
        }
        List<AgreementVersion> versions = new ArrayList<>();
        for (List<RecordedEvent> history : byAgreement.values()) {
            versions.addAll(AgreementVersions.of(history));
        }
        return versions;
    }
}
