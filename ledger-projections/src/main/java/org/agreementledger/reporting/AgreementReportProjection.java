package org.agreementledger.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.agreementledger.api.AgreementEvent;
import org.agreementledger.storedevents.StoredEventReader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code report_agreement_version} in step with the event store. For each agreement an event
 * touches it recomputes that agreement's versions from all of its events up to the handled one and
 * replaces its rows: a back-dated event can change versions anywhere in both timelines, and doing
 * it whole makes the rows depend on the events alone, so a replay writes the same rows again.
 *
 * <p>It works a batch at a time. The pooled processor hands a batch of events to one unit of work
 * and one transaction (with its token); the handler only keeps each touched agreement's events as
 * handled, and just before the transaction commits the whole batch is done in four statements: one
 * read from the store of the touched agreements' earlier events (those before the batch's first of
 * each), one lookup of the generation being built, one delete and one insert. Replacing per event
 * instead cost three round trips per event and re-read long streams once per event of them.
 */
@Component
@ProcessingGroup(AgreementReportProjection.PROCESSOR)
class AgreementReportProjection {

    static final String PROCESSOR = "agreement-reports";

    private static final Logger log = LoggerFactory.getLogger(AgreementReportProjection.class);

    /** The unit-of-work resource holding the agreements a batch touched. */
    private static final String TOUCHED = AgreementReportProjection.class.getName() + ".touched";

    /**
     * Each agreement's events before a sequence number: those before the batch's first, which the
     * batch does not carry. Never any past the batch's last: a replay must not take in events the
     * store holds beyond the handled one. The unique (aggregate, sequence) index serves the join.
     */
    private static final String EVENTS_BEFORE = "select " + StoredEventReader.columns("e") + "\n" + """
            from unnest(?::text[], ?::bigint[]) as handled(agreement_id, before)
            join domainevententry e on e.aggregateidentifier = handled.agreement_id
                                   and e.sequencenumber < handled.before
            order by e.aggregateidentifier, e.sequencenumber""";

    private static final String DELETE_VERSIONS =
            "delete from report_agreement_version where generation = ? and agreement_id = any(?::text[])";

    /** The same, returning what the in-memory snapshot counts of each row deleted, as epoch days. */
    private static final String DELETE_VERSIONS_RETURNING = DELETE_VERSIONS + " returning " + SnapshotVersion.COLUMNS
            + ", isempty(valid) or isempty(known)";

    /** All of a batch's versions in one statement (one firing of any statement-level trigger). */
    private static final String INSERT_VERSIONS = """
            insert into report_agreement_version (generation, agreement_id, agency_id, agency_name, state, county,
                agency_type, model, signed_on, moa_link, valid, known)
            select ?, v.agreement_id, v.agency_id, v.agency_name, v.state, v.county, v.agency_type, v.model,
                   v.signed_on, v.moa_link, daterange(v.valid_from, v.valid_to, '[)'),
                   daterange(v.known_from, v.known_to, '[)')
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[],
                        ?::text[], ?::date[], ?::date[], ?::date[], ?::date[])
                 as v(agreement_id, agency_id, agency_name, state, county, agency_type, model, signed_on, moa_link,
                      valid_from, valid_to, known_from, known_to)""";

    private final JdbcTemplate jdbc;
    private final ReportGenerations generations;
    private final StoredEventReader storedEvents;
    private final ReportSnapshots snapshots;
    private final ReportBatchSignal batches;

