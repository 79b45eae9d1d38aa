package org.agreementledger.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.agreementledger.api.AgreementEvent;
import org.agreementledger.reporting.AgreementVersions;
import org.agreementledger.reporting.RecordedEvent;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.postgresql.PGStatement;

/**
 * The rebuild's baseline (issue 18): what it cannot beat. The same events streamed out of PostgreSQL
 * as the rebuild's load reads them (one REPEATABLE READ snapshot, (aggregate, sequence) order from the
 * unique index, {@code fetchSize} rows a round trip, binary format), each agreement's events
 * deserialised by the configured event serializer and folded with {@link AgreementVersions} as they
 * end, and nothing written.
 */
final class ReadAndFold {

    private static final String EVENTS = """
            select aggregateidentifier, sequencenumber, payloadtype, payloadrevision, payload
            from domainevententry
            order by aggregateidentifier, sequencenumber""";

    record Result(long events, long versions, double seconds) {
    }

    private ReadAndFold() {
    }

    static Result run(DataSource dataSource, Serializer serializer, int fetchSize) throws SQLException {
        long started = System.nanoTime();
        long events = 0;
        long versions = 0;
        Map<String, Boolean> agreementTypes = new HashMap<>();
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
                        String aggregate = result.getString(1);
                        if (!aggregate.equals(agreementId)) {
                            versions += fold(history);
                            agreementId = aggregate;
                        }
                        String type = result.getString(3);
                        String revision = result.getString(4);
                        if (agreementTypes.computeIfAbsent(type, name -> AgreementEvent.class.isAssignableFrom(
                                serializer.classForType(new SimpleSerializedType(name, revision))))) {
                            Object payload = serializer.deserialize(new SimpleSerializedObject<>(result.getBytes(5),
                                    byte[].class, type, revision));
                            history.add(new RecordedEvent(result.getLong(2), (AgreementEvent) payload));
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
