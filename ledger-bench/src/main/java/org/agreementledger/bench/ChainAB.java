package org.agreementledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.agreementledger.LedgerApplication;
import org.agreementledger.api.Source;
import org.agreementledger.api.SourceKind;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On demand, not part of {@code bench/run}: the chain trigger's A/B for issue 6, in one JVM on one
 * database, so a loaded machine loads both sides alike. With the classpath {@code bench/run} builds:
 * <pre>
 * java -cp ... org.agreementledger.bench.ChainAB ROUNDS PER_CLIENT CLIENTS
 *     single appends through the CommandGateway, alternating V6's link-at-insert trigger (its SQL
 *     below, with V5's IMMUTABLE layout functions), V8's link-at-commit and no chain trigger, each
 *     round beside a plain one-INSERT-a-transaction baseline, with pg_stat_activity's wait events
 *     sampled meanwhile
 * java -cp ... org.agreementledger.bench.ChainAB -ROUNDS COUNT BATCH
 *     one connection, COUNT inserts into the event table (autocommit, or BATCH-row transactions),
 *     per trigger, with pg_stat_user_functions' time per call
 * </pre>
 */
public final class ChainAB {

    static final String V6 = """
            create or replace function ledger_chain_extend_statement() returns trigger language plpgsql as $$
            declare
                tip_position bigint; tip_hash bytea; e domainevententry;
                positions bigint[] := '{}'; indexes bigint[] := '{}'; hashes bytea[] := '{}';
            begin
                if not exists (select 1 from appended_events) then return null; end if;
                perform pg_advisory_xact_lock(5495873993171944264);
                select c.position, c.hash into tip_position, tip_hash from ledger_chain c order by c.position desc limit 1;
                if not found then tip_position := 0; tip_hash := decode(repeat('00', 32), 'hex'); end if;
                for e in select * from appended_events order by globalindex loop
                    tip_position := tip_position + 1;
                    tip_hash := ledger_chain_link(tip_hash, tip_position, e);
                    positions := positions || tip_position; indexes := indexes || e.globalindex; hashes := hashes || tip_hash;
                end loop;
                insert into ledger_chain (position, globalindex, hash) select * from unnest(positions, indexes, hashes);
                return null;
            end $$;
            create trigger domainevententry_chain_v6 after insert on domainevententry
                referencing new table as appended_events for each statement execute function ledger_chain_extend_statement();
            alter table domainevententry disable trigger domainevententry_chain_v6;
            """;

    public static void main(String[] args) throws Exception {
        try {
            ab(args);
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            System.exit(0);
        }
    }

    static void ab(String[] args) throws Exception {
        int rounds = Integer.parseInt(args.length > 0 ? args[0] : "3");
        int perClient = Integer.parseInt(args.length > 1 ? args[1] : "300");
        int clients = Integer.parseInt(args.length > 2 ? args[2] : "8");
        Path dir = Files.createTempDirectory("ledger-chainab-");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run("--ledger.db.data-dir=" + dir, "--spring.main.banner-mode=off", "--logging.level.root=warn",
                        "--logging.level.org.agreementledger=warn", "--logging.level.org.axonframework=warn");
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        jdbc.execute(V6);
        String url = jdbc.execute((Connection c) -> c.getMetaData().getURL());
        String user = jdbc.execute((Connection c) -> c.getMetaData().getUserName());
        CommandGateway gateway = context.getBean(CommandGateway.class);
        Source source = new Source(SourceKind.SYNTHETIC, "A/B", null, null, null, null);
        int[] counter = {0};
        if (rounds == 0) {
            try {
                for (int a = 3; a < args.length; a++) {
                    System.out.println(args[a] + " -> " + jdbc.queryForList(args[a]));
                }
            } finally {
                context.close();
                System.exit(0);
            }
        }
        if (rounds < 0) {
            micro(jdbc, context.getBean(DataSource.class), -rounds, perClient, clients);
            context.close();
            System.exit(0);
        }
        Clients.run(8, 40, (c, i) -> gateway.sendAndWait(
                Clients.signing(source, "AB warm", c, counter[0]++ * 1000 + i)));
        for (int r = 0; r < rounds; r++) {
            List<String> order = r % 2 == 0 ? List.of("V6", "V8", "NONE") : List.of("NONE", "V8", "V6");
            for (String mode : order) {
                mode(jdbc, mode);
                int round = r;
                Sampler sampler = new Sampler(url, user);
                long t = System.nanoTime();
                long[] nanos = Clients.run(clients, perClient, (c, i) -> gateway.sendAndWait(
                        Clients.signing(source, "AB " + mode + "r" + round, c, i)));
                double s = (System.nanoTime() - t) / 1e9;
                Map<String, Integer> waits = sampler.stop();
                report("round " + r + " " + mode, nanos, s, waits);
            }
            Sampler sampler = new Sampler(url, user);
            byte[] payload = jdbc.queryForObject("select payload from domainevententry order by globalindex desc limit 1",
                    byte[].class);
            jdbc.execute("create table if not exists ab_plain (id bigserial primary key, payload bytea not null)");
            DataSource ds = context.getBean(DataSource.class);
            long t = System.nanoTime();
            long[] nanos = Clients.run(clients, perClient, (c, i) -> {
                try (Connection connection = ds.getConnection();
                     PreparedStatement insert = connection.prepareStatement("insert into ab_plain (payload) values (?)")) {
                    insert.setBytes(1, payload);
                    insert.executeUpdate();
                }
            });
            report("round " + r + " plain", nanos, (System.nanoTime() - t) / 1e9, sampler.stop());
        }
        jdbc.execute("alter table domainevententry enable trigger domainevententry_chain;"
                + " alter table domainevententry enable trigger domainevententry_chain_at_commit;"
                + " alter table domainevententry disable trigger domainevententry_chain_v6");
        Long unlinked = jdbc.queryForObject("select count(*) from domainevententry e where not exists"
                + " (select 1 from ledger_chain c where c.globalindex = e.globalindex)"
                + " and e.aggregateidentifier not ilike '%noner%'", Long.class);
        Boolean dense = jdbc.queryForObject("select count(*) = max(position) from ledger_chain", Boolean.class);
        System.out.println("unlinked events: " + unlinked + ", dense chain: " + dense);
        context.close();
        System.exit(0);
    }

