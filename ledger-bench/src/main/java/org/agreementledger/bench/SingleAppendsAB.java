package org.agreementledger.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.agreementledger.LedgerApplication;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.Source;
import org.agreementledger.api.SourceKind;
import org.agreementledger.demo.DemoHistory;
import org.agreementledger.importing.app.AtomicAppender;
import org.agreementledger.progress.Progress;
import org.agreementledger.progress.TerminalProgress;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.reporting.ReportSnapshots;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On demand, not part of {@code bench/run}: single appends under the open-loop load of the suite's
 * phase, for configurations of the command path side by side, alternating, so a loaded machine loads
 * them alike (issue 18). Each variant is a list of application arguments ({@code --key=value ...},
 * separated by {@code |}; {@code -} for none); each round starts a fresh ledger per variant, warms it
 * up until the JIT has settled, runs one step at each rate under the stage profile and prints the step
 * and the CPU per append.
 * An argument {@code sql:wait-at-commit} is no application argument: once the ledger has started it
 * puts back the chain's linking as it was before V32 (every commit waits for the chain's lock and
 * links its own events, V30's work in V32's functions), the A/B of linking per commit group; and
 * {@code sql:no-chain} switches the chain's triggers off, for what the chain costs at all.
 * With {@code --ledger.db.embedded-settings[shared_preload_libraries]=pg_stat_statements} (and
 * {@code --ledger.db.embedded-settings[pg_stat_statements.track]=all} for the statements inside
 * functions and triggers, {@code ...[pg_stat_statements.track_planning]=on} for how often each was
 * planned) each step also prints the statements an append cost ({@link Statements}).
 * With {@code -Dab.preload=N -Dab.template=DIR} each ledger starts as a copy of DIR, a ledger of the demo
 * history of N agreements made there once (the appends at the suite's sizes, without its 18 minutes
 * before them); every ledger loads its report snapshot before the warm-up, as a server does at its
 * first report, so the snapshot's applying and folding are in the steps ({@code -Dab.snapshot=false}
 * leaves it unloaded). With {@code -Dab.waits=true} each step also prints what its slow requests waited
 * for outside the JVM ({@link ServerWaits}).
 * <pre>
 * java -cp ... org.agreementledger.bench.SingleAppendsAB ROUNDS SECONDS RATE[,RATE...] VARIANT...
 * </pre>
 */
public final class SingleAppendsAB {

    /**
     * At most this many seconds of appends at the first step's rate before the steps, in 10 s chunks
     * until the JIT has settled and the report snapshot has folded ({@link JitWarmUp};
     * {@code -Dab.warmUpSeconds}, default 150).
     */
    private static final double WARM_UP_SECONDS = Double.parseDouble(System.getProperty("ab.warmUpSeconds", "150"));

    /** V32's ledger_chain_link_noted with the lock waited for and nothing left pending, as V30/V31 linked. */
    static final String WAIT_AT_COMMIT = """
            create or replace function ledger_chain_link_noted() returns boolean language plpgsql as $$
            declare
                noted text := current_setting('ledger.chain_noted', true);
                expected bigint := nullif(current_setting('ledger.chain_noted_count', true), '')::bigint;
                unchanged text; runs int8range[]; made record;
            begin
                unchanged := set_config('ledger.chain_link_queued', '', true);
                if noted is null or noted = '' then return false; end if;
                unchanged := set_config('ledger.chain_noted', '', true);
                unchanged := set_config('ledger.chain_noted_count', '', true);
                unchanged := set_config('ledger.chain_noted_last', '', true);
                runs := array(select int8range(split_part(r, ':', 1)::bigint, split_part(r, ':', 2)::bigint, '[]')
                              from unnest(string_to_array(noted, ',')) with ordinality as u(r, n) order by u.n);
                select * into made from ledger_chain_run_bodies(runs, false);
                if cardinality(made.indexes) <> expected then raise exception 'count'; end if;
                perform pg_advisory_xact_lock(5495873993171944264);
                perform ledger_chain_link_bodies(made.indexes, made.bodies);
                return true;
            end $$""";

