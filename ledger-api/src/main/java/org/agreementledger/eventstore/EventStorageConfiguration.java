package org.agreementledger.eventstore;

import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
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
 * are read from the first one, which is always correct.
 */
@Configuration(proxyBeanMethods = false)
class EventStorageConfiguration {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        return new WithoutSnapshots(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema()));
    }

    /** The JDBC engine that never reads a snapshot: aggregates are always rebuilt from their events. */
    static final class WithoutSnapshots extends JdbcEventStorageEngine {

        WithoutSnapshots(JdbcEventStorageEngine.Builder builder) {
            super(builder);
        }

        @Override
        protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
            return Stream.empty();
        }
    }
}
