package org.agreementledger.listing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementReinstated;
import org.agreementledger.api.AgreementRequestClosed;
import org.agreementledger.api.AgreementRequested;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.AgreementWithdrawn;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.PublicationHeld;
import org.agreementledger.api.PublicationRecorded;
import org.agreementledger.api.PublicationRejected;
import org.agreementledger.api.PublicationReleased;
import org.agreementledger.api.SupportModelChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code current_agreement}, {@code agreement_request} and {@code imported_publication}. Runs subscribing (see
 * application.yml), inside the transaction that appends the event, so the importer's next
 * comparison always sees every event before it.
 */
@Component
@ProcessingGroup(CurrentAgreementProjection.GROUP)
class CurrentAgreementProjection {

    static final String GROUP = "current-agreements";
    /** The unit-of-work resource holding this batch's writes. */
    private static final String PENDING_WRITES = CurrentAgreementProjection.class.getName() + ".writes";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    CurrentAgreementProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The row a write changes: its table and its primary key. */
    private record Row(String table, String key) {
    }

    private static Row agreement(String agreementId) {
        return new Row("current_agreement", agreementId);
    }

    private static Row request(String requestId) {
        return new Row("agreement_request", requestId);
    }

    private static Row publication(String publicationId) {
        return new Row("imported_publication", publicationId);
    }

    /**
     * Queues a write of {@code row} until the unit of work handling this batch of events prepares its
     * commit: still inside the appending transaction, before Axon's events are committed with it, and a
     * failing write still fails the append. Outside a unit of work it is written at once.
     */
    private void write(Row row, String sql, Object... arguments) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, arguments);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.getOrComputeResource(PENDING_WRITES, key -> {
            BatchedWrites writes = new BatchedWrites(jdbc);
            unitOfWork.onPrepareCommit(u -> writes.flush());
            return writes;
        }).add(row, sql, arguments);
    }

    @EventHandler
    void on(AgreementSigned event) {
        write(agreement(event.agreementId()), "insert into current_agreement (agreement_id, agency_id, state,"
                        + " agency_name, county, agency_type, model, signed_on, moa_link, in_force)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, true)",
                event.agreementId(), event.agencyId(), event.state().name(), event.agencyName(), event.county(),
                event.agencyType(), event.model().name(), event.signedOn(), event.moaLink());
    }

    @EventHandler
    void on(SupportModelChanged event) {
        write(agreement(event.agreementId()), "update current_agreement set model = ? where agreement_id = ?",
                event.to().name(), event.agreementId());
    }

    @EventHandler
    void on(AgreementWithdrawn event) {
        write(agreement(event.agreementId()), "update current_agreement set in_force = false where agreement_id = ?",
                event.agreementId());
    }

    @EventHandler
    void on(AgreementReinstated event) {
        write(agreement(event.agreementId()), "update current_agreement set in_force = true where agreement_id = ?",
                event.agreementId());
    }

    @EventHandler
    void on(AgreementCorrected event) {
        // the column names are fixed by the enum, never by input
        String column = switch (event.field()) {
            case agencyName -> "agency_name";
            case county -> "county";
            case agencyType -> "agency_type";
            case moaLink -> "moa_link";
            case signedOn -> "signed_on";
        };
        Object value = event.field() == org.agreementledger.api.CorrectableField.signedOn && event.newValue() != null
                ? java.time.LocalDate.parse(event.newValue()) : event.newValue();
        if (event.field() == CorrectableField.agencyName) {
            // the agency as its name is known now, as the reports count it (AgreementVersions.agencyIdOf): the
            // importer then matches the renamed agreement by the name ICE prints now, and an agency's record finds
            // it beside agreements signed under the new name. The agreement id keeps the signing's agency, which
            // is also the agency of a name that makes no id (slug null; split_part: agency ids hold no '#')
            String slug = AgencyId.identifies(event.newValue()) ? AgencyId.slug(event.newValue()) : null;
            write(agreement(event.agreementId()), "update current_agreement set agency_name = ?,"
                            + " agency_id = coalesce(state || '-' || ?::text, split_part(agreement_id, '#', 1))"
                            + " where agreement_id = ?", value, slug, event.agreementId());
            return;
        }
        write(agreement(event.agreementId()), "update current_agreement set " + column + " = ? where agreement_id = ?",
                value, event.agreementId());
    }

    @EventHandler
    void on(AgreementRequested event) {
        write(request(event.requestId()), "insert into agreement_request (request_id, agency_id, state, agency_name,"
                        + " model, requested_on, requested_known_on) values (?, ?, ?, ?, ?, ?, ?)", event.requestId(),
                event.agencyId(), event.state().name(), event.agencyName(), event.model().name(), event.effectiveOn(),
                event.knownOn());
    }

    @EventHandler
    void on(AgreementRequestClosed event) {
        write(request(event.requestId()), "update agreement_request set closed_on = ?, closed_known_on = ?,"
                        + " closure = ?, agreement_id = ? where request_id = ?", event.effectiveOn(), event.knownOn(),
                event.reason().name(), event.agreementId(), event.requestId());
    }

    @EventHandler
    void on(PublicationRecorded event) throws JsonProcessingException {
        // a released list was held first: its row becomes the applied publication's
        record(event.publicationId(), event.report(), "applied", null);
    }

    @EventHandler
    void on(PublicationHeld event) throws JsonProcessingException {
        record(event.publicationId(), event.report(), "held", event.reason());
    }

    @EventHandler
    void on(PublicationReleased event) {
        write(publication(event.publicationId()), "update imported_publication set reason = ? where publication_id = ?",
                event.reason(), event.publicationId());
    }

    @EventHandler
    void on(PublicationRejected event) {
        write(publication(event.publicationId()),
                "update imported_publication set state = 'rejected', reason = ? where publication_id = ?",
                event.reason(), event.publicationId());
    }

    private void record(String publicationId, ImportReport report, String state, String reason)
            throws JsonProcessingException {
        write(publication(publicationId), "insert into imported_publication (publication_id, sha256, kind,"
                        + " published_on, edition, file_name, report, state, reason)"
                        + " values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)"
                        + " on conflict (publication_id) do update set report = excluded.report,"
                        + " state = case when imported_publication.state = 'held' then 'released' else excluded.state end",
                publicationId, report.sha256(), report.kind(), report.publishedOn(), report.edition(),
                report.fileName(), json.writeValueAsString(report), state, reason);
    }
}