    private static final long PRELOAD = Long.parseLong(System.getProperty("ab.preload", "0"));
    private static final String TEMPLATE = System.getProperty("ab.template");
    /** Whether each step runs under JFR for its stages ({@code -Dab.profile}); its start sets the JIT compiling. */
    private static final boolean PROFILE = Boolean.parseBoolean(System.getProperty("ab.profile", "true"));
    /** A directory the server's log directory (with {@code logging_collector} on) is copied to before the ledger goes. */
    private static final String PG_LOG = System.getProperty("ab.pgLog");
    /** With {@code -Dab.waits=true}: what the requests slower than this ({@code -Dab.waitsSlowMs}, 20) waited for. */
    private static final long WAITS_SLOW_NANOS = Math.round(
            Double.parseDouble(System.getProperty("ab.waitsSlowMs", "20")) * 1e6);
    private static final boolean SNAPSHOT = Boolean.parseBoolean(System.getProperty("ab.snapshot", "true"));

    private SingleAppendsAB() {
    }

    public static void main(String[] args) throws Exception {
        try {
            int rounds = Integer.parseInt(args[0]);
            double seconds = Double.parseDouble(args[1]);
            List<Double> rates = new ArrayList<>();
            for (String rate : args[2].split(",")) {
                rates.add(Double.parseDouble(rate));
            }
            if (TEMPLATE != null) {
                makeTemplate(Path.of(TEMPLATE), PRELOAD);
            }
            for (int round = 1; round <= rounds; round++) {
                for (int v = 3; v < args.length; v++) {
                    measure(round, args[v], seconds, rates);
                }
            }
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            System.exit(0);
        }
    }

