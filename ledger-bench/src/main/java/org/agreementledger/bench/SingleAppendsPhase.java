package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.round;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.Source;
import org.agreementledger.api.SourceKind;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.reporting.ReportSnapshots;
import org.agreementledger.reporting.SnapshotStatistics;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;

/**
 * Phase 6: single appends under an open-loop load (issue 18), after a {@code VACUUM (ANALYZE)} of the
 * ledger's database and a {@code sync} of the page cache (each timed): the first vacuum after the bulk
 * load, and the kernel's writing back of what the load left dirty, are one-offs that a running ledger
 * has behind it. Then an untimed warm-up until the JIT has settled ({@link JitWarmUp}). Steps of
 * increasing offered rate, each
 * {@code stepSeconds} long ({@code -Dbench.stepSeconds}, default 5; the target's step twice as long),
 * up to the first at or above the target that breaks p99 or fails a request (the highest rate holding
 * p99 is the highest step that held); the same steps of one plain INSERT a transaction
 * as the baseline; then one more step at the target rate under JFR for the stage profile (kept apart
 * so the recording does not touch the judged figures).
 */
final class SingleAppendsPhase {

    static final int CLIENTS = 8;
    /** Offered rates, appends a second, tried in order until one breaks p99. */
    static final double[] RATES = {250, 500, 750, 1_000, 1_250, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000, 6_000,
            8_000, 10_000, 12_000};

    private final Bench bench;
    private final double stepSeconds = Double.parseDouble(System.getProperty("bench.stepSeconds", "5"));

    SingleAppendsPhase(Bench bench) {
        this.bench = bench;
    }

