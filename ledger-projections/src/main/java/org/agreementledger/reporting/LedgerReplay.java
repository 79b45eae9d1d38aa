package org.agreementledger.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.stream.Stream;
import org.agreementledger.api.AgreementEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Service;

/**
 * Answers as the ledger itself stood at an instant of its own history: only events the store had
 * appended by then (by the store's timestamp), folded straight from the store. Slow, and meant to
 * be: it is the audit of the reports, not a report, and reads no projection.
 */
@Service
public class LedgerReplay {

    private final EventStorageEngine storage;

    LedgerReplay(EventStorageEngine storage) {
        this.storage = storage;
    }

    public Counts counts(LocalDate asOf, LocalDate knownAt, Instant ledgerAt) {
        LocalDate known = knownAt == null ? AgreementReports.today() : knownAt;
        Map<String, List<RecordedEvent>> byAgreement = new LinkedHashMap<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(null, false)) {
            stream.filter(message -> !message.getTimestamp().isAfter(ledgerAt))
                    .forEach(message -> {
                        if (message instanceof DomainEventMessage<?> domain
                                && domain.getPayload() instanceof AgreementEvent event) {
                            byAgreement.computeIfAbsent(event.agreementId(), id -> new ArrayList<>())
                                    .add(new RecordedEvent(domain.getSequenceNumber(), event));
                        }
                    });
        }
        List<AgreementVersion> inForce = byAgreement.values().stream()
                .flatMap(events -> AgreementVersions.of(events).stream())
                .filter(version -> version.covers(asOf, known))
                .toList();
        return Counts.of(asOf, known, inForce);
    }
}
