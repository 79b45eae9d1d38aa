package org.agreementledger.agreement.app;

import static org.agreementledger.testing.TestAgreements.PRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;
import org.agreementledger.importing.app.AtomicAppender;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.agreementledger.testing.TestAgreements;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import's batch path ({@link AgreementBatch}, behind {@link AtomicAppender}) against the command
 * path it replaced (each command sent through Axon's command bus to the Agreement aggregate, nested
 * in one root unit of work and one transaction), on random scenarios of valid and invalid commands:
 * mostly plausible amendments with dates around the signing, some on withdrawn or unknown
 * agreements, wrong old values, future knownOn, stale or future expected versions, repeated
 * signings. Each scenario runs on agencies of its own for each path, so one store holds both and
 * the rows compare once the agencies' tags are taken out. Both paths must refuse the same commands
 * with the same exception and message, and store the same events (aggregate, sequence, type,
 * payload type, payload, metadata keys): command by command, as one batch of every accepted command
 * (state and sequence numbers carried inside the batch), and as one batch of all of them (refused
 * whole, nothing stored).
 */
class AgreementBatchTest extends LedgerIntegrationTest {

    private static final int AGREEMENTS = 8;
    private static final SupportModel[] MODELS = SupportModel.values();
    /** Values a correction names; the last (null) only as an old value. */
    private static final String[] VALUES = {"Colbert", "Lee", "County", "City", "link", "link-2", "2025-01-02",
            "2025-01-20", null};

    @Autowired
    AtomicAppender appender;
    @Autowired
    CommandGateway commands;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AgreementLedger ledger;
    @Autowired
    EventBus eventBus;

    /** A command for the agencies tagged {@code tag}. */
    private interface Step extends Function<String, Object> {
    }

    private record Outcome(String failure, String message) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void theBatchPathRefusesAndAppendsExactlyWhatTheAggregateDoes(long seed) {
        List<Step> steps = scenario(new SplittableRandom(seed), 120);

        // command by command: every outcome, then every stored event
        String viaCommands = tag();
        String viaBatch = tag();
        List<Step> accepted = new ArrayList<>();
        int refused = 0;
        for (Step step : steps) {
            Outcome expected = outcome(viaCommands, () -> throughCommands(List.of(step.apply(viaCommands))));
            Outcome actual = outcome(viaBatch, () -> appender.appendAll(List.of(step.apply(viaBatch)), "test",
                    Progress.NONE));
            assertThat(actual).as("outcome of %s", step.apply("")).isEqualTo(expected);
            if (expected == null) {
                accepted.add(step);
            } else {
                refused++;
            }
        }
        assertThat(refused).as("refused commands in the scenario").isBetween(10, steps.size() - 30);
        assertThat(events(viaBatch)).isEqualTo(events(viaCommands)).hasSizeGreaterThan(30);

        // every accepted command in one batch: each decided against the batch's own earlier events
        String batchViaCommands = tag();
        String batchViaBatch = tag();
        throughCommands(accepted.stream().map(step -> step.apply(batchViaCommands)).toList());
        appender.appendAll(accepted.stream().map(step -> step.apply(batchViaBatch)).toList(), "test", Progress.NONE);
        assertThat(events(batchViaBatch)).isEqualTo(events(batchViaCommands)).isEqualTo(events(viaCommands));

        // all of them in one batch: refused whole, by the same command, for the same reason
        String allViaCommands = tag();
        String allViaBatch = tag();
        Outcome expected = outcome(allViaCommands,
                () -> throughCommands(steps.stream().map(step -> step.apply(allViaCommands)).toList()));
        Outcome actual = outcome(allViaBatch,
                () -> appender.appendAll(steps.stream().map(step -> step.apply(allViaBatch)).toList(), "test",
                        Progress.NONE));
        assertThat(expected).isNotNull();
        assertThat(actual).isEqualTo(expected);
        assertThat(events(allViaBatch)).isEmpty();
        assertThat(events(allViaCommands)).isEmpty();
    }