    private static void measure(int round, String variant, double seconds, List<Double> rates) throws Exception {
        Path dir = Files.createTempDirectory("ledger-single-ab-");
        if (TEMPLATE != null) {
            copy(Path.of(TEMPLATE), dir);
        }
        List<String> arguments = new ArrayList<>(List.of("--ledger.db.data-dir=" + dir,
                "--spring.main.banner-mode=off", "--logging.level.root=warn", "--logging.level.org.agreementledger=warn",
                "--logging.level.org.axonframework=warn"));
        List<String> sql = new ArrayList<>();
        if (!"-".equals(variant)) {
            for (String argument : variant.split("\\|")) {
                if (argument.equals("sql:wait-at-commit")) {
                    sql.add(WAIT_AT_COMMIT);
                } else if (argument.equals("sql:no-chain")) {
                    sql.add("alter table domainevententry disable trigger domainevententry_chain");
                    sql.add("alter table domainevententry disable trigger domainevententry_chain_at_commit");
                } else if (argument.startsWith("sql:")) {
                    throw new IllegalArgumentException("unknown variant " + argument
                            + ": sql:wait-at-commit and sql:no-chain are known");
                } else {
                    arguments.add(argument);
                }
            }
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(arguments.toArray(String[]::new))) {
            sql.forEach(context.getBean(JdbcTemplate.class)::execute);
            if (SNAPSHOT && !context.getBean(AgreementReports.class).awaitSnapshot(Duration.ofMinutes(10))) {
                throw new IllegalStateException("the report snapshot did not load");
            }
            AgreementLedger ledger = context.getBean(AgreementLedger.class);
            AcknowledgedWrites writes = context.getBean(AcknowledgedWrites.class);
            ReportProcessor reports = context.getBean(ReportProcessor.class);
            Source source = new Source(SourceKind.SYNTHETIC, "Benchmark single appends, not real data", null, null,
                    null, null);
            int[] step = {0};
            WriteTimes times = new WriteTimes();
            OpenLoop.Request append = (client, i) -> times.append(writes, () -> ledger.sign(
                    Clients.signing(source, "AB Step " + step[0], client, i)));
            step[0]++;
            long postmaster = StageProfile.parentOf(context.getBean(JdbcTemplate.class)
                    .queryForObject("select pg_backend_pid()", Long.class));
            // the warm-up starts under a profile of its own: after a settled warm-up, three profiled 10 s
            // steps at 150/s held 33, 21 and 11 s of the JIT's compiling (JFR's start and the reading of
            // its recording have code of their own); with this chunk first, 13.9, 3.1 and 1.5 s. Both
            // measured while the warm-up re-signed its first chunk's agreements (fixed since, JitWarmUp),
            // which set the JIT compiling at a step's start by itself: JFR's part is not measured again
            StageProfile first = new StageProfile(postmaster);
            first.start(Duration.ofMillis(10));
            first.stop(OpenLoop.run(SingleAppendsPhase.CLIENTS, 200, 10, append).sent());
            step[0]++; // the warm-up signs agreements of its own
            // at the first step's rate, as the suite warms up at its target's: settled at 200/s, the
            // first 500/s step still compiled for seconds
            JitWarmUp.Result warmUp = JitWarmUp.run(append, SingleAppendsPhase.CLIENTS, rates.get(0), 10,
                    Math.min(10, WARM_UP_SECONDS), WARM_UP_SECONDS,
                    SingleAppendsPhase.aFoldRan(context.getBean(ReportSnapshots.class)), () -> { });
            System.out.printf("round %d variant [%s] %s (after 10 s profiled)%n", round, variant, warmUp);
            for (double rate : rates) {
                reports.awaitCaughtUp(Duration.ofMinutes(5));
                step[0]++;
                long pendingBefore = pendingRecorded(context);
                StageProfile profile = new StageProfile(postmaster);
                profile.start(PROFILE ? Duration.ofMillis(10) : null);
                long compiling = JitWarmUp.compilingMs();
                long[] gcBefore = collections();
                times.split(); // the warm-up's, or the last step's
                // the JVM's uptime, as its GC and compilation logs time their lines
                System.out.printf("round %d variant [%s] %.0f/s step begins at uptime %.3f s%n", round, variant, rate,
                        ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
                Statements statements = Statements.ifLoaded(context.getBean(JdbcTemplate.class));
                ServerWaits waits = ServerWaits.startIfAsked(postmaster, context.getBean(JdbcTemplate.class));
                String[] waited = {null};
                OpenLoop.Step result = OpenLoop.run(SingleAppendsPhase.CLIENTS, rate, seconds, append,
                        (start, interval, latencies) -> waited[0] = waits == null ? null
                                : waits.report(latencies.length, start, interval, latencies, WAITS_SLOW_NANOS));
                compiling = JitWarmUp.compilingMs() - compiling;
                long[] gc = collections();
                StageProfile.Profile cpu = profile.stop(result.sent());
                System.out.printf("round %d variant [%s] %.0f/s offered: %.0f/s achieved, p50 %.2f ms, p99 %.2f ms,"
                                + " max %.2f ms, %d errors; CPU ms an append: JVM %.3f, PostgreSQL %.3f; commits left"
                                + " pending %d; JIT compiling %d ms; GC pauses %d, %d ms; load %s%n",
                        round, variant, rate, result.achievedPerSecond(), result.p50Ms(), result.p99Ms(),
                        result.maxMs(), result.errors(), cpu.jvmCpuMsPerCommand(), cpu.postgresCpuMsPerCommand(),
                        pendingRecorded(context) - pendingBefore, compiling, gc[0] - gcBefore[0], gc[1] - gcBefore[1],
                        BenchMain.loadAverage());
                System.out.printf("    %s%n", times.split());
                if (waited[0] != null) {
                    System.out.println(waited[0]);
                }
                statements.print(result.sent());
                for (StageProfile.Stage stage : cpu.stages()) {
                    System.out.printf("    %-60s %.3f ms (%.0f%%)%n", stage.name(), stage.jvmCpuMsPerCommand(),
                            100 * stage.share());
                }
            }
        } finally {
            if (PG_LOG != null && Files.isDirectory(dir.resolve("postgres/log"))) {
                Path to = Path.of(PG_LOG, "round-" + round + "-" + Math.abs(variant.hashCode()));
                Files.createDirectories(to);
                copy(dir.resolve("postgres/log"), to);
            }
            Bench.delete(List.of(dir));
        }
    }

    /** Collections so far, and the milliseconds they took, over the JVM's collectors. */
    private static long[] collections() {
        long[] sum = new long[2];
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum[0] += Math.max(0, collector.getCollectionCount());
            sum[1] += Math.max(0, collector.getCollectionTime());
        }
        return sum;
    }

