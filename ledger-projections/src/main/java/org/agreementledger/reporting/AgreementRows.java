package org.agreementledger.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.agreementledger.api.AgreementEvent;
import org.agreementledger.storedevents.StoredEventReader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.stereotype.Component;

/**
 * Replaces the report rows ({@code report_agreement_version}) of the agreements a unit of work's
 * events touched, inside its transaction, for either of the two writers: the report processor's
 * batch ({@link AgreementReportProjection}) or a single append's own transaction
 * ({@link AppendReportRows}). For each touched agreement it recomputes the versions from all of its
 * events up to the last one handled and replaces its rows: a back-dated event can change versions
 * anywhere in both timelines, and doing it whole makes the rows depend on the events alone.
 *
 * <p>A batch is done in a few statements whatever its size: a lock per agreement, one read from the
 * store of the touched agreements' earlier events, one lookup of the generation being built, one
 * delete, one insert, and one upsert of {@code report_agreement_through} (V33), which says for each
 * agreement which of its events the rows fold. Both writers take the agreements' locks first (a
 * transaction advisory lock each, in the order of their keys), so they never write one agreement at
 * once; and the processor, which handles every event after its append has written the rows, skips
 * an agreement whose rows already fold its batch's last event, so it neither writes them again nor
 * sets them back to an older event. An append that begins its agreements (a signing) skips the
 * locks and the delete: nothing of theirs is stored or visible before it commits.
 */
@Component
class AgreementRows {

    private static final Logger log = LoggerFactory.getLogger(AgreementRows.class);

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

    /**
     * One transaction advisory lock per agreement (the two-key form, key 287: apart from the hash
     * chain's one-key lock), taken in the order of the keys so that two writers never wait on each
     * other in a cycle.
     */
    private static final String LOCK_AGREEMENTS = """
            select count(pg_advisory_xact_lock(287, k.key))
            from (select distinct hashtext(a) as key from unnest(?::text[]) as a order by 1) k""";

    /** Which of each agreement's events the generation's rows already fold. */
    private static final String THROUGH = "select agreement_id, sequence from report_agreement_through"
            + " where generation = ? and agreement_id = any(?::text[])";

    private static final String RECORD_THROUGH = """
            insert into report_agreement_through (generation, agreement_id, sequence)
            select ?, t.agreement_id, t.sequence from unnest(?::text[], ?::bigint[]) as t(agreement_id, sequence)
            on conflict (generation, agreement_id) do update set sequence = excluded.sequence""";

    private final JdbcTemplate jdbc;
    private final ReportGenerations generations;
    private final StoredEventReader storedEvents;
    private final ReportSnapshots snapshots;

