package org.agreementledger.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application JVM killed with SIGKILL while 8 clients stream 10,000 signings at it over HTTP.
 * Restarted on the same data directory (the PostgreSQL it left running is stopped at start-up),
 * the store holds every signing acknowledged to a client, nothing twice, and every stored signing
 * whole (its row in the importer's table written in the same transaction); the unanswered ones are
 * there whole or not at all. The reports catch up with the store, and the clients then finish the
 * stream on the restarted ledger: exactly 10,000 agreements, each once.
 */
@Tag("reliability")
class ApplicationKilledDuringAppendsIT {

    private static final String PREFIX = "Killed";
    private static final int APPENDS = Integer.getInteger("ledger.kill.appends", 10_000);
    private static final int CLIENTS = 8;
    private static final Duration STREAM_LIMIT = Duration.ofMinutes(4);

    @TempDir
    Path work;

    /** What the clients know: acknowledged (201), refused, and sent without an answer. */
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> refused = new ConcurrentHashMap<>();

    @Test
    void everyAcknowledgedAppendSurvivesAndNothingIsHalfApplied() throws Exception {
        Path dataDir = work.resolve("ledger-data");
        Path log = work.resolve("ledger.log");
        LedgerServer first = LedgerServer.start(dataDir, null, log, Map.of());
        long postmasterBefore = postmasterPid(dataDir);
        int killAt = APPENDS * 3 / 10;

        AtomicInteger next = new AtomicInteger();
        stream(first, next, () -> {
            if (acknowledged.size() >= killAt) {
                first.kill();
                return true;
            }
            return false;
        });
        assertThat(first.alive()).isFalse();
        assertThat(ProcessHandle.of(postmasterBefore).map(ProcessHandle::isAlive)).as("PostgreSQL outlived its JVM")
                .contains(true);
        int sentBeforeKill = next.get();
        System.out.printf("killed after %d acknowledged of %d sent; %d unanswered%n", acknowledged.size(),
                sentBeforeKill, unanswered.size());
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(killAt);

        LedgerServer second = LedgerServer.start(dataDir, null, log, Map.of());
        try {
            assertThat(ProcessHandle.of(postmasterBefore).map(ProcessHandle::isAlive).orElse(false))
                    .as("the orphaned PostgreSQL was stopped").isFalse();
            Set<String> stored = assertStoreIsWhole(dataDir);
            assertThat(stored).as("every acknowledged signing is stored").containsAll(acknowledged);
            Set<String> sent = new HashSet<>(acknowledged);
            sent.addAll(unanswered);
            assertThat(sent).as("nothing stored that no client sent").containsAll(stored);
            System.out.printf("after the restart the store holds %d signings: %d acknowledged, %d of %d unanswered%n",
                    stored.size(), acknowledged.size(), stored.size() - acknowledged.size(), unanswered.size());
            Clients.awaitCountedAgreements(second, stored.size(), Duration.ofSeconds(120));

            // the clients finish the stream: the unanswered ones again (stored ones answer 409), then the rest
            List<Integer> retry = new ArrayList<>();
            for (int i = 0; i < sentBeforeKill; i++) {
                if (unanswered.contains(Clients.agreementId(PREFIX, i))) {
                    retry.add(i);
                }
            }
            unanswered.clear();
            HttpClient client = Clients.http();
            for (int i : retry) {
                int status = Clients.sign(client, second.uri("/api/agreements"), PREFIX, i);
                assertThat(status).as("retry of %d", i).isIn(201, 409);
                acknowledged.add(Clients.agreementId(PREFIX, i));
            }
            long resumed = System.nanoTime();
            int before = acknowledged.size();
            stream(second, next, () -> false);
            double seconds = (System.nanoTime() - resumed) / 1e9;
            System.out.printf("after the restart %d signings acknowledged in %.1f s: %.0f appends/s from %d clients%n",
                    acknowledged.size() - before, seconds, (acknowledged.size() - before) / seconds, CLIENTS);
            assertThat(unanswered).isEmpty();
            assertThat(refused).as("appends refused (status by index)").isEmpty();

            Set<String> all = assertStoreIsWhole(dataDir);
            assertThat(all).hasSize(APPENDS).isEqualTo(acknowledged);
            Clients.awaitCountedAgreements(second, APPENDS, Duration.ofSeconds(120));
        } finally {
            second.stop();
        }
    }

    /**
     * 8 clients take the next index until {@link #APPENDS} are sent, the server stops answering, or
     * the time limit passes. {@code killer} is asked after each acknowledgement.
     */
    private void stream(LedgerServer server, AtomicInteger next, java.util.function.BooleanSupplier killer)
            throws Exception {
        URI agreements = server.uri("/api/agreements");
        AtomicBoolean down = new AtomicBoolean();
        Instant deadline = Instant.now().plus(STREAM_LIMIT);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                HttpClient client = Clients.http();
                while (!down.get() && Instant.now().isBefore(deadline)) {
                    int i = next.getAndIncrement();
                    if (i >= APPENDS) {
                        return null;
                    }
                    String id = Clients.agreementId(PREFIX, i);
                    try {
                        int status = Clients.sign(client, agreements, PREFIX, i);
                        if (status == 201) {
                            acknowledged.add(id);
                            if (killer.getAsBoolean()) {
                                down.set(true);
                            }
                        } else {
                            refused.put(i, status);
                        }
                    } catch (IOException e) {
                        unanswered.add(id);
                        down.set(true);
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> client : clients) {
            client.get();
        }
        assertThat(Instant.now()).as("the stream ended within its time limit").isBefore(deadline);
    }

    /**
     * Reads the store with SQL: no (aggregate, sequence) twice, one signing per agreement, and the
     * importer's table holding exactly the stored agreements (written in the same transaction).
     */
    private static Set<String> assertStoreIsWhole(Path dataDir) throws SQLException, IOException {
        try (Connection db = connect(dataDir)) {
            assertThat(longOf(db, "select count(*) from (select 1 from domainevententry group by aggregateidentifier,"
                    + " sequencenumber having count(*) > 1) d")).as("duplicated events").isZero();
            Set<String> signed = idsOf(db, "select aggregateidentifier from domainevententry"
                    + " where payloadtype like '%AgreementSigned' and aggregateidentifier like 'TX-killed-agency-%'");
            assertThat(longOf(db, "select count(*) from domainevententry where aggregateidentifier like"
                    + " 'TX-killed-agency-%'")).as("events of the stream: one signing each").isEqualTo(signed.size());
            assertThat(idsOf(db, "select agreement_id from current_agreement where agreement_id like"
                    + " 'TX-killed-agency-%'")).as("current_agreement rows: the stored signings, no more")
                    .isEqualTo(signed);
            return signed;
        }
    }

    private static Connection connect(Path dataDir) throws SQLException, IOException {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/postgres",
                "postgres", "");
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
    }

    private static long longOf(Connection db, String sql) throws SQLException {
        try (ResultSet result = db.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Set<String> idsOf(Connection db, String sql) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (ResultSet result = db.createStatement().executeQuery(sql)) {
            while (result.next()) {
                assertThat(ids.add(result.getString(1))).as("%s listed once", result.getString(1)).isTrue();
            }
        }
        return ids;
    }
}
