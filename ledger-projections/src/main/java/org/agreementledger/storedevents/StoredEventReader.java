package org.agreementledger.storedevents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The one way the ledger's own SQL reads stored events: a row of {@code domainevententry} becomes
 * the event messages Axon's store would give for it, through the configured upcaster chain and the
 * event serializer. Events outlive the code that wrote them; a row written in an older shape is
 * upcast to today's here exactly as when Axon loads an aggregate or feeds a processor. The chain is
 * built from the {@link EventUpcaster} beans in their order, as Axon's Spring Boot configuration
 * builds the store's.
 *
 * <p>Queries select {@link #columns(String)} first, in that order. Payloads are deserialised
 * lazily: {@link DomainEventMessage#getPayloadType()} names the (upcast) type without reading the
 * payload, so a reader that wants only some types deserialises only those.
 */
@Component
public class StoredEventReader {

    private static final String[] COLUMNS = {"eventidentifier", "aggregateidentifier", "sequencenumber", "type",
            "timestamp", "payloadtype", "payloadrevision", "payload", "metadata"};

    private final Serializer serializer;
    private final EventUpcaster upcasters;

    @Autowired
    StoredEventReader(@Qualifier("eventSerializer") Serializer serializer, ObjectProvider<EventUpcaster> upcasters) {
        this(serializer, upcasters.orderedStream().toList());
    }

    /** A reader with the given chain, for code that runs without the application's context. */
    public StoredEventReader(Serializer serializer, List<EventUpcaster> upcasters) {
        this.serializer = serializer;
        this.upcasters = new EventUpcasterChain(upcasters);
    }

    /** The columns a query selects first, in order, each prefixed with {@code alias.} when one is given. */
    public static String columns(String alias) {
        String prefix = alias == null || alias.isEmpty() ? "" : alias + ".";
        StringBuilder columns = new StringBuilder();
        for (String column : COLUMNS) {
            columns.append(columns.isEmpty() ? "" : ", ").append(prefix).append(column);
        }
        return columns.toString();
    }

    /** How many columns {@link #columns} selects: a query's own columns follow them. */
    public static int columnCount() {
        return COLUMNS.length;
    }

    /**
     * The event on the current row, as today's code reads it: one message, or none or several if an
     * upcaster dropped or split it.
     */
    public List<? extends DomainEventMessage<?>> read(ResultSet row) throws SQLException {
        return read(new GenericDomainEventEntry<>(row.getString(4), row.getString(2), row.getLong(3),
                row.getString(1), row.getString(5), row.getString(6), row.getString(7), row.getBytes(8),
                row.getBytes(9)));
    }

    /** A stored event, as today's code reads it: as {@link #read(ResultSet)}. */
    public List<? extends DomainEventMessage<?>> read(DomainEventData<?> stored) {
        return EventStreamUtils.asStream(EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored),
                serializer, upcasters)).toList();
    }
}