    SingleAppendsFigure run() throws Exception {
        PooledStreamingEventProcessor reports = bench.bean(EventProcessingConfiguration.class)
                .eventProcessor(ReportProcessor.NAME, PooledStreamingEventProcessor.class).orElseThrow();
        if (!reports.isRunning()) {
            reports.start();
        }
        bench.bean(ReportProcessor.class).awaitCaughtUp(java.time.Duration.ofMinutes(10));
        // the ledger as it runs, not as it stands seconds after a bulk load: the first vacuum of the tables
        // the load wrote visits every page they have (later ones only what was appended since), and
        // autovacuum would start it inside the steps (at 100k, 9-12 s into one: the four large tables)
        bench.progress.start("single appends: VACUUM (ANALYZE) after the load", 1);
        long vacuumStarted = System.nanoTime();
        bench.jdbc().execute("vacuum (analyze)");
        double vacuumSeconds = Bench.seconds(vacuumStarted);
        bench.progress.advance(1);
        bench.progress.finish();
        // and with the kernel holding no backlog of the load's writes: what the load, the rebuild and the
        // vacuum left dirty in the page cache the kernel writes back 30 s after (vm.dirty_expire_centisecs),
        // tens of MB at once, and every commit's WAL flush waits behind it while the chain's lock is held
        // (a side harness: 57 MB written back in 2.9 s of a step, the commits in IO:WalSync, the other
        // writers in Lock:advisory, a 39 ms stall). A running ledger has no bulk load's backlog: sync(1) first
        SystemSync sync = SystemSync.run();
        Bench.note("single appends: " + sync);
        AgreementLedger ledger = bench.bean(AgreementLedger.class);
        AcknowledgedWrites writes = bench.bean(AcknowledgedWrites.class);
        Source source = new Source(SourceKind.SYNTHETIC, "Benchmark single appends, not real data", null, null, null,
                null);
        int[] stepNumber = {0};
        WriteTimes times = new WriteTimes();
        OpenLoop.Request append = (client, i) -> times.append(writes, () -> ledger.sign(
                Clients.signing(source, "Bench Step " + stepNumber[0], client, i)));

        // warm-up, untimed: the pool, the processor's first batches, and the JIT until it has settled
        // (at 5 s steps: 4 s, then 5 s chunks up to 2 minutes; scaled with -Dbench.stepSeconds), at the
        // target's rate: settled at 250/s, the JIT still compiled 1.5 to 4.8 s in the first step at 500/s
        // (more writers at once take paths 250/s rarely does), 0.3 to 0.8 s in a second (2026-12-05)
        double mostSeconds = 24 * stepSeconds;
        double warmUpRate = SingleAppendsFigure.TARGET_RATE;
        bench.progress.start("single appends: warm-up at " + (int) warmUpRate + "/s until the JIT settles and the"
                        + " report snapshot has folded (chunks, at most)",
                (int) Math.floor((mostSeconds - 0.8 * stepSeconds) / stepSeconds) + 1);
        stepNumber[0]++;
        int[] chunks = {0};
        JitWarmUp.Result warmUp = JitWarmUp.run(append, CLIENTS, warmUpRate, stepSeconds, 0.8 * stepSeconds,
                mostSeconds, aFoldRan(bench.bean(ReportSnapshots.class)), () -> bench.progress.advance(++chunks[0]));
        bench.progress.finish();
        Bench.note("single appends: " + warmUp);

        bench.heap.reset();
        Search appends = search("single appends, open loop, " + CLIENTS + " clients, steps of rising rate", append,
                () -> {
                    stepNumber[0]++; // each step signs agreements of its own
                    bench.bean(ReportProcessor.class).awaitCaughtUp(java.time.Duration.ofMinutes(10));
                });
        bench.phaseHeap("singleAppends");

        // the profile: one more step at the target rate, under JFR
        long postmaster = StageProfile.parentOf(bench.jdbc().queryForObject("select pg_backend_pid()", Long.class));
        bench.bean(ReportProcessor.class).awaitCaughtUp(java.time.Duration.ofMinutes(10));
        StageProfile profiler = new StageProfile(postmaster);
        stepNumber[0]++;
        profiler.start(java.time.Duration.ofMillis(5));
        times.split(); // the steps'
        OpenLoop.Step profiled = OpenLoop.run(CLIENTS, SingleAppendsFigure.TARGET_RATE,
                seconds(SingleAppendsFigure.TARGET_RATE), append);
        StageProfile.Profile profile = profiler.stop(profiled.sent());
        WriteTimes.Split profiledTimes = times.split();
        Bench.note("profiled step at " + SingleAppendsFigure.TARGET_RATE + "/s: " + profiled + "; " + profiledTimes);

        // baseline: the same load, one plain INSERT of an event's payload a transaction
        bench.heap.reset();
        DataSource dataSource = bench.bean(DataSource.class);
        byte[] payload = bench.jdbc().queryForObject(
                "select payload from domainevententry order by globalindex desc limit 1", byte[].class);
        bench.jdbc().execute("create table bench_single (id bigserial primary key, payload bytea not null)");
        OpenLoop.Request insert = (client, i) -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(
                         "insert into bench_single (payload) values (?)")) {
                statement.setBytes(1, payload);
                statement.executeUpdate(); // autocommit: one transaction, one WAL flush
            }
        };
        OpenLoop.run(CLIENTS, 250, 2, insert); // warm-up
        Search plain = search("baseline: plain INSERT a transaction, open loop, steps of rising rate", insert, () -> {
        });
        bench.jdbc().execute("drop table bench_single");
        bench.phaseHeap("singleAppendsBaseline");

        return new SingleAppendsFigure(CLIENTS, stepSeconds, round(vacuumSeconds, 2), sync.dirtyMb(),
                sync.seconds(), warmUp,
                "AcknowledgedWrites.append(AgreementLedger.sign(signing)): command gateway, unit of work, store,"
                        + " chain, listing, then waiting until the report processor holds it (no HTTP)",
                SingleAppendsFigure.TARGET_RATE + "/s offered by " + CLIENTS + " clients (open loop), p99 <= "
                        + SingleAppendsFigure.TARGET_P99_MS + " ms request to acknowledgement, 0 errors",
                appends.atTarget(), appends.highest(), appends.steps(),
                "the same open-loop steps, each request one plain JDBC INSERT of an event's payload in its own"
                        + " transaction (autocommit, a pooled connection)",
                plain.atTarget(), plain.highest(), plain.steps(),
                plain.highest() == 0 ? 0 : round(appends.highest() / plain.highest(), 3), profile, profiledTimes);
    }

    /** The steps run, the target's step, and the highest rate that held p99 with every step below it. */
    private record Search(List<OpenLoop.Step> steps, OpenLoop.Step atTarget, double highest) {
    }

    /**
     * Steps of rising rate, {@code before} each, up to the first at or above the target that breaks
     * p99 (the target's step always runs, even after a lower rate broke it, and none runs after it
     * then). The highest rate holding p99 is the last step of an unbroken run of steps that held from
     * the first: a lower step that broke (a stall) is not outweighed by a higher one that did not.
     */
    private Search search(String what, OpenLoop.Request request, Runnable before) throws Exception {
        List<OpenLoop.Step> steps = new ArrayList<>();
        OpenLoop.Step atTarget = null;
        double highest = 0;
        boolean allHeld = true;
        bench.progress.start(what, RATES.length);
        for (int r = 0; r < RATES.length; r++) {
            before.run();
            long compiling = JitWarmUp.compilingMs();
            OpenLoop.Step step = OpenLoop.run(CLIENTS, RATES[r], seconds(RATES[r]), request);
            steps.add(step);
            Bench.note(what + ": offered " + RATES[r] + "/s: " + step + " (the JIT compiling "
                    + (JitWarmUp.compilingMs() - compiling) + " ms meanwhile)");
            bench.progress.advance(r + 1);
            if (RATES[r] == SingleAppendsFigure.TARGET_RATE) {
                atTarget = step;
            }
            boolean held = step.holds(SingleAppendsFigure.TARGET_P99_MS);
            if (held && allHeld) {
                highest = RATES[r];
            }
            allHeld &= held;
            if (!allHeld && RATES[r] >= SingleAppendsFigure.TARGET_RATE) {
                break;
            }
        }
        bench.progress.finish();
        return new Search(steps, atTarget, highest);
    }

    /** The target's step runs twice as long: its p99 is the judged figure. */
    private double seconds(double rate) {
        return rate == SingleAppendsFigure.TARGET_RATE ? 2 * stepSeconds : stepSeconds;
    }

    /**
     * Whether the report snapshot has folded its overlay (a fold swapped in) since this was asked
     * first, or holds no snapshot to fold: the occasional work a warm-up waits for ({@link JitWarmUp}).
     */
    static BooleanSupplier aFoldRan(ReportSnapshots snapshots) {
        long before = snapshots.statistics().folds();
        return () -> {
            SnapshotStatistics now = snapshots.statistics();
            return now.versions() == 0 || now.folds() > before;
        };
    }
}
