package org.agreementledger.agreement.app;

import java.util.List;
import java.util.Set;
import org.agreementledger.agreement.AgreementDecisions;
import org.agreementledger.storedevents.StoredEventReader;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides a batch of agreement commands without a command bus round, a unit of work and an
 * aggregate load per command: the agreements the batch amends are read in one query, each command
 * is decided by {@link AgreementDecisions} (the rules the Agreement aggregate applies, not a copy),
 * and the decided events are published as the aggregate's domain events (its type, its identifier,
 * the next sequence numbers) into the current unit of work, so they are stored at its commit exactly
 * as the aggregate's would be. The Agreement aggregate loads from them, and an append that races
 * this one still collides on the store's unique (aggregate, sequence) and conflicts. Metadata is
 * what Axon's {@link MessageOriginProvider} gives an event of a command.
 */
@Component
public class AgreementBatch {

    /**
     * The stored events of the agreements named by the array parameter, each agreement's in stream
     * order. One index look-up per agreement, whatever the statistics say: the sorted lateral
     * subquery cannot be flattened into a join. Plain {@code = any(?)} scanned the whole store while a
     * bulk load had left the statistics stale (36 ms against 1.3 ms at 100,000 events), and a plain
     * join with the array merged against a sort of the whole store (265 ms;
     * AppendCostTest#planOfTheBatchLoad checks the plan).
     */
    public static final String STREAMS = "select " + StoredEventReader.columns("e")
            + " from unnest(?::varchar[]) as amended(id) cross join lateral"
            + " (select * from domainevententry s where s.aggregateidentifier = amended.id"
            + " order by s.sequencenumber) e";

    private final JdbcTemplate jdbc;
    private final StoredEventReader storedEvents;
    private final EventStore eventStore;
    private final MessageOriginProvider origin = new MessageOriginProvider();

    AgreementBatch(JdbcTemplate jdbc, StoredEventReader storedEvents, EventStore eventStore) {
        this.jdbc = jdbc;
        this.storedEvents = storedEvents;
        this.eventStore = eventStore;
    }

    /** Whether this batch path decides the command: every command of the Agreement aggregate. */
    public static boolean decides(Object command) {
        return AgreementDecisions.decides(command);
    }

    /**
     * Starts deciding {@code commands} in the current unit of work: reads, in one query, the stored
     * events of every agreement they amend. Commands are then decided in their order by
     * {@link Decisions#append}, each seeing the events decided before it.
     */
    public Decisions begin(List<?> commands) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("a batch of agreement commands is decided in a unit of work");
        }
        Set<String> amended = AgreementDecisions.amended(commands);
        AgreementDecisions decisions = new AgreementDecisions();
        if (!amended.isEmpty()) {
            jdbc.query(STREAMS,
                    statement -> statement.setArray(1, statement.getConnection()
                            .createArrayOf("varchar", amended.toArray())),
                    row -> {
                        for (DomainEventMessage<?> stored : storedEvents.read(row)) {
                            decisions.stored(stored.getAggregateIdentifier(), stored.getSequenceNumber(),
                                    stored.getPayload());
                        }
                    });
        }
        return new Decisions(decisions);
    }

    /** The decisions of one batch, in the unit of work that began it. */
    public final class Decisions {

        private final AgreementDecisions decisions;

        private Decisions(AgreementDecisions decisions) {
            this.decisions = decisions;
        }

        /**
         * Decides one command against the agreement as stored and as this batch has changed it, and
         * publishes its event; a refused command throws what the aggregate would.
         */
        public void append(Object command) {
            AgreementDecisions.Decision decided = decisions.decide(command);
            eventStore.publish(new GenericDomainEventMessage<>(AgreementDecisions.AGGREGATE_TYPE,
                    decided.agreementId(), decided.sequence(), decided.event(),
                    origin.correlationDataFor(GenericCommandMessage.asCommandMessage(command))));
        }
    }
}