    /**
     * The rule that a signing takes effect on or after its signing date is the aggregate's, so the
     * import's batch path refuses such a signing as the command path does, whole batch and all.
     */
    @Test
    void aSigningInEffectBeforeItWasSignedIsRefusedAlikeOnBothPaths() {
        String viaCommands = tag();
        String viaBatch = tag();
        Step early = tag -> new SignAgreement(UsState.AL, agencyName(0, tag), null, null, SupportModel.JEM,
                signedOn(0), null, signedOn(0).minusDays(1), signedOn(0).plusDays(3), PRESS);
        Outcome expected = outcome(viaCommands, () -> throughCommands(List.of(signing(1).apply(viaCommands),
                early.apply(viaCommands))));
        Outcome actual = outcome(viaBatch, () -> appender.appendAll(List.of(signing(1).apply(viaBatch),
                early.apply(viaBatch)), "test", Progress.NONE));
        assertThat(expected).isEqualTo(new Outcome(org.agreementledger.api.InvalidFieldException.class.getName(),
                "effectiveOn: " + signedOn(0).minusDays(1) + " is before signedOn " + signedOn(0)
                        + "; a signing takes effect on or after the day it was signed"));
        assertThat(actual).isEqualTo(expected);
        assertThat(events(viaBatch)).isEmpty();
        assertThat(events(viaCommands)).isEmpty();
    }

    /**
     * An amendment through the API that commits between the batch reading an agreement and storing
     * its own amendment of it: the batch's event takes the same sequence number, the store refuses
     * it, and the whole batch is a conflict (409), its other agreement's signing included.
     */
    @Test
    void anAmendmentCommittedWhileTheBatchDecidesMakesTheBatchAConflict() throws Exception {
        String id = ledger.sign(TestAgreements.signing());
        SignAgreement other = TestAgreements.signing();
        Thread batchThread = Thread.currentThread();
        ExecutorService api = Executors.newSingleThreadExecutor();
        AtomicBoolean raced = new AtomicBoolean();
        Registration race = eventBus.registerDispatchInterceptor(events -> (index, event) -> {
            if (Thread.currentThread() == batchThread && raced.compareAndSet(false, true)) {
                try {
                    api.submit(() -> ledger.amend(TestAgreements.modelChange(id, SupportModel.WSO,
                            LocalDate.of(2025, 2, 1), null))).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the racing amendment failed", e);
                }
            }
            return event;
        });
        try {
            assertThatThrownBy(() -> appender.appendAll(List.of(other,
                            TestAgreements.modelChange(id, SupportModel.TFM, LocalDate.of(2025, 2, 2), null)),
                    "test", Progress.NONE))
                    .isInstanceOf(AgreementConflictException.class)
                    .hasRootCauseInstanceOf(org.postgresql.util.PSQLException.class);
        } finally {
            race.cancel();
            api.shutdownNow();
        }
        assertThat(raced).isTrue();
        EventStoreRows rows = new EventStoreRows(jdbc);
        assertThat(rows.countFor(id)).as("the signing and the API's amendment").isEqualTo(2);
        assertThat(rows.countFor(other.agreementId())).as("nothing of the batch").isZero();
    }

    private void throughCommands(List<Object> batch) {
        ThroughCommandBus.append(commands, transaction, batch);
    }

    private static Outcome outcome(String tag, Runnable append) {
        try {
            append.run();
            return null;
        } catch (RuntimeException e) {
            return new Outcome(e.getClass().getName(), untagged(String.valueOf(e.getMessage()), tag));
        }
    }