    /** A ledger of the demo history of {@code agreements} in {@code dir}, made once (a marker file says it is whole). */
    private static void makeTemplate(Path dir, long agreements) throws Exception {
        Path made = dir.resolve("ab-template-" + agreements);
        if (Files.exists(made)) {
            return;
        }
        Bench.delete(List.of(dir)); // a template left half made
        Files.createDirectories(dir);
        try (ConfigurableApplicationContext context = Bench.startLedger(dir)) {
            DemoHistory history = DemoHistory.of(1, agreements);
            AtomicAppender appender = context.getBean(AtomicAppender.class);
            Progress progress = TerminalProgress.onStderr(new PrintWriter(System.err, true));
            progress.start("template: the demo history of " + agreements + " agreements", history.size());
            AppendPhase.appendInBatches(appender, history, "template", progress, took -> { });
            progress.finish();
            context.getBean(ReportProcessor.class).awaitCaughtUp(Duration.ofMinutes(30));
            context.getBean(JdbcTemplate.class).execute("vacuum (analyze)");
        }
        Files.createFile(made);
    }

    /** cp -a: PostgreSQL starts only on a data directory of mode 0700, which a copy must keep. */
    private static void copy(Path from, Path to) throws IOException, InterruptedException {
        Process cp = new ProcessBuilder("cp", "-a", from + "/.", to.toString()).inheritIO().start();
        if (cp.waitFor() != 0) {
            throw new IOException("cp -a " + from + " " + to + " failed");
        }
    }

    /** The statements a step ran, per append, by pg_stat_statements, when the server has it loaded. */
    private record Statements(JdbcTemplate jdbc) {

        private static final String TOP = """
                select calls, plans, total_plan_time, total_exec_time, rows,
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
                from pg_stat_statements order by calls desc, total_exec_time desc limit 30""";

        static Statements ifLoaded(JdbcTemplate jdbc) {
            String preloaded = jdbc.queryForObject("show shared_preload_libraries", String.class);
            if (preloaded == null || !preloaded.contains("pg_stat_statements")) {
                return new Statements(null);
            }
            jdbc.execute("create extension if not exists pg_stat_statements");
            jdbc.execute("select pg_stat_statements_reset()");
            return new Statements(jdbc);
        }

        void print(int appends) {
            if (jdbc == null || appends == 0) {
                return;
            }
            System.out.println("    statements an append (calls, plans, ms planning, ms executing incl. waits, rows a call):");
            jdbc.query(TOP, row -> {
                long calls = row.getLong("calls");
                System.out.printf("    %6.3f %6.3f %7.4f %7.4f %6.2f  %s%n", (double) calls / appends,
                        (double) row.getLong("plans") / appends, row.getDouble("total_plan_time") / appends,
                        row.getDouble("total_exec_time") / appends, (double) row.getLong("rows") / Math.max(1, calls),
                        row.getString("query"));
            });
        }
    }

    /** Pending rows ever inserted (V32): commits that found the chain's lock taken. */
    private static long pendingRecorded(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        jdbc.execute("select pg_stat_force_next_flush()");
        return jdbc.queryForObject("select coalesce(sum(n_tup_ins), 0) from pg_stat_user_tables"
                + " where relname = 'ledger_chain_pending'", Long.class);
    }
}
