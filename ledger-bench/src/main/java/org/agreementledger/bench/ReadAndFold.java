package org.agreementledger.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.agreementledger.api.AgreementEvent;
import org.agreementledger.reporting.AgreementVersions;
import org.agreementledger.reporting.RecordedEvent;
import org.agreementledger.storedevents.StoredEventReader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.postgresql.PGStatement;

/**
 * The rebuild's baseline (issue 18): what it cannot beat. The same events streamed out of PostgreSQL
 * as the rebuild's load reads them (one REPEATABLE READ snapshot, (aggregate, sequence) order from the
 * unique index, {@code fetchSize} rows a round trip, binary format), each agreement's events read
 * through the store's reader and its upcaster chain ({@link StoredEventReader}) and folded with {@link AgreementVersions} as they
 * end, and nothing written.
 */
final class ReadAndFold {

    /** The rebuild's query: the columns the reader needs, in the unique index's order. */
    private static final String EVENTS = "select " + StoredEventReader.columns(null)
            + " from domainevententry order by aggregateidentifier, sequencenumber";

    record Result(long events, long versions, double seconds) {
    }

    private ReadAndFold() {
    }

    static Result run(DataSource dataSource, StoredEventReader reader, int fetchSize) throws SQLException {
        long started = System.nanoTime();
        long events = 0;
        long versions = 0;
        List<RecordedEvent> history = new ArrayList<>();
        String agreementId = null;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (PreparedStatement select = connection.prepareStatement(EVENTS)) {
                select.setFetchSize(fetchSize);
                select.unwrap(PGStatement.class).setPrepareThreshold(-1); // binary, as the rebuild reads
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        events++;
                        // through the upcaster chain, as the rebuild's load reads them
                        for (DomainEventMessage<?> stored : reader.read(result)) {
                            if (!stored.getAggregateIdentifier().equals(agreementId)) {
                                versions += fold(history);
                                agreementId = stored.getAggregateIdentifier();
                            }
                            if (AgreementEvent.class.isAssignableFrom(stored.getPayloadType())) {
                                history.add(new RecordedEvent(stored.getSequenceNumber(),
                                        (AgreementEvent) stored.getPayload()));
                            }
                        }
                    }
                }
            }
            connection.rollback();
            connection.setReadOnly(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(true);
        }
        versions += fold(history);
        return new Result(events, versions, Bench.seconds(started));
    }

    private static long fold(List<RecordedEvent> history) {
        if (history.isEmpty()) {
            return 0;
        }
        long versions = AgreementVersions.of(history).size();
        history.clear();
        return versions;
    }
}
