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
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;

/**
 * The {@link Agreement} aggregate's decisions for a batch of its commands, without an aggregate load
 * per command: the caller folds in the stored events of the agreements the batch amends
 * ({@link #stored}), then decides the commands in their order ({@link #decide}), each seeing the
 * events decided before it. The rules are {@link AgreementState}'s, the aggregate's own, and a
 * refused command throws what the aggregate would, so both paths refuse the same commands with the
 * same messages and decide the same events. Reading and storing the events is the caller's.
 */
public final class AgreementDecisions {

    /** Axon's type of the aggregate, as it writes it in the store's {@code type} column. */
    public static final String AGGREGATE_TYPE = Agreement.class.getSimpleName();

    /** One event decided: for the aggregate {@code agreementId}, at {@code sequence} of its stream. */
    public record Decision(String agreementId, long sequence, AgreementEvent event) {
    }

    private final Map<String, Stream> streams = new HashMap<>();

    /** Whether a batch can decide the command: every command of the Agreement aggregate. */
    public static boolean decides(Object command) {
        return command instanceof SignAgreement || command instanceof AgreementAmendment;
    }

    /** The agreements the commands amend, whose stored events the batch needs, in first-named order. */
    public static Set<String> amended(List<?> commands) {
        Set<String> amended = new LinkedHashSet<>();
        for (Object command : commands) {
            if (command instanceof AgreementAmendment amendment) {
                amended.add(amendment.agreementId());
            }
        }
        return amended;
    }

    /** Folds in one stored event of an agreement; an agreement's events come in stream order. */
    public void stored(String agreementId, long sequence, Object event) {
        streams.put(agreementId, Stream.after(streams.get(agreementId), sequence, event));
    }

    /**
     * Decides one command against the agreement as stored and as this batch has changed it; a
     * refused command throws what the aggregate would and changes nothing.
     *
     * @throws IllegalArgumentException for a command {@link #decides} does not take
     */
    public Decision decide(Object command) {
        if (command instanceof SignAgreement sign) {
            // a creation: the stream starts at 0, and if it exists already the store refuses it at the
            // commit (a conflict), as it refuses the aggregate's own creation
            return decided(sign.agreementId(), 0, AgreementState.sign(sign));
        }
        if (!(command instanceof AgreementAmendment amendment)) {
            throw new IllegalArgumentException("not a command of an agreement: " + command.getClass().getName());
        }
        String id = amendment.agreementId();
        Stream stream = streams.get(id);
        if (stream == null || stream.state() == null) {
            throw new AggregateNotFoundException(id, "The aggregate was not found in the event store");
        }
        // as Axon's event-sourcing repository checks an expected version: one ahead of the agreement is
        // refused before its rules; one behind it after them (at its prepare-commit)
        Long expected = amendment.expectedVersion();
        long version = stream.lastSequence();
        if (expected != null && expected > version) {
            throw new ConflictingAggregateVersionException(id, expected, version);
        }
        AgreementEvent event = stream.state().decide(amendment);
        if (expected != null && expected < version) {
            throw new ConflictingAggregateVersionException(id, expected, version);
        }
        return decided(id, version + 1, event);
    }

    private Decision decided(String agreementId, long sequence, AgreementEvent event) {
        stored(agreementId, sequence, event);
        return new Decision(agreementId, sequence, event);
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
}
