package org.agreementledger.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC storage engine as its Spring Boot auto-configuration builds it (same serializers,
 * upcasters, connection provider, transaction manager, default schema), except that loading an
 * aggregate does not look for a snapshot first: the ledger configures no snapshotter, so
 * {@code snapshotevententry} stays empty, and the lookup was one of the two round trips of every
 * amendment's aggregate load (a quarter of an import's append time in thread samples). The events
 * are read from the first one, which is always correct. It also says when it has appended events
 * ({@link LocalCommits}, for the report processor's {@link PromptEventSource}) and, to work that
 * asked ({@link AppendedEvents#track()}), the global index of the last event it appended.
 */
@Configuration(proxyBeanMethods = false)
class EventStorageConfiguration {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager, LocalCommits commits) {
        return new WithoutSnapshots(connectionProvider, commits, persistenceExceptionResolver, JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema()));
    }

    /**
     * The JDBC engine that never reads a snapshot: aggregates are always rebuilt from their events.
     * It also looks up the global index of the last event of each append that is being tracked.
     */
    static final class WithoutSnapshots extends JdbcEventStorageEngine {

        /**
         * The engine inserts an append's events in their order in one batch (pgjdbc rewrites it into
         * multi-row INSERTs, whose rows draw their indexes in the order listed; see V8), so the last
         * event has the append's highest index. One probe of the unique eventidentifier index, in the
         * appending transaction, which sees its own rows.
         */
        private static final String LAST_INDEX = "select globalindex from domainevententry where eventidentifier = ?";

        private final ConnectionProvider connections;
        private final LocalCommits commits;
        private final PersistenceExceptionResolver conflicts;

        WithoutSnapshots(ConnectionProvider connections, LocalCommits commits, PersistenceExceptionResolver conflicts,
                         JdbcEventStorageEngine.Builder builder) {
            super(builder);
            this.connections = connections;
            this.commits = commits;
            this.conflicts = conflicts;
        }

        /**
         * A conflict stays Axon's (a concurrency or stream-creation exception). Any other failure Axon
         * words as one all the same ("Cannot reuse aggregate identifier … identifiers need to be unique"
         * for a connection closed under a signing): here it names what the database said.
         */
        @Override
        protected void handlePersistenceException(Exception exception, EventMessage<?> failedEvent) {
            if (conflicts.isDuplicateKeyViolation(exception)) {
                super.handlePersistenceException(exception, failedEvent);
            }
            String event = failedEvent instanceof DomainEventMessage<?> domain
                    ? domain.getPayloadType().getSimpleName() + " of " + domain.getAggregateIdentifier()
                    + " (sequence " + domain.getSequenceNumber() + ")"
                    : failedEvent.getPayloadType().getSimpleName();
            throw new EventStoreException("the event store could not store " + event + ": " + databaseSaid(exception),
                    exception);
        }

        /** The innermost SQL error's message and state: what went wrong, not how it travelled up. */
        private static String databaseSaid(Throwable exception) {
            SQLException innermost = null;
            for (Throwable t = exception; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof SQLException sql) {
                    innermost = sql;
                }
            }
            if (innermost == null) {
                return String.valueOf(exception.getMessage());
            }
            String message = String.valueOf(innermost.getMessage()).lines().findFirst().orElse("");
            return innermost.getSQLState() == null ? message : message + " (SQL state " + innermost.getSQLState() + ")";
        }

        @Override
        protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
            super.appendEvents(events, serializer);
            if (events.isEmpty()) {
                return;
            }
            commits.appended();
            if (AppendedEvents.tracking()) {
                AppendedEvents.appended(events, indexOf(events.get(events.size() - 1).getIdentifier()));
            }
        }

        private long indexOf(String eventIdentifier) {
            // the provider hands out the transaction's connection; closing it gives it back, no more
            try (Connection connection = connections.getConnection();
                 PreparedStatement select = connection.prepareStatement(LAST_INDEX)) {
                select.setString(1, eventIdentifier);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new EventStoreException("event " + eventIdentifier + " was appended but is not in the store");
                    }
                    return row.getLong(1);
                }
            } catch (SQLException e) {
                throw new EventStoreException("could not read the global index of event " + eventIdentifier, e);
            }
        }

        @Override
        protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
            return Stream.empty();
        }
    }
}
