package org.agreementledger.agreement;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agreementledger.api.AgreementAmendment;
import org.agreementledger.api.AgreementEvent;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.SignAgreement;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides a batch of agreement commands without a command bus round, a unit of work and an
 * aggregate load per command: the agreements the batch amends are read in one query, each command
 * is decided by {@link AgreementState} (the rules the {@link Agreement} aggregate applies, not a
 * copy), and the decided events are published as the aggregate's domain events (its type, its
 * identifier, the next sequence numbers) into the current unit of work, so they are stored at its
 * commit exactly as the aggregate's would be. The Agreement aggregate loads from them, and an append
 * that races this one still collides on the store's unique (aggregate, sequence) and conflicts.
 * Metadata is what Axon's {@link MessageOriginProvider} gives an event of a command.
 */
@Component
public class AgreementBatch {

    /** Axon's type of the aggregate, as it writes it in the store's {@code type} column. */
    private static final String AGGREGATE_TYPE = Agreement.class.getSimpleName();

    /**
     * The stored events of the agreements named by the array parameter, each agreement's in stream
     * order. One index look-up per agreement, whatever the statistics say: the sorted lateral
     * subquery cannot be flattened into a join. Plain {@code = any(?)} scanned the whole store while a
     * bulk load had left the statistics stale (36 ms against 1.3 ms at 100,000 events), and a plain
     * join with the array merged against a sort of the whole store (265 ms;
     * AppendCostTest#planOfTheBatchLoad checks the plan).
     */
    public static final String STREAMS = "select e.aggregateidentifier, e.sequencenumber, e.payloadtype,"
            + " e.payloadrevision, e.payload from unnest(?::varchar[]) as amended(id) cross join lateral"
            + " (select * from domainevententry s where s.aggregateidentifier = amended.id"
            + " order by s.sequencenumber) e";

    private final JdbcTemplate jdbc;
    private final Serializer events;
    private final EventStore eventStore;
    private final MessageOriginProvider origin = new MessageOriginProvider();

    AgreementBatch(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer events, EventStore eventStore) {
        this.jdbc = jdbc;
        this.events = events;
        this.eventStore = eventStore;
    }

    /** Whether this batch path decides the command: every command of the Agreement aggregate. */
    public static boolean decides(Object command) {
        return command instanceof SignAgreement || command instanceof AgreementAmendment;
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
        Set<String> amended = new LinkedHashSet<>();
        for (Object command : commands) {
            if (command instanceof AgreementAmendment amendment) {
                amended.add(amendment.agreementId());
            }
        }
        Map<String, Stream> streams = new HashMap<>();
        if (!amended.isEmpty()) {
            jdbc.query(STREAMS,
                    statement -> statement.setArray(1, statement.getConnection()
                            .createArrayOf("varchar", amended.toArray())),
                    row -> {
                        Object payload = events.deserialize(new SimpleSerializedObject<>(row.getBytes(5), byte[].class,
                                row.getString(3), row.getString(4)));
                        String id = row.getString(1);
                        streams.put(id, Stream.after(streams.get(id), row.getLong(2), payload));
                    });
        }
        return new Decisions(streams);
    }

    private static String agreementIdOf(Object command) {
        return command instanceof AgreementAmendment amendment ? amendment.agreementId()
                : ((SignAgreement) command).agreementId();
    }

    /** One agreement as its events so far leave it: its state and its last sequence number. */
    private record Stream(AgreementState state, long lastSequence) {

        static Stream after(Stream before, long sequence, Object event) {
            if (event instanceof AgreementSigned signed) {
                return new Stream(AgreementState.signed(signed), sequence);
            }
            // an event the aggregate has no handler for leaves its state as it is, as in Axon
            AgreementState state = before == null ? null
                    : event instanceof AgreementEvent e ? before.state().after(e) : before.state();
            return new Stream(state, sequence);
        }
    }

    /** The decisions of one batch, in the unit of work that began it. */
    public final class Decisions {

        private final Map<String, Stream> streams;

        private Decisions(Map<String, Stream> streams) {
            this.streams = streams;
        }

        /**
         * Decides one command against the agreement as stored and as this batch has changed it, and
         * publishes its event; a refused command throws what the aggregate would.
         */
        public void append(Object command) {
            String id = agreementIdOf(command);
            Stream stream = streams.get(id);
            AgreementEvent event;
            long sequence;
            if (command instanceof SignAgreement sign) {
                // a creation: the stream starts at 0, and if it exists already the store refuses it at
                // the commit (a conflict), as it refuses the aggregate's own creation
                event = AgreementState.sign(sign);
                sequence = 0;
            } else {
                AgreementAmendment amendment = (AgreementAmendment) command;
                if (stream == null || stream.state() == null) {
                    throw new AggregateNotFoundException(id, "The aggregate was not found in the event store");
                }
                // as Axon's event-sourcing repository checks an expected version: one ahead of the
                // agreement is refused before its rules; one behind it after them (at its prepare-commit)
                Long expected = amendment.expectedVersion();
                long version = stream.lastSequence();
                if (expected != null && expected > version) {
                    throw new ConflictingAggregateVersionException(id, expected, version);
                }
                event = stream.state().decide(amendment);
                if (expected != null && expected < version) {
                    throw new ConflictingAggregateVersionException(id, expected, version);
                }
                sequence = version + 1;
            }
            streams.put(id, Stream.after(stream, sequence, event));
            eventStore.publish(new GenericDomainEventMessage<>(AGGREGATE_TYPE, id, sequence, event,
                    origin.correlationDataFor(GenericCommandMessage.asCommandMessage(command))));
        }
    }
}