    /** The stored events of the agencies tagged {@code tag}, in append order, without the tag. */
    private List<String> events(String tag) {
        return jdbc.query("select aggregateidentifier, sequencenumber, type, payloadtype, payloadrevision, payload,"
                        + " metadata from domainevententry where aggregateidentifier like ? order by globalindex",
                (row, n) -> untagged(String.join(" | ", row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), String.valueOf(row.getString(5)),
                        new String(row.getBytes(6), StandardCharsets.UTF_8),
                        metadataKeys(row.getBytes(7))), tag),
                "%-" + tag + "-%");
    }

    private static String metadataKeys(byte[] metadata) {
        if (metadata == null) {
            return "no metadata";
        }
        // the values are message identifiers, fresh in every run; the keys say which were recorded
        return new String(metadata, StandardCharsets.UTF_8).replaceAll("\"[0-9a-f-]{36}\"", "\"<id>\"");
    }

    private static String untagged(String text, String tag) {
        return text.replace(tag, "<tag>");
    }

    private static String tag() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    // ---- the scenario -------------------------------------------------------------------------

    private static List<Step> scenario(SplittableRandom random, int size) {
        List<Step> steps = new ArrayList<>();
        for (int k = 0; k < AGREEMENTS - 1; k++) {
            steps.add(signing(k)); // the last agreement is never signed: amendments of it are not found
        }
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        while (steps.size() < size) {
            int k = random.nextInt(AGREEMENTS);
            LocalDate effective = signedOn(k).plusDays(random.nextInt(-5, 120));
            LocalDate known = switch (random.nextInt(10)) {
                case 0 -> null; // the day of the append
                case 1 -> today.plusDays(5); // not yet known: refused
                case 2 -> effective.minusDays(1); // valid time ahead of knowledge: refused
                default -> effective.plusDays(random.nextInt(0, 30));
            };
            Long expected = random.nextInt(8) == 0 ? (long) random.nextInt(0, 4) : null;
            int kind = random.nextInt(20);
            Step step;
            if (kind == 0) {
                step = signing(k); // a second signing of the same agreement: a conflict
            } else if (kind < 7) {
                SupportModel to = MODELS[random.nextInt(MODELS.length)];
                step = tag -> new ChangeSupportModel(id(k, tag), to, effective, known, PRESS, expected);
            } else if (kind < 9) {
                WithdrawalReason reason = WithdrawalReason.values()[random.nextInt(WithdrawalReason.values().length)];
                step = tag -> new WithdrawAgreement(id(k, tag), reason, effective, known, PRESS, expected);
            } else if (kind < 13) {
                step = tag -> new ReinstateAgreement(id(k, tag), effective, known, PRESS, expected);
            } else {
                CorrectableField field = CorrectableField.values()[random.nextInt(CorrectableField.values().length)];
                // mostly the value as signed (right until it is corrected), else any
                boolean asSigned = random.nextInt(10) < 7;
                String anyOld = VALUES[random.nextInt(VALUES.length)];
                String newValue = field == CorrectableField.signedOn
                        ? effective.minusDays(random.nextInt(0, 10)).toString()
                        : VALUES[random.nextInt(VALUES.length - 1)];
                LocalDate correctionEffective = random.nextBoolean() ? null : effective;
                step = tag -> new CorrectAgreement(id(k, tag), field, asSigned ? signedValue(k, field, tag) : anyOld,
                        newValue, correctionEffective, known, PRESS, expected);
            }
            steps.add(step);
        }
        return steps;
    }

    private static String signedValue(int k, CorrectableField field, String tag) {
        return switch (field) {
            case agencyName -> agencyName(k, tag);
            case county -> k % 2 == 0 ? "Colbert" : "Lee";
            case agencyType -> "County";
            case signedOn -> signedOn(k).toString();
            case moaLink -> "link";
        };
    }

    private static LocalDate signedOn(int k) {
        return LocalDate.of(2024, 3, 1).plusDays(17L * k);
    }

    private static Step signing(int k) {
        return tag -> new SignAgreement(UsState.AL, agencyName(k, tag), k % 2 == 0 ? "Colbert" : "Lee", "County",
                MODELS[k % MODELS.length], signedOn(k), "link", null, signedOn(k).plusDays(3), PRESS);
    }

    private static String id(int k, String tag) {
        return new SignAgreement(UsState.AL, agencyName(k, tag), null, null, MODELS[k % MODELS.length], signedOn(k),
                null, null, null, PRESS).agreementId();
    }

    private static String agencyName(int k, String tag) {
        return "Batch " + tag + " Sheriff " + k;
    }
}
