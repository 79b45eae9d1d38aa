package org.agreementledger.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.agreementledger.LedgerApplication;
import org.agreementledger.agreement.app.AgreementConflictException;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.AgreementId;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.Source;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Random histories of signings, model changes, withdrawals, reinstatements and corrections (signedOn included,
 * and renames into other agencies' names), in states and territories, with back-dated knowledge and
 * interleaved append order, go through the real aggregate into the
 * real store; the projection's answers must equal the test oracle's fold of the raw stored events
 * for random (asOf, knownAt) pairs, and so must the audit replay's. Each try starts from an empty
 * store and empty report tables in a database of its own; refused commands are simply not in the
 * store, so neither side sees them.
 *
 * <p>jqwik does not run JUnit Jupiter extensions, so this test starts its application context itself.
 */
class ProjectionPropertyTest {

    private static final LocalDate BASE = LocalDate.of(2020, 1, 1);
    private static final Source SOURCE = Source.manual("property test", null);
    /**
     * A few agencies, some in the same state or territory, so agencies hold several agreements and
     * states and territories several agencies; territories so states and territories are counted apart.
     */
    private static final List<Agency> AGENCIES = List.of(
            new Agency(UsState.FL, "Alachua County Sheriff's Office", "County"),
            new Agency(UsState.FL, "City of Hialeah Police Department", "Municipality"),
            new Agency(UsState.TX, "Harris County Constable Precinct 4", null),
            new Agency(UsState.TX, "Harris County Sheriff's Office", "County"),
            new Agency(UsState.GA, "Georgia Department of Corrections", "State Agency"),
            new Agency(UsState.GU, "Guam Department of Corrections", "State Agency"),
            new Agency(UsState.GU, "Guam Police Department", null),
            new Agency(UsState.PR, "Puerto Rico Police Bureau", "State Agency"));
    /** Nobody's name until an agreement is renamed to it; see {@link #renameTo}. */
    private static final String NEW_NAME = "Renamed Agency";
    private static final Map<CorrectableField, List<String>> CORRECTED_VALUES = Map.of(
            CorrectableField.county, List.of("Alachua", "Harris"),
            CorrectableField.agencyType, List.of("County", "Municipality", "State Agency"),
            CorrectableField.moaLink, List.of("https://example.org/moa/1", "https://example.org/moa/2"));

    private static ConfigurableApplicationContext context;
    private static AgreementLedger ledger;
    private static CommandGateway commandGateway;
    private static AgreementReports reports;
    private static LedgerReplay replay;
    private static ReportProcessor processor;
    private static JdbcTemplate jdbc;
    private static StoredEvents stored;
    private static ReportSnapshots snapshots;

    record Agency(UsState state, String name, String type) {
    }

    sealed interface Action permits ModelChange, Withdrawal, Reinstatement, Correction {
    }

    /** Moves the model 1 or 2 places on (so usually to another model), effective days after the signing. */
    record ModelChange(int shift, int effectiveDay, int lag) implements Action {
    }

    record Withdrawal(int effectiveDay, int lag) implements Action {
    }

    record Reinstatement(int effectiveDay, int lag) implements Action {
    }

    /** {@code choice} picks the new value; for signedOn, {@code dayShift} moves the date. */
    record Correction(CorrectableField field, int choice, int dayShift, int lag, int effectiveBefore) implements Action {
    }

    record Plan(int agency, SupportModel model, int signedDay, int effectiveShift, int signingLag,
                List<Action> actions) {
    }

    record History(List<Plan> plans, long appendOrderSeed, long querySeed) {
    }

    @BeforeContainer
    static void start() {
        context = new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(LedgerDatabaseExtension.newDatabase().ledgerArguments());
        ledger = context.getBean(AgreementLedger.class);
        commandGateway = context.getBean(CommandGateway.class);
        reports = context.getBean(AgreementReports.class);
        replay = context.getBean(LedgerReplay.class);
        processor = context.getBean(ReportProcessor.class);
        jdbc = context.getBean(JdbcTemplate.class);
        stored = new StoredEvents(jdbc, context.getBean(ObjectMapper.class));
        snapshots = context.getBean(ReportSnapshots.class);
    }

    @AfterContainer
    static void stop() {

        if (context != null) {
            context.close();
        }
    }

    /*
     * 200 tries take about 110 s on 2 cores, nearly all of it waiting for the processor: with the
     * embedded event store the pooled processor's coordinator looks for new events every 500 ms.
     */
    @Property(tries = 200)
    void theProjectionAnswersAsTheOracleFoldsTheStore(@ForAll("histories") History history) {
        emptyTheLedger();
        append(history);
        processor.awaitCaughtUp(Duration.ofSeconds(30));

        CountsOracle oracle = new CountsOracle(stored.all());
        Random random = new Random(history.querySeed());
        // the in-memory snapshot, read now: nothing is written until the next try, so it stays current
        InForceIndex index = reports.loadIndex();
        assertThat(index.revision()).as("the snapshot's revision").isEqualTo(reports.revision());
        List<LocalDate> interesting = new ArrayList<>(oracle.interestingDays());
        Coverage coverage = new Coverage();
        for (int i = 0; i < 12; i++) {
            LocalDate asOf = pick(random, interesting);
            LocalDate knownAt = random.nextInt(8) == 0 ? AgreementReports.today() : pick(random, interesting);
            Counts expected = oracle.counts(asOf, knownAt);
            coverage.asked(expected, oracle.inForce(asOf, knownAt));
            assertThat(reports.countsFromSql(asOf, knownAt)).as("SQL counts on %s as known on %s", asOf, knownAt)
                    .isEqualTo(expected);
            assertThat(index.counts(asOf, knownAt)).as("snapshot counts on %s as known on %s", asOf, knownAt)
                    .isEqualTo(expected);
            assertThat(reports.counts(asOf, knownAt)).as("counts on %s as known on %s", asOf, knownAt)
                    .isEqualTo(expected);
            assertThat(reports.agreementsInForce(asOf, knownAt, null, null, 0, 1000).agreements().stream()
                    .map(a -> new CountsOracle.InForce(a.agreementId(), a.agencyId(), a.state().name(), a.model(),
                            a.agencyType())).toList())
                    .as("agreements in force on %s as known on %s", asOf, knownAt)
                    .isEqualTo(oracle.inForce(asOf, knownAt));
        }

        LocalDate asOf = pick(random, interesting);
        LocalDate knownAt = pick(random, interesting);
        assertThat(replay.counts(asOf, knownAt, Instant.now())).as("audit replay on %s as known on %s", asOf, knownAt)
                .isEqualTo(oracle.counts(asOf, knownAt));

        Step step = Step.values()[random.nextInt(Step.values().length)];
        LocalDate from = pick(random, interesting);
        long steps = random.nextInt(12);
        LocalDate to = step.nth(from, steps).plusDays(random.nextInt(3));
        Timeline timeline = reports.timeline(from, to, step, knownAt);
        assertThat(timeline.points()).isNotEmpty();
        for (TimelinePoint point : timeline.points()) {
            Counts expected = oracle.counts(point.date(), knownAt);
            coverage.asked(expected, oracle.inForce(point.date(), knownAt));
            assertThat(point).as("timeline point, as known on %s", knownAt).isEqualTo(
                    new TimelinePoint(point.date(), expected.agreements(), expected.agencies(), expected.states(),
                            expected.territories()));
        }
        assertThat(timeline.points().get(timeline.points().size() - 1).date()).isBeforeOrEqualTo(to);
        List<TimelinePoint> fromSql = reports.timelineFromSql(from, to, step, knownAt).points();
        assertThat(fromSql).as("SQL timeline, as known on %s", knownAt).isEqualTo(timeline.points());
        assertThat(index.timeline(fromSql.stream().map(TimelinePoint::date).toList(), knownAt))
                .as("snapshot timeline, as known on %s", knownAt).isEqualTo(fromSql);

        if (random.nextInt(4) == 0) {
            appendAfterTheSnapshot(index, random, interesting);
        }
        coverage.report();
    }

    /**
     * The same histories appended by two writer threads (each its own agreements, each append
     * acknowledged, that is visible) while two reader threads ask counts from the snapshot. Each
     * answer must equal the oracle's over some prefix of what was committed: per writer and per
     * processor segment (a segment takes in one writer's events in the order they were written),
     * no shorter than what was acknowledged before the question and no longer than what was written
     * by its answer. And the snapshot follows all of it batch by batch: never set aside, never reloaded.
     */
    @Property(tries = 25)
    void readersSeeWholeCommittedBatchesWhileWritersAppend(@ForAll("histories") History history) throws Exception {
        emptyTheLedger();
        InForceIndex loaded = reports.loadIndex();
        int setAsidesBefore = snapshots.setAsides();
        org.axonframework.eventhandling.Segment[] segments = org.axonframework.eventhandling.Segment.computeSegments(
                context.getBean(org.axonframework.eventhandling.tokenstore.TokenStore.class)
                        .fetchSegments(ReportProcessor.NAME));
        int writers = 2;
        List<List<Deque<Runnable>>> queues = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            queues.add(new ArrayList<>());
        }
        Map<String, Integer> writerOf = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Map<CorrectableField, String>> facts = new java.util.concurrent.ConcurrentHashMap<>();
        for (Plan plan : history.plans()) {
            String id = agreementIdOf(plan);
            int writer = writerOf.computeIfAbsent(id, any -> writerOf.size() % writers);
            queues.get(writer).add(commands(plan, facts));
        }
        java.util.concurrent.atomic.AtomicLongArray acknowledged = new java.util.concurrent.atomic.AtomicLongArray(writers);
        for (int w = 0; w < writers; w++) {
            acknowledged.set(w, -1);
        }
        var writes = context.getBean(org.agreementledger.visibility.AcknowledgedWrites.class);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger(writers);
        record Answer(LocalDate asOf, LocalDate knownAt, Counts counts, long[] ackedBefore, long[] ackedAfter) {
        }
        List<Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(writers + 2);
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Random order = new Random(history.appendOrderSeed() + w);
            work.add(threads.submit(() -> {
                try {
                    List<Deque<Runnable>> mine = queues.get(writer);
                    while (mine.stream().anyMatch(queue -> !queue.isEmpty())) {
                        List<Deque<Runnable>> pending = mine.stream().filter(queue -> !queue.isEmpty()).toList();
                        Runnable command = pending.get(order.nextInt(pending.size())).removeFirst();
                        try {
                            long index = writes.append(() -> {
                                command.run();
                                return null;
                            }).position();
                            acknowledged.accumulateAndGet(writer, index, Math::max);
                        } catch (InvalidFieldException | AgreementConflictException
                                 | AggregateNotFoundException refused) {
                            // refused by the aggregate: not in the store
                        }
                    }
                } finally {
                    running.decrementAndGet();
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            Random questions = new Random(history.querySeed() + r);
            work.add(threads.submit(() -> {
                while (running.get() > 0 && answers.size() < 400) {
                    LocalDate asOf = BASE.plusDays(questions.nextInt(1200) - 30);
                    LocalDate knownAt = questions.nextInt(4) == 0 ? AgreementReports.today()
                            : BASE.plusDays(questions.nextInt(1500));
                    long[] before = new long[writers];
                    for (int w = 0; w < writers; w++) {
                        before[w] = acknowledged.get(w);
                    }
                    Counts counts = reports.counts(asOf, knownAt);
                    long[] after = new long[writers];
                    for (int w = 0; w < writers; w++) {
                        after[w] = acknowledged.get(w);
                    }
                    answers.add(new Answer(asOf, knownAt, counts, before, after));
                }
            }));
        }
        for (java.util.concurrent.Future<?> done : work) {
            done.get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
        threads.shutdown();
        processor.awaitCaughtUp(Duration.ofSeconds(30));

        // per (writer, segment): its events in the order written
        List<StoredEvents.Stored> all = stored.all();
        Map<Integer, List<StoredEvents.Stored>> units = new HashMap<>();
        for (StoredEvents.Stored event : all) {
            units.computeIfAbsent(unitOf(writerOf.get(event.agreementId()), event.agreementId(), segments),
                    any -> new ArrayList<>()).add(event);
        }
        List<Integer> unitKeys = new ArrayList<>(units.keySet());
        Map<List<Integer>, CountsOracle> oracles = new HashMap<>();
        for (Answer answer : answers) {
            int[] low = new int[unitKeys.size()];
            int[] high = new int[unitKeys.size()];
            for (int u = 0; u < unitKeys.size(); u++) {
                int writer = unitKeys.get(u) / segments.length;
                List<StoredEvents.Stored> events = units.get(unitKeys.get(u));
                long before = answer.ackedBefore()[writer];
                long after = answer.ackedAfter()[writer];
                low[u] = (int) events.stream().filter(e -> e.globalIndex() <= before).count();
                // at most one write in flight per writer, one event each
                high[u] = (int) Math.min(events.size(), events.stream().filter(e -> e.globalIndex() <= after).count() + 1);
            }
            assertThat(somePrefix(low, high, unitKeys, units, oracles, answer.asOf(), answer.knownAt(), answer.counts()))
                    .as("counts on %s as known on %s: %s, equal to the oracle's over no prefix between what was"
                            + " acknowledged before (%s) and written by the answer (%s)", answer.asOf(),
                            answer.knownAt(), answer.counts(), java.util.Arrays.toString(low),
                            java.util.Arrays.toString(high))
                    .isTrue();
        }
        Statistics.label("answers checked while writers appended").collect(answers.size() >= 20);

        CountsOracle whole = new CountsOracle(all);
        LocalDate knownAt = AgreementReports.today();
        for (int day = 0; day < 1200; day += 37) {
            LocalDate asOf = BASE.plusDays(day);
            assertThat(reports.counts(asOf, knownAt)).as("after the writers, on %s", asOf)
                    .isEqualTo(whole.counts(asOf, knownAt)).isEqualTo(reports.countsFromSql(asOf, knownAt));
        }
        assertThat(snapshots.setAsides()).as("snapshots set aside while the writers appended").isEqualTo(setAsidesBefore);
        assertThat(reports.snapshot().arrays()).as("the snapshot's arrays: the ones loaded before the writers")
                .isSameAs(loaded);
    }

    /** A number for (writer, the segment handling this agreement). */
    private static int unitOf(int writer, String agreementId, org.axonframework.eventhandling.Segment[] segments) {
        for (int s = 0; s < segments.length; s++) {
            if (segments[s].matches(agreementId)) {
                return writer * segments.length + s;
            }
        }
        throw new IllegalStateException("no segment handles " + agreementId);
    }

    /** Whether the oracle over some prefix of each unit's events, of a length in [low, high], answers {@code counts}. */
    private static boolean somePrefix(int[] low, int[] high, List<Integer> unitKeys,
                                      Map<Integer, List<StoredEvents.Stored>> units,
                                      Map<List<Integer>, CountsOracle> oracles, LocalDate asOf, LocalDate knownAt,
                                      Counts counts) {
        int[] length = low.clone();
        while (true) {
            List<Integer> key = java.util.Arrays.stream(length).boxed().toList();
            CountsOracle oracle = oracles.computeIfAbsent(key, any -> {
                List<StoredEvents.Stored> prefix = new ArrayList<>();
                for (int u = 0; u < length.length; u++) {
                    prefix.addAll(units.get(unitKeys.get(u)).subList(0, length[u]));
                }
                prefix.sort(java.util.Comparator.comparingLong(StoredEvents.Stored::globalIndex));
                return new CountsOracle(prefix);
            });
            if (oracle.counts(asOf, knownAt).equals(counts)) {
                return true;
            }
            int u = 0;
            while (u < length.length && length[u] == high[u]) {
                length[u] = low[u];
                u++;
            }
            if (u == length.length) {
                return false;
            }
            length[u]++;
        }
    }

    private static String agreementIdOf(Plan plan) {
        Agency agency = AGENCIES.get(plan.agency());
        LocalDate signedOn = BASE.plusDays(plan.signedDay());
        return new SignAgreement(agency.state(), agency.name(), null, agency.type(), plan.model(), signedOn, null, null,
                signedOn, SOURCE).agreementId();
    }

    /**
     * What the tries' questions reached, printed and checked over all tries: territories counted, an
     * agreement counted under an agency it was renamed into, and such an agreement counted beside
     * another of that agency signed under another name (one agency, two signing names).
     */
    private static final class Coverage {
        private boolean territory;
        private boolean renamed;
        private boolean merged;

        void asked(Counts counts, List<CountsOracle.InForce> inForce) {
            territory |= counts.territories() > 0;
            renamed |= inForce.stream().anyMatch(a -> !a.agencyId().equals(AgreementId.agencyOf(a.agreementId())));
            Map<String, Long> signingNamesByAgency = inForce.stream().collect(Collectors.groupingBy(
                    CountsOracle.InForce::agencyId, Collectors.mapping(a -> AgreementId.agencyOf(a.agreementId()),
                            Collectors.collectingAndThen(Collectors.toSet(), names -> (long) names.size()))));
            merged |= signingNamesByAgency.values().stream().anyMatch(names -> names > 1);
        }

        void report() {
            Statistics.label("a territory counted").collect(territory);
            Statistics.label("an agreement counted under the agency it was renamed into").collect(renamed);
            Statistics.label("one agency, agreements signed under two names").collect(merged);
            Statistics.label("a territory counted").coverage(check -> check.check(true).percentage(p -> p >= 20));
            Statistics.label("an agreement counted under the agency it was renamed into")
                    .coverage(check -> check.check(true).percentage(p -> p >= 10));
            Statistics.label("one agency, agreements signed under two names")
                    .coverage(check -> check.check(true).percentage(p -> p >= 1));
        }
    }

    /**
     * One more signing after the snapshot was read: the projection's batch is applied to the
     * snapshot in memory (its arrays stay those loaded: no reload), and the snapshot answers at once,
     * the new agreement included, as the oracle does over the grown store.
     */
    private static void appendAfterTheSnapshot(InForceIndex loaded, Random random, List<LocalDate> interesting) {
        Agency agency = AGENCIES.get(random.nextInt(AGENCIES.size()));
        LocalDate signedOn = BASE.plusDays(1000 + random.nextInt(200)); // after every generated signing: a new id
        reports.counts(signedOn, AgreementReports.today()); // the snapshot in use is the one loaded above
        ledger.sign(new SignAgreement(agency.state(), agency.name(), null, agency.type(), SupportModel.TFM, signedOn,
                null, null, signedOn, SOURCE));
        processor.awaitCaughtUp(Duration.ofSeconds(30));
        assertThat(reports.revision()).as("the revision after an append").isGreaterThan(loaded.revision());

        CountsOracle oracle = new CountsOracle(stored.all());
        LocalDate knownAt = AgreementReports.today();
        assertThat(reports.counts(signedOn, knownAt)).as("counts right after the append")
                .isEqualTo(oracle.counts(signedOn, knownAt)).isNotEqualTo(loaded.counts(signedOn, knownAt));
        ReportSnapshot snapshot = reports.snapshot();
        assertThat(snapshot.arrays()).as("the snapshot's arrays: applied, not reloaded").isSameAs(loaded);
        assertThat(snapshot.revision()).as("the snapshot's revision").isEqualTo(reports.revision());
        for (int i = 0; i < 6; i++) {
            LocalDate asOf = i == 0 ? signedOn : pick(random, interesting);
            LocalDate known = i == 0 ? knownAt : pick(random, interesting);
            assertThat(snapshot.counts(asOf, known)).as("snapshot with the append on %s as known on %s", asOf, known)
                    .isEqualTo(oracle.counts(asOf, known));
        }
        LocalDate from = pick(random, interesting);
        List<LocalDate> days = java.util.stream.IntStream.range(0, 40).mapToObj(n -> from.plusDays(30L * n)).toList();
        assertThat(snapshot.timeline(days, knownAt)).as("snapshot timeline with the append")
                .isEqualTo(reports.timelineFromSql(days.get(0), days.get(days.size() - 1), Step.day, knownAt).points()
                        .stream().filter(point -> days.contains(point.date())).toList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static LocalDate pick(Random random, List<LocalDate> interesting) {
        if (!interesting.isEmpty() && random.nextInt(10) < 7) {
            return interesting.get(random.nextInt(interesting.size()));
        }
        return BASE.plusDays(random.nextInt(1800) - 30);
    }

    /**
     * Test-only: the store and every read model of this test's own database start empty for each
     * try (every table but Flyway's history, the processors' tokens and the generation pointer).
     * The event and chain tables refuse deletes (V5__integrity.sql); as a superuser the test
     * switches the triggers off for its own session, as only a database administrator could.
     */
    private static void emptyTheLedger() {
        processor.awaitCaughtUp(Duration.ofSeconds(30));
        List<String> tables = jdbc.queryForList("""
                select table_name from information_schema.tables
                where table_schema = current_schema() and table_type = 'BASE TABLE'
                  and table_name not in ('flyway_schema_history', 'tokenentry', 'report_generation',
                                         'report_revision')
                """, String.class);
        jdbc.execute((java.sql.Connection connection) -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("set session_replication_role = replica");
                try {
                    for (String table : tables) {
                        statement.executeUpdate("delete from " + table);
                    }
                } finally {
                    statement.execute("set session_replication_role = default");
                }
            }
            return null;
        });
    }

    private static void append(History history) {
        Random order = new Random(history.appendOrderSeed());
        List<Deque<Runnable>> queues = new ArrayList<>();
        Map<String, Map<CorrectableField, String>> facts = new HashMap<>();
        for (Plan plan : history.plans()) {
            queues.add(commands(plan, facts));
        }
        // interleave the agreements' appends; each agreement's own commands keep their order
        while (queues.stream().anyMatch(queue -> !queue.isEmpty())) {
            List<Deque<Runnable>> pending = queues.stream().filter(queue -> !queue.isEmpty()).toList();
            Runnable command = pending.get(order.nextInt(pending.size())).removeFirst();
            try {
                command.run();
            } catch (InvalidFieldException | AgreementConflictException | AggregateNotFoundException refused) {
                // refused by the aggregate: not in the store, so not in either answer
            }
        }
    }

    private static Deque<Runnable> commands(Plan plan, Map<String, Map<CorrectableField, String>> facts) {
        Agency agency = AGENCIES.get(plan.agency());
        LocalDate signedOn = BASE.plusDays(plan.signedDay());
        LocalDate effectiveOn = plan.effectiveShift() == 0 ? null : signedOn.plusDays(plan.effectiveShift());
        LocalDate signingKnown = (effectiveOn == null || effectiveOn.isBefore(signedOn) ? signedOn : effectiveOn)
                .plusDays(plan.signingLag());
        SignAgreement signing = new SignAgreement(agency.state(), agency.name(), null, agency.type(), plan.model(),
                signedOn, null, effectiveOn, signingKnown, SOURCE);
        String id = signing.agreementId();
        Deque<Runnable> commands = new ArrayDeque<>();
        commands.add(() -> {
            ledger.sign(signing);
            Map<CorrectableField, String> recorded = new EnumMap<>(CorrectableField.class);
            recorded.put(CorrectableField.agencyName, signing.agencyName());
            recorded.put(CorrectableField.agencyType, signing.agencyType());
            recorded.put(CorrectableField.signedOn, signedOn.toString());
            facts.put(id, recorded);
        });
        SupportModel[] model = {plan.model()};
        for (Action action : plan.actions()) {
            if (action instanceof ModelChange change) {
                commands.add(() -> {
                    SupportModel to = SupportModel.values()[(model[0].ordinal() + change.shift()) % 3];
                    LocalDate on = signedOn.plusDays(change.effectiveDay());
                    ledger.amend(new ChangeSupportModel(id, to, on, on.plusDays(change.lag()), SOURCE, null));
                    model[0] = to;
                });
            } else if (action instanceof Withdrawal withdrawal) {
                commands.add(() -> {
                    LocalDate on = signedOn.plusDays(withdrawal.effectiveDay());
                    ledger.amend(new WithdrawAgreement(id, WithdrawalReason.TERMINATED_BY_ICE, on,
                            on.plusDays(withdrawal.lag()), SOURCE, null));
                });
            } else if (action instanceof Reinstatement reinstatement) {
                commands.add(() -> {
                    LocalDate on = signedOn.plusDays(reinstatement.effectiveDay());
                    // AgreementLedger has no reinstate yet: straight to the aggregate
                    commandGateway.sendAndWait(new ReinstateAgreement(id, on, on.plusDays(reinstatement.lag()), SOURCE,
                            null));
                });
            } else if (action instanceof Correction correction) {
                commands.add(() -> correct(id, agency, signedOn, correction, facts));
            }
        }
        return commands;
    }

    /**
     * A name to rename an agreement of {@code agency} to, other than the one it has: another agency's of
     * the same state or territory (the agreement then counts with that agency's, signed under it before
     * or after, from the day the rename is known) or a name nobody was signed under.
     */
    private static String renameTo(Agency agency, String current, int choice) {
        List<String> names = new ArrayList<>();
        AGENCIES.stream().filter(other -> other.state() == agency.state()).forEach(other -> names.add(other.name()));
        names.add(NEW_NAME);
        names.remove(current);
        return names.get(choice % names.size());
    }

    private static void correct(String id, Agency agency, LocalDate signedOn, Correction correction,
                                Map<String, Map<CorrectableField, String>> facts) {
        Map<CorrectableField, String> recorded = facts.getOrDefault(id, new EnumMap<>(CorrectableField.class));
        LocalDate knownOn = signedOn.plusDays(correction.lag());
        String newValue;
        if (correction.field() == CorrectableField.signedOn) {
            newValue = signedOn.plusDays(correction.dayShift()).toString();
        } else if (correction.field() == CorrectableField.agencyName) {
            newValue = renameTo(agency, recorded.get(CorrectableField.agencyName), correction.choice());
        } else {
            List<String> values = CORRECTED_VALUES.get(correction.field());
            // one choice in four clears an optional field
            newValue = correction.choice() >= values.size() ? null : values.get(correction.choice() % values.size());
        }
        LocalDate effectiveOn = correction.effectiveBefore() < 0 ? null : knownOn.minusDays(correction.effectiveBefore());
        ledger.amend(new CorrectAgreement(id, correction.field(), recorded.get(correction.field()), newValue,
                effectiveOn, knownOn, SOURCE, null));
        recorded.put(correction.field(), newValue);
    }

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<Action> modelChange = Combinators.combine(Arbitraries.integers().between(1, 2),
                Arbitraries.integers().between(-10, 500), Arbitraries.integers().between(0, 300)).as(ModelChange::new);
        Arbitrary<Action> withdrawal = Combinators.combine(Arbitraries.integers().between(-10, 500),
                Arbitraries.integers().between(0, 300)).as(Withdrawal::new);
        Arbitrary<Action> reinstatement = Combinators.combine(Arbitraries.integers().between(0, 600),
                Arbitraries.integers().between(0, 300)).as(Reinstatement::new);
        // renames weighted up: counting a renamed agreement with its new agency needs a rename and that
        // agency's own agreement in force at a point asked about
        Arbitrary<CorrectableField> field = Arbitraries.frequency(Tuple.of(3, CorrectableField.agencyName),
                Tuple.of(1, CorrectableField.county), Tuple.of(1, CorrectableField.agencyType),
                Tuple.of(1, CorrectableField.signedOn), Tuple.of(1, CorrectableField.moaLink));
        Arbitrary<Action> correction = Combinators.combine(field,
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(-60, 60),
                Arbitraries.integers().between(0, 600), Arbitraries.integers().between(-1, 30)).as(Correction::new);
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, modelChange), net.jqwik.api.Tuple.of(3, withdrawal),
                net.jqwik.api.Tuple.of(2, reinstatement), net.jqwik.api.Tuple.of(4, correction));
        Arbitrary<Plan> plan = Combinators.combine(Arbitraries.integers().between(0, AGENCIES.size() - 1),
                Arbitraries.of(SupportModel.class), Arbitraries.integers().between(0, 900),
                // a signing takes effect on or after its signing date: an earlier effectiveOn is refused
                Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 200),
                action.list().ofMaxSize(5)).as(Plan::new);
        return Combinators.combine(plan.list().ofMinSize(1).ofMaxSize(6), Arbitraries.longs(), Arbitraries.longs())
                .as(History::new);
    }
}
