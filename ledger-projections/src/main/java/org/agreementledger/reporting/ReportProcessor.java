package org.agreementledger.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pooled streaming processor that feeds the reports, and how far it has got. "Caught up"
 * means every segment is claimed here and has committed the store's last event.
 *
 * <p>It is also the one place that knows how far the published report tables are behind the
 * store ({@link #reportPosition()}, on every report answered) and whether they hold what a write
 * appended ({@link #awaitTakenIn}, which an acknowledged import waits for; a single append writes
 * its own report rows, {@link RowsWrittenByTheAppend}). Both go by each segment's
 * tracking token: the processor commits a batch's report rows and its token in one transaction,
 * so what a token covers is in the tables. A segment held here is read from the processor's
 * status, which moves after each commit, and past events the reports do not handle (a
 * publication's record) at once; a segment held elsewhere, or by nobody, from its stored token,
 * which moves past such events only at the next batch or claim extension (a few seconds). During
 * a rebuild the processor writes the generation being built, and the published one stands still
 * where the rebuild stopped it ({@code report_generation.published_position}).
 */
@Component
public class ReportProcessor {

    /** The processor's name, as configured under axon.eventhandling.processors in application.yml. */
    public static final String NAME = AgreementReportProjection.PROCESSOR;

    private static final Duration POLL = Duration.ofMillis(10);

    /** See {@link #GENERATION_AND_STORE}. */
    static final int LOOKED_AT_AFTER_TOKENS = 1000;

    /**
     * Where the store and the report tables stand, given the tokens' position and gaps. An event
     * the tokens have not passed is taken in all the same when its single append wrote its rows
     * (V33's {@code report_agreement_through} folds it): the processor passes such events at its next
     * poll, within about 100 ms. Further behind than {@link #LOOKED_AT_AFTER_TOKENS} events (a processor
     * catching up, or not started), every event after the tokens counts as not taken in, as before
     * V33, rather than each being looked up on every report.
     */
    private static final String GENERATION_AND_STORE = """
            with store as (select max(globalindex) as head from domainevententry),
            not_taken_in as (
                select e.globalindex from domainevententry e, report_generation g, store s
                where g.id = 1 and (e.globalindex > ? or e.globalindex = any(?::bigint[]))
                  and (s.head - ? > %d
                       or not exists (select 1 from report_agreement_through t
                                      where t.generation = g.building and t.agreement_id = e.aggregateidentifier
                                        and t.sequence >= e.sequencenumber)))
            select g.published <> g.building as rebuilding, g.published_position,
                   (select head from store) as head,
                   (select count(*) from not_taken_in) as not_taken_in,
                   (select min(globalindex) from not_taken_in where globalindex > ?) as first_after_position,
                   (select sum(changes)::bigint from report_revision) as revision
            from report_generation g where g.id = 1""".formatted(LOOKED_AT_AFTER_TOKENS);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final JdbcTemplate jdbc;
    private final ReportBatchSignal batches;

    ReportProcessor(EventProcessingConfiguration processing, EventStore eventStore, TokenStore tokenStore,
                    JdbcTemplate jdbc, ReportBatchSignal batches) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.jdbc = jdbc;
        this.batches = batches;
    }

    PooledStreamingEventProcessor processor() {
        return processing.eventProcessor(AgreementReportProjection.PROCESSOR, PooledStreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the event processor '"
                        + AgreementReportProjection.PROCESSOR + "' is not a pooled streaming processor;"
                        + " see axon.eventhandling.processors in application.yml"));
    }

    /** The global index of the store's last event, or -1 for an empty store. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** The global index every segment has committed, or -1 if some segment has none or is not claimed here. */
    public long position() {
        PooledStreamingEventProcessor processor = processor();
        Collection<EventTrackerStatus> status = processor.processingStatus().values();
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status) {
            if (segment.isErrorState()) {
                return -1;
            }
            OptionalLong position = segment.getCurrentPosition();
            lowest = Math.min(lowest, position.orElse(-1));
        }
        return processor.isRunning() && whole(status) ? lowest : -1;
    }

    public boolean caughtUp() {
        long head = head();
        return isClaimed() && position() >= head;
    }

    private boolean isClaimed() {
        return heldSegments(processor()) != null;
    }

    /** Whether segments cover the whole stream: as fractions of it, they add up to one. */
    private static boolean whole(Collection<EventTrackerStatus> segments) {
        return segments.stream().mapToDouble(segment -> 1.0 / (segment.getSegment().getMask() + 1)).sum() > 0.999;
    }

    /** Waits until the reports include every event appended before the call. */
    public void awaitCaughtUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!caughtUp()) {
            if (Instant.now().isAfter(deadline)) {
                String error = processor().processingStatus().values().stream()
                        .filter(EventTrackerStatus::isErrorState)
                        .map(segment -> "; segment " + segment.getSegment().getSegmentId() + " failed: "
                                + segment.getError())
                        .findFirst().orElse("");
                throw new IllegalStateException("the reports did not catch up with the event store within "
                        + timeout.toSeconds() + " s (processed up to " + position() + " of " + head() + ")" + error);
            }
            pause(POLL);
        }
    }

    /**
     * How far the published report tables are behind the store, now. Read it before answering from
     * them: the tokens are read first, so the answer that follows reflects at least this position.
     */
    public ReportPosition reportPosition() {
        Collection<TrackingToken> tokens = segmentTokens().values();
        long position = tokens.isEmpty() ? -1 : tokens.stream().mapToLong(ReportProcessor::indexOf).min().orElse(-1);
        SortedSet<Long> gaps = new TreeSet<>();
        for (TrackingToken token : tokens) {
            if (token != null && WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken gapAware) {
                gaps.addAll(gapAware.getGaps().headSet(position + 1));
            }
        }
        long tokensAt = position;
        ReportPosition[] answer = new ReportPosition[1];
        jdbc.query(GENERATION_AND_STORE, row -> {
            long head = row.getObject("head") == null ? -1 : row.getLong("head");
            if (row.getBoolean("rebuilding")) {
                // the published generation stands still; not knowing where (a rebuild older than V9) is nothing
                long standing = row.getObject("published_position") == null ? -1 : row.getLong("published_position");
                answer[0] = new ReportPosition(standing, head, head <= standing ? 0 : eventsAfter(standing),
                        row.getLong("revision"));
            } else {
                // every event up to the first after the tokens that nobody has taken in
                long upTo = row.getObject("first_after_position") == null ? Math.max(tokensAt, head)
                        : row.getLong("first_after_position") - 1;
                answer[0] = new ReportPosition(upTo, head, row.getLong("not_taken_in"), row.getLong("revision"));
            }
        }, position, gaps.toArray(Long[]::new), position, position);
        return answer[0];
    }

    /**
     * Whether the published report tables hold the event at {@code globalIndex}, and every event
     * appended with it (they commit together, and the processor reads them in index order): every
     * segment has passed it. An index below 0 (nothing appended) is covered.
     */
    public boolean covers(long globalIndex) {
        if (globalIndex < 0) {
            return true;
        }
        Collection<TrackingToken> tokens = segmentTokens().values();
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> covers(token, globalIndex))
                && publishedHolds(globalIndex);
    }

    /**
     * Waits until the published report tables hold the event at {@code globalIndex}, for at most
     * {@code timeout}; whether they do.
     */
    public boolean awaitCovering(long globalIndex, Duration timeout) {
        return await(() -> covers(globalIndex), timeout);
    }

    /**
     * Waits, for at most {@code timeout}, until the published report tables hold what a write
     * appended: {@code events}, in the order stored, the last at {@code lastIndex}. Only the segment
     * that handles an event has to have taken it in: another segment passes it without a batch, so
     * where that segment is held by another instance its stored token may lag it by seconds
     * (until its next claim extension). So each segment waits for the last of the write's events it
     * handles, if any; events no segment handles (a publication's record) are not waited for.
     * Whether they were taken in.
     */
    public boolean awaitTakenIn(List<? extends EventMessage<?>> events, long lastIndex, Duration timeout) {
        Map<Integer, Long> required = lastHandled(events, lastIndex);
        return await(() -> takenIn(required), timeout);
    }

    /** For each segment that handles any of {@code events}, the global index of the last it handles. */
    private Map<Integer, Long> lastHandled(List<? extends EventMessage<?>> events, long lastIndex) {
        PooledStreamingEventProcessor processor = processor();
        Segment[] segments = heldSegments(processor);
        if (segments == null) {
            int[] ids = tokenStore.fetchSegments(NAME);
            // no segment yet (a processor never started): the whole stream is one segment, with nothing taken in
            segments = ids.length == 0 ? new Segment[] {Segment.ROOT_SEGMENT} : Segment.computeSegments(ids);
        }
        EventHandlerInvoker handlers = processor.eventHandlerInvoker();
        Map<Integer, Long> required = new HashMap<>();
        for (Segment segment : segments) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (handlers.canHandle(events.get(i), segment)) {
                    required.put(segment.getSegmentId(), i == events.size() - 1 ? lastIndex
                            : globalIndexOf(events.get(i).getIdentifier()));
                    break;
                }
            }
        }
        return required;
    }

    /**
     * The segments, when this application holds all of them (the usual case: a query of the token
     * table on every acknowledged write cost a round trip and a transaction); else null.
     */
    private static Segment[] heldSegments(PooledStreamingEventProcessor processor) {
        if (!processor.isRunning()) {
            return null;
        }
        Collection<EventTrackerStatus> status = processor.processingStatus().values();
        return whole(status) ? status.stream().map(EventTrackerStatus::getSegment).toArray(Segment[]::new) : null;
    }

    private boolean takenIn(Map<Integer, Long> required) {
        if (required.isEmpty()) {
            return true; // nothing the reports handle: they show it as they are
        }
        Map<Integer, TrackingToken> tokens = segmentTokens();
        return required.entrySet().stream().allMatch(need -> covers(tokens.get(need.getKey()), need.getValue()))
                && publishedHolds(required.values().stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    /** The processor has it; reports read it unless a rebuild has them reading a generation standing still. */
    private boolean publishedHolds(long globalIndex) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select case when published = building then true"
                + " else coalesce(published_position, -1) >= ? end from report_generation where id = 1",
                Boolean.class, globalIndex));
    }

    private long globalIndexOf(String eventIdentifier) {
        return jdbc.queryForObject("select globalindex from domainevententry where eventidentifier = ?", Long.class,
                eventIdentifier);
    }

    /**
     * Looks at {@code done} until it holds or {@code timeout} passes: again whenever a report batch is
     * over, and every millisecond or so at first, then every 10, for what no batch here signals
     * (another instance's segments, the other segment passing events it does not handle).
     */
    private boolean await(java.util.function.BooleanSupplier done, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (true) {
            long seen = batches.seen();
            if (done.getAsBoolean()) {
                return true;
            }
            long now = System.nanoTime();
            if (now - deadline > 0) {
                return false;
            }
            batches.awaitAfter(seen, Duration.ofMillis(Math.min(POLL.toMillis(), 1 + (now - started) / 10_000_000)));
        }
    }

    /**
     * Each segment's token, by segment id: from the processor's status where the segment is held
     * here (the status moves once a batch has committed), else as stored. Empty when no segment has
     * a token yet.
     */
    private Map<Integer, TrackingToken> segmentTokens() {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        PooledStreamingEventProcessor processor = processor();
        Collection<EventTrackerStatus> held = processor.isRunning() ? processor.processingStatus().values() : List.of();
        for (EventTrackerStatus segment : held) {
            tokens.put(segment.getSegment().getSegmentId(), segment.getTrackingToken());
        }
        if (!whole(held)) {
            Serializer serializer = tokenSerializer();
            jdbc.query("select segment, token, tokentype from tokenentry where processorname = ?", row -> {
                byte[] token = row.getBytes("token");
                tokens.putIfAbsent(row.getInt("segment"), token == null ? null : serializer.deserialize(
                        new SimpleSerializedObject<>(token, byte[].class, row.getString("tokentype"), null)));
            }, NAME);
        }
        return tokens;
    }

    private Serializer tokenSerializer() {
        if (tokenStore instanceof JdbcTokenStore jdbcTokens) {
            return jdbcTokens.serializer();
        }
        throw new IllegalStateException("the token store is a " + tokenStore.getClass().getName()
                + ", not Axon's JDBC token store; the reports cannot tell how far they have got");
    }

    private long eventsAfter(long globalIndex) {
        return jdbc.queryForObject("select count(*) from domainevententry where globalindex > ?", Long.class,
                globalIndex);
    }

    /** The highest global index a token has taken in; -1 for none. */
    private static long indexOf(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        TrackingToken lower = WrappedToken.unwrapLowerBound(token);
        return lower instanceof GapAwareTrackingToken gapAware ? gapAware.getIndex() : lower.position().orElse(-1);
    }

    /** Whether a token has taken in the event at {@code globalIndex}: at or before its index and not one of its gaps. */
    static boolean covers(TrackingToken token, long globalIndex) {
        if (token == null) {
            return false;
        }
        TrackingToken lower = WrappedToken.unwrapLowerBound(token);
        if (lower instanceof GapAwareTrackingToken gapAware) {
            return globalIndex <= gapAware.getIndex() && !gapAware.getGaps().contains(globalIndex);
        }
        return lower.position().orElse(-1) >= globalIndex;
    }

    /**
     * The highest global index up to which the segments' tokens have taken in every event: below
     * the first gap of any (an event in flight then, or an index a failed append used up: which,
     * only the future tells, so this errs low). -1 if any segment has none.
     */
    static long everyIndexUpTo(Collection<TrackingToken> tokens) {
        long upTo = tokens.isEmpty() ? -1 : Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            long index = indexOf(token);
            if (token != null && WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken gapAware
                    && gapAware.hasGaps()) {
                index = Math.min(index, gapAware.getGaps().first() - 1);
            }
            upTo = Math.min(upTo, index);
        }
        return upTo;
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the reports", e);
        }
    }
}