    AgreementReportProjection(JdbcTemplate jdbc, ReportGenerations generations, StoredEventReader storedEvents,
                              ReportSnapshots snapshots, ReportBatchSignal batches) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.storedEvents = storedEvents;
        this.snapshots = snapshots;
        this.batches = batches;
    }

    @EventHandler
    void on(AgreementEvent event, @SequenceNumber long sequenceNumber, UnitOfWork<?> unitOfWork) {
        unitOfWork.getOrComputeResource(TOUCHED, key -> {
            TouchedAgreements touched = new TouchedAgreements();
            // once per batch, inside its transaction, before the processor's token is committed with it
            unitOfWork.onPrepareCommit(batch -> replace(touched, batch));
            // after the processor has moved the segment's status: an acknowledgement waiting for this batch looks now
            unitOfWork.onCleanup(batch -> batches.batchOver());
            return touched;
        }).handled(event.agreementId(), new RecordedEvent(sequenceNumber, event));
    }

    /** The agreements a batch touched, each with its events the batch handled, in stream order. */
    static final class TouchedAgreements {

        final Map<String, List<RecordedEvent>> handled = new LinkedHashMap<>();

        void handled(String agreementId, RecordedEvent event) {
            handled.computeIfAbsent(agreementId, id -> new ArrayList<>()).add(event);
        }

        /**
         * Each agreement's events up to the last handled: those before the batch's first from the
         * store, then the handled ones. Should the handled ones not follow one another (no known
         * cause), all of them come from the store instead.
         */
        Map<String, List<RecordedEvent>> histories(Function<Map<String, Long>, Map<String, List<RecordedEvent>>> stored) {
            Map<String, Long> before = new LinkedHashMap<>();
            Map<String, List<RecordedEvent>> carried = new LinkedHashMap<>();
            handled.forEach((agreementId, events) -> {
                long first = events.get(0).sequenceNumber();
                long last = events.get(events.size() - 1).sequenceNumber();
                boolean consecutive = last - first == events.size() - 1;
                if (consecutive) {
                    carried.put(agreementId, events);
                }
                long from = consecutive ? first : last + 1;
                if (from > 0) {
                    before.put(agreementId, from);
                }
            });
            Map<String, List<RecordedEvent>> histories = before.isEmpty() ? new LinkedHashMap<>() : stored.apply(before);
            carried.forEach((agreementId, events) ->
                    histories.computeIfAbsent(agreementId, id -> new ArrayList<>()).addAll(events));
            return histories;
        }
    }

    private void replace(TouchedAgreements touched, UnitOfWork<?> batch) {
        if (touched.handled.isEmpty()) {
            return;
        }
        boolean following = snapshots.following();
        if (following) {
            // announced before anything is written, so a report that sees this batch's revision waits for it
            snapshots.preparing();
            batch.onCleanup(done -> snapshots.finished());
        }
        Map<String, List<RecordedEvent>> histories = touched.histories(this::eventsBefore);
        List<AgreementVersion> versions = new ArrayList<>();
        for (var history : histories.entrySet()) {
            try {
                versions.addAll(AgreementVersions.of(history.getValue()));
            } catch (RuntimeException e) {
                // as when a handler fails on one event: logged, and the batch (and its token) goes on
                log.error("Could not fold the events of agreement {} into report versions", history.getKey(), e);
            }
        }
        // the transaction's id tells a snapshot load whether the rows it read hold this batch (the
        // batch writes its token in this transaction anyway, so it has one either way)
        ReportGenerations.BuildingTransaction building = generations.buildingInThisTransaction();
        int generation = building.generation();
        String[] agreementIds = touched.handled.keySet().toArray(String[]::new);
        List<SnapshotVersion> removed = new ArrayList<>();
        PreparedStatementCreator delete = connection -> {
            PreparedStatement statement = connection.prepareStatement(following ? DELETE_VERSIONS_RETURNING
                    : DELETE_VERSIONS);
            statement.setInt(1, generation);
            statement.setArray(2, connection.createArrayOf("text", agreementIds));
            return statement;
        };
        if (following) {
            jdbc.query(delete, row -> {
                if (!row.getBoolean(9)) {
                    removed.add(SnapshotVersion.read(row));
                }
            });
        } else {
            jdbc.update(delete);
        }
        if (!versions.isEmpty()) {
            jdbc.update(connection -> insert(connection, generation, versions));
        }
        if (following) {
            List<SnapshotVersion> added = versions.stream().map(SnapshotVersion::of).filter(Objects::nonNull).toList();
            SnapshotChange change = new SnapshotChange(generation, building.transactionId(), removed, added);
            batch.afterCommit(committed -> snapshots.committed(change));
        }
    }

    private Map<String, List<RecordedEvent>> eventsBefore(Map<String, Long> before) {
        Map<String, List<RecordedEvent>> histories = new LinkedHashMap<>();
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement(EVENTS_BEFORE);
            select.setArray(1, connection.createArrayOf("text", before.keySet().toArray(String[]::new)));
            select.setArray(2, connection.createArrayOf("bigint", before.values().toArray(Long[]::new)));
            return select;
        }, rows -> {
            // through the upcaster chain, as the store's own reader gives events to the handler
            for (DomainEventMessage<?> stored : storedEvents.read(rows)) {
                if (stored.getPayload() instanceof AgreementEvent event) {
                    histories.computeIfAbsent(stored.getAggregateIdentifier(), id -> new ArrayList<>())
                            .add(new RecordedEvent(stored.getSequenceNumber(), event));
                }
            }
        });
        return histories;
    }

    private static PreparedStatement insert(Connection connection, int generation, List<AgreementVersion> versions)
            throws SQLException {
        int n = versions.size();
        String[][] columns = new String[13][n];
        for (int i = 0; i < n; i++) {
            AgreementVersion version = versions.get(i);
            columns[0][i] = version.agreementId();
            columns[1][i] = version.agencyId();
            columns[2][i] = version.agencyName();
            columns[3][i] = version.state().name();
            columns[4][i] = version.county();
            columns[5][i] = version.agencyType();
            columns[6][i] = version.model().name();
            columns[7][i] = Objects.toString(version.signedOn(), null);
            columns[8][i] = version.moaLink();
            columns[9][i] = Objects.toString(version.validFrom(), null);
            columns[10][i] = Objects.toString(version.validTo(), null);
            columns[11][i] = Objects.toString(version.knownFrom(), null);
            columns[12][i] = Objects.toString(version.knownTo(), null);
        }
        PreparedStatement insert = connection.prepareStatement(INSERT_VERSIONS);
        insert.setInt(1, generation);
        for (int column = 0; column < columns.length; column++) {
            // sent as text; the statement casts the date columns (ISO dates, null for an open end)
            insert.setArray(column + 2, connection.createArrayOf("text", columns[column]));
        }
        return insert;
    }
}