    static void mode(JdbcTemplate jdbc, String mode) {
        boolean v8 = mode.equals("V8");
        boolean v6 = mode.equals("V6");
        jdbc.execute("alter table domainevententry " + (v8 ? "enable" : "disable") + " trigger domainevententry_chain;"
                + " alter table domainevententry " + (v8 ? "enable" : "disable") + " trigger domainevententry_chain_at_commit;"
                + " alter table domainevententry " + (v6 ? "enable" : "disable") + " trigger domainevententry_chain_v6;"
                // V6 ran with V5's IMMUTABLE (not inlined) layout functions
                + " alter function ledger_chain_text(text) " + (v6 ? "immutable" : "stable") + ";"
                + " alter function ledger_chain_link(bytea, bigint, domainevententry) " + (v6 ? "immutable" : "stable"));
    }

    /** One connection, autocommit single-row INSERTs into the event table: the trigger's cost per transaction. */
    static void micro(JdbcTemplate jdbc, DataSource ds, int rounds, int count, int batch) throws Exception {
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (String mode : r % 2 == 0 ? List.of("NONE", "V6", "V8") : List.of("V8", "V6", "NONE")) {
                mode(jdbc, mode);
                try (Connection c = ds.getConnection(); PreparedStatement insert = c.prepareStatement("""
                        insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                            payloadtype, payloadrevision, payload, metadata)
                        values (?, ?, 0, 'Agreement', '2025-05-16T00:00:00Z', 'org.agreementledger.api.AgreementSigned', null, ?, ?)""")) {
                    for (String sync : batch > 1 ? List.of("on") : List.of("on", "off")) {
                        try (Statement st = c.createStatement()) {
                            st.execute("set synchronous_commit = " + sync);
                            st.execute("set track_functions = 'all'");
                            st.execute("select pg_stat_reset()");
                        }
                        long[] nanos = new long[count];
                        for (int i = 0; i < count; i++) {
                            n++;
                            insert.setString(1, "micro-" + mode + "-" + r + "-" + sync + "-" + i);
                            insert.setString(2, "micro-" + mode + "-" + r + "-" + sync + "-" + i);
                            insert.setBytes(3, ("{\"agencyName\":\"Agency " + n + " Sheriff's Office\",\"state\":\"TX\","
                                    + "\"knownOn\":\"2025-05-16\",\"padding\":\"" + "x".repeat(300) + "\"}").getBytes());
                            insert.setBytes(4, "{\"traceId\":\"t\"}".getBytes());
                            long t = System.nanoTime();
                            if (batch <= 1) {
                                insert.executeUpdate();
                            } else {
                                insert.addBatch();
                                if ((i + 1) % batch == 0) {
                                    c.setAutoCommit(false);
                                    insert.executeBatch();
                                    c.commit();
                                    c.setAutoCommit(true);
                                }
                            }
                            nanos[i] = System.nanoTime() - t;
                        }
                        Arrays.sort(nanos);
                        System.out.printf("micro round %d %-4s sync %-3s  p50 %6.3f ms  mean %6.3f ms a row%n", r, mode, sync,
                                nanos[count / 2] / 1e6, Arrays.stream(nanos).average().orElse(0) / 1e6);
                        try (Statement st = c.createStatement()) {
                            st.execute("select pg_stat_force_next_flush()");
                            st.execute("select 1");
                            try (ResultSet rows = st.executeQuery("select funcname, calls, round((total_time / nullif(calls, 0))::numeric, 4),"
                                    + " round((self_time / nullif(calls, 0))::numeric, 4) from pg_stat_user_functions order by funcname")) {
                                while (rows.next()) {
                                    System.out.printf("      %-28s calls %6d  total/call %s ms  self/call %s ms%n",
                                            rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4));
                                }
                            }
                        }
                    }
                    try (Statement st = c.createStatement()) {
                        st.execute("set synchronous_commit = on");
                    }
                }
            }
        }
        mode(jdbc, "V8");
    }

    static void report(String name, long[] nanos, double seconds, Map<String, Integer> waits) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-14s %6.0f/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms  waits %s%n", name,
                nanos.length / seconds, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6, waits);
    }

    /** What the ledger's backends (not this sampler) are doing, every 2 ms. */
    static final class Sampler {
        final AtomicBoolean running = new AtomicBoolean(true);
        final Map<String, Integer> counts = new TreeMap<>();
        final Thread thread;

        Sampler(String url, String user) {
            thread = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, user, "");
                     Statement s = c.createStatement()) {
                    while (running.get()) {
                        try (ResultSet rows = s.executeQuery("select coalesce(wait_event_type, 'CPU') || ':' ||"
                                + " coalesce(wait_event, state) from pg_stat_activity where backend_type = 'client backend'"
                                + " and pid <> pg_backend_pid() and state <> 'idle'")) {
                            while (rows.next()) {
                                counts.merge(rows.getString(1), 1, Integer::sum);
                            }
                        }
                        Thread.sleep(2);
                    }
                } catch (Exception e) {
                    counts.put("sampler failed: " + e, 1);
                }
            });
            thread.start();
        }

        Map<String, Integer> stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return counts;
        }
    }
}