    AgreementRows(JdbcTemplate jdbc, ReportGenerations generations, StoredEventReader storedEvents,
                  ReportSnapshots snapshots) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.storedEvents = storedEvents;
        this.snapshots = snapshots;
    }

    /** The agreements a batch touched, each with its events the batch handled, in stream order. */
    static final class TouchedAgreements {

        final Map<String, List<RecordedEvent>> handled = new LinkedHashMap<>();

        void handled(String agreementId, RecordedEvent event) {
            handled.computeIfAbsent(agreementId, id -> new ArrayList<>()).add(event);
        }

        /**
         * Whether every touched agreement begins in this batch: its handled events are its first ones
         * (from sequence 0, one after another), so nothing of it is stored before them.
         */
        boolean beginsEveryAgreement() {
            return handled.values().stream().allMatch(events -> events.get(0).sequenceNumber() == 0
                    && events.get(events.size() - 1).sequenceNumber() == events.size() - 1);
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

    /**
     * The processor's batch: replaces the rows of the touched agreements in the generation being
     * built, except those whose rows already fold the batch's last event of theirs.
     */
    void replaceForTheProcessor(TouchedAgreements touched, UnitOfWork<?> batch) {
        if (touched.handled.isEmpty()) {
            return;
        }
        ReportGenerations.BuildingTransaction building = generations.buildingInThisTransaction();
        lock(touched);
        Map<String, Long> through = through(building.generation(), touched);
        touched.handled.entrySet().removeIf(agreement -> {
            Long folded = through.get(agreement.getKey());
            List<RecordedEvent> events = agreement.getValue();
            return folded != null && folded >= events.get(events.size() - 1).sequenceNumber();
        });
        replace(touched, batch, building, true);
    }

    /**
     * A single append's own transaction: replaces the rows of the agreements its events touched in
     * the generation reports read. Not while a rebuild is under way (reports then read a generation
     * that stands still, and the processor writes the one being built): whether it wrote them.
     */
    boolean replaceForTheAppend(TouchedAgreements touched, UnitOfWork<?> unitOfWork) {
        if (touched.handled.isEmpty()) {
            return true;
        }
        ReportGenerations.BuildingTransaction building = generations.buildingInThisTransaction();
        if (!building.published()) {
            return false;
        }
        // An append that begins its agreements (a signing) has no rows of theirs to replace, and no
        // other writer can be writing them: the processor sees these events only once this commits,
        // and then finds them folded (report_agreement_through). So neither the locks nor the
        // delete: two of the append's statements fewer (issue 18).
        boolean begins = touched.beginsEveryAgreement();
        if (!begins) {
            lock(touched);
        }
        replace(touched, unitOfWork, building, !begins);
        return true;
    }

    private void lock(TouchedAgreements touched) {
        jdbc.query(connection -> {
            PreparedStatement lock = connection.prepareStatement(LOCK_AGREEMENTS);
            lock.setArray(1, connection.createArrayOf("text", touched.handled.keySet().toArray(String[]::new)));
            return lock;
        }, row -> { });
    }

    private Map<String, Long> through(int generation, TouchedAgreements touched) {
        Map<String, Long> through = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement(THROUGH);
            select.setInt(1, generation);
            select.setArray(2, connection.createArrayOf("text", touched.handled.keySet().toArray(String[]::new)));
            return select;
        }, row -> {
            through.put(row.getString(1), row.getLong(2));
        });
        return through;
    }

    /** {@code rowsMayExist}: false when none of the touched agreements can have rows yet (nothing to delete). */
    private void replace(TouchedAgreements touched, UnitOfWork<?> batch,
                         ReportGenerations.BuildingTransaction building, boolean rowsMayExist) {
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
        // processor writes its token in this transaction anyway, so it has one either way)
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
        if (rowsMayExist && following) {
            jdbc.query(delete, row -> {
                if (!row.getBoolean(9)) {
                    removed.add(SnapshotVersion.read(row));
                }
            });
        } else if (rowsMayExist) {
            jdbc.update(delete);
        }
        if (!versions.isEmpty()) {
            jdbc.update(connection -> insert(connection, generation, versions));
        }
        recordThrough(generation, touched);
        if (following) {
            List<SnapshotVersion> added = versions.stream().map(SnapshotVersion::of).filter(Objects::nonNull).toList();
            SnapshotChange change = new SnapshotChange(generation, building.transactionId(), removed, added);
            batch.afterCommit(committed -> snapshots.committed(change));
        }
    }

    private void recordThrough(int generation, TouchedAgreements touched) {
        String[] agreements = touched.handled.keySet().toArray(String[]::new);
        Long[] sequences = touched.handled.values().stream()
                .map(events -> events.get(events.size() - 1).sequenceNumber()).toArray(Long[]::new);
        jdbc.update(connection -> {
            PreparedStatement upsert = connection.prepareStatement(RECORD_THROUGH);
            upsert.setInt(1, generation);
            upsert.setArray(2, connection.createArrayOf("text", agreements));
            upsert.setArray(3, connection.createArrayOf("bigint", sequences));
            return upsert;
        });
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
