package org.agreementledger.reporting;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.agreementledger.api.AgreementEvent;
import org.agreementledger.storedevents.StoredEventReader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loads a whole generation of the report tables from one snapshot of the event store, set-based:
 * one streaming read of every event in (agreement, sequence) order, each agreement folded with
 * {@link AgreementVersions} as its events end, and every version sent in one {@code COPY}. It
 * holds one agreement's events and a buffer of rows at a time, so the heap stays flat however
 * large the store. The rows written are the projection's: the same fold of the same events.
 */
@Component
class GenerationLoader {

    private static final Logger log = LoggerFactory.getLogger(GenerationLoader.class);

    /** The unique (aggregate, sequence) index gives this order without a sort. */
    private static final String EVENTS = "select " + StoredEventReader.columns(null) + "\n" + """
            from domainevententry
            order by aggregateidentifier, sequencenumber""";

    private static final String COPY = """
            copy report_agreement_version (generation, agreement_id, agency_id, agency_name, state, county,
                agency_type, model, signed_on, moa_link, valid, known) from stdin""";

    /** Bytes of COPY rows gathered before they go to the server. */
    private static final int COPY_BUFFER = 256 * 1024;

    /** How far a load has got: the events read of those in the snapshot; told every few events. */
    @FunctionalInterface
    interface Loaded {
        void upTo(long done, long total);
    }

    private final DataSource dataSource;
    private final StoredEventReader storedEvents;
    private final int fetchSize;

    GenerationLoader(DataSource dataSource, StoredEventReader storedEvents,
                     @Value("${ledger.reports.rebuild-fetch-size:5000}") int fetchSize) {
        this.dataSource = dataSource;
        this.storedEvents = storedEvents;
        this.fetchSize = fetchSize;
    }

    /**
     * Writes every agreement's versions into {@code generation} on {@code target} (the caller's
     * transaction, which commits them), from a REPEATABLE READ snapshot read on a connection of
     * its own; tells {@code loaded} as it goes. Returns where the snapshot ends.
     */
    SnapshotEnd load(Connection target, int generation, Loaded loaded) throws SQLException {
        try (Connection snapshot = dataSource.getConnection()) {
            snapshot.setAutoCommit(false); // a cursor: the rows come fetchSize at a time
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshot.setReadOnly(true);
            try {
                // the first statement takes the snapshot; the count and the stream below read the same one
                SnapshotEnd end = SnapshotEnd.of(snapshot);
                long total = count(snapshot);
                loaded.upTo(0, total);
                CopyIn copy = target.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
                try {
                    Rows rows = new Rows(copy, generation);
                    long done = stream(snapshot, rows, total, loaded);
                    rows.flush();
                    long written = copy.endCopy();
                    log.info("Loaded report generation {}: {} events, {} versions", generation, done, written);
                    loaded.upTo(done, total);
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                snapshot.commit();
                return end;
            } finally {
                try {
                    snapshot.rollback(); // nothing to undo after the commit; ends the snapshot after a failure
                } catch (SQLException closed) {
                    // the connection failed with the load: the load's own failure is the one to report
                }
            }
        }
    }

    private static long count(Connection snapshot) throws SQLException {
        try (PreparedStatement count = snapshot.prepareStatement("select count(*) from domainevententry");
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private long stream(Connection snapshot, Rows rows, long total, Loaded loaded) throws SQLException {
        long done = 0;
        String agreementId = null;
        List<RecordedEvent> history = new ArrayList<>();
        try (PreparedStatement select = snapshot.prepareStatement(EVENTS)) {
            select.setFetchSize(fetchSize);
            // in PostgreSQL's binary format, as the chain's verification reads: a payload arrives as its bytes
            // rather than as hex text twice the size for the driver to decode (a one-off statement would
            // otherwise go unprepared, and so in text)
            if (select.isWrapperFor(PGStatement.class)) {
                select.unwrap(PGStatement.class).setPrepareThreshold(-1); // negative: binary transfer forced
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    done++;
                    // through the upcaster chain, as the store's reader and the projection read events
                    for (DomainEventMessage<?> stored : storedEvents.read(result)) {
                        String aggregate = stored.getAggregateIdentifier();
                        if (!aggregate.equals(agreementId)) {
                            rows.fold(agreementId, history);
                            history.clear();
                            agreementId = aggregate;
                        }
                        // only agreement events make versions; the others (requests) are not deserialised at all
                        if (AgreementEvent.class.isAssignableFrom(stored.getPayloadType())) {
                            history.add(new RecordedEvent(stored.getSequenceNumber(), (AgreementEvent) stored.getPayload()));
                        }
                    }
                    if ((done & 15) == 0) { // two volatile writes: nothing beside an event's deserialising
                        loaded.upTo(done, total);
                    }
                }
            }
        }
        rows.fold(agreementId, history);
        return done;
    }

    /** COPY's text format, a buffer at a time. */
    private static final class Rows {

        private final CopyIn copy;
        private final String generation;
        private final StringBuilder line = new StringBuilder(512);
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(COPY_BUFFER + 4096);

        Rows(CopyIn copy, int generation) {
            this.copy = copy;
            this.generation = Integer.toString(generation);
        }

        void fold(String agreementId, List<RecordedEvent> history) throws SQLException {
            if (history.isEmpty()) {
                return;
            }
            List<AgreementVersion> versions;
            try {
                versions = AgreementVersions.of(history);
            } catch (RuntimeException e) {
                // as the projection does: logged, and the agreement is left out
                log.error("Could not fold the events of agreement {} into report versions", agreementId, e);
                return;
            }
            for (AgreementVersion version : versions) {
                write(version);
            }
            if (buffer.size() >= COPY_BUFFER) {
                flush();
            }
        }

        private void write(AgreementVersion version) {
            line.setLength(0);
            line.append(generation);
            text(version.agreementId());
            text(version.agencyId());
            text(version.agencyName());
            text(version.state().name());
            text(version.county());
            text(version.agencyType());
            text(version.model().name());
            date(version.signedOn());
            text(version.moaLink());
            range(version.validFrom(), version.validTo());
            range(version.knownFrom(), version.knownTo());
            line.append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
        }

        private void text(String value) {
            line.append('\t');
            if (value == null) {
                line.append("\\N");
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
        }

        private void date(LocalDate day) {
            line.append('\t');
            if (day == null) {
                line.append("\\N");
            } else {
                line.append(day);
            }
        }

        /** Half-open, as the projection's daterange(from, to, '[)'); a null end is an open one. */
        private void range(LocalDate from, LocalDate to) {
            line.append('\t').append('[').append(from).append(',');
            if (to != null) {
                line.append(to);
            }
            line.append(')');
        }

        void flush() throws SQLException {
            if (buffer.size() > 0) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                buffer.reset();
            }
        }
    }
}
