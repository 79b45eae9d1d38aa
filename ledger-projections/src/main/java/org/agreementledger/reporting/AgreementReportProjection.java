package org.agreementledger.reporting;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.agreementledger.api.AgreementEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code report_agreement_version} in step with the event store. On each event of an
 * agreement it recomputes that agreement's versions from all of its events up to this one and
 * replaces its rows: a back-dated event can change versions anywhere in both timelines, and doing
 * it whole makes the rows depend on the events alone, so a replay writes the same rows again.
 */
@Component
@ProcessingGroup(AgreementReportProjection.PROCESSOR)
class AgreementReportProjection {

    static final String PROCESSOR = "agreement-reports";

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final ReportGenerations generations;

    AgreementReportProjection(EventStore eventStore, JdbcTemplate jdbc, ReportGenerations generations) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.generations = generations;
    }

    @EventHandler
    void on(AgreementEvent event, @SequenceNumber long sequenceNumber) {
        List<RecordedEvent> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(event.agreementId());
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() > sequenceNumber) {
                break; // during a replay the store already holds later events; this row set is as of this one
            }
            if (message.getPayload() instanceof AgreementEvent agreementEvent) {
                events.add(new RecordedEvent(message.getSequenceNumber(), agreementEvent));
            }
        }
        replace(generations.building(), event.agreementId(), AgreementVersions.of(events));
    }

    private void replace(int generation, String agreementId, List<AgreementVersion> versions) {
        jdbc.update("delete from report_agreement_version where generation = ? and agreement_id = ?", generation,
                agreementId);
        jdbc.batchUpdate("""
                insert into report_agreement_version (generation, agreement_id, agency_id, agency_name, state, county,
                    agency_type, model, signed_on, moa_link, valid, known)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, daterange(?, ?, '[)'), daterange(?, ?, '[)'))
                """, versions, versions.size(), (statement, version) -> {
            statement.setInt(1, generation);
            statement.setString(2, version.agreementId());
            statement.setString(3, version.agencyId());
            statement.setString(4, version.agencyName());
            statement.setString(5, version.state().name());
            statement.setString(6, version.county());
            statement.setString(7, version.agencyType());
            statement.setString(8, version.model().name());
            statement.setObject(9, version.signedOn(), Types.DATE);
            statement.setString(10, version.moaLink());
            statement.setObject(11, version.validFrom(), Types.DATE);
            statement.setObject(12, version.validTo(), Types.DATE);
            statement.setObject(13, version.knownFrom(), Types.DATE);
            statement.setObject(14, version.knownTo(), Types.DATE);
        });
    }
}
