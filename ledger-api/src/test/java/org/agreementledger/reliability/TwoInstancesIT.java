package org.agreementledger.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two application instances (two processes, two ports) on one PostgreSQL. Both answer reports;
 * signings sent to both at once interleave with none lost or stored twice, and a signing raced on
 * both gives one success and one conflict; the report processor's two segments are split between
 * the instances through their token claims; when one instance is killed, the other takes its
 * segment over once the claim times out, and its reports then include every event.
 */
@Tag("reliability")
class TwoInstancesIT {

    private static final String PREFIX = "Shared";
    private static final int APPENDS = Integer.getInteger("ledger.two.appends", 2_000);
    private static final int RACES = 50;
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);
    private static final Map<String, String> SETTINGS = Map.of(
            "axon.eventhandling.tokenstore.claim-timeout", CLAIM_TIMEOUT.toSeconds() + "s",
            "axon.eventhandling.processors.agreement-reports.token-claim-interval", "1000",
            "ledger.reports.balance-every", "1s");

    @TempDir
    Path work;

    @Test
    void twoInstancesShareTheStoreAndTheProjectionWork() throws Exception {
        try (CrashablePostgres postgres = CrashablePostgres.start(work.resolve("postgres"))) {
            try (Connection admin = DriverManager.getConnection(postgres.url(), "postgres", "")) {
                admin.createStatement().execute("create database shared");
            }
            String url = postgres.url("shared");
            LedgerServer a = LedgerServer.start(null, url, work.resolve("a.log"), SETTINGS);
            LedgerServer b = null;
            try {
                b = LedgerServer.start(null, url, work.resolve("b.log"), SETTINGS);
                run(url, a, b);
            } finally {
                a.stop();
                if (b != null) {
                    b.stop();
                }
            }
        }
    }

    private void run(String url, LedgerServer a, LedgerServer b) throws Exception {
        try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
            Instant splitDeadline = Instant.now().plusSeconds(60);
            while (!owners(db).values().containsAll(List.of(a.pid(), b.pid()))) {
                assertThat(Instant.now()).as("segments split between the instances: %s", owners(db))
                        .isBefore(splitDeadline);
                CrashablePostgres.pause(Duration.ofMillis(200));
            }
            System.out.println("segments split: " + owners(db) + " (a=" + a.pid() + ", b=" + b.pid() + ")");

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger conflicts = new AtomicInteger();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            appendThroughBoth(a, b, acknowledged, conflicts, failures);
            assertThat(failures).as("failed appends").isEmpty();
            assertThat(conflicts.get()).as("conflicts: one per raced signing").isEqualTo(RACES);
            assertThat(acknowledged).hasSize(APPENDS + RACES);
            assertThat(storedSignings(db)).as("stored signings").isEqualTo(acknowledged);
            assertThat(owners(db).values()).as("both still hold a segment").contains(a.pid(), b.pid());
            Clients.awaitCountedAgreements(a, APPENDS + RACES, Duration.ofSeconds(60));
            Clients.awaitCountedAgreements(b, APPENDS + RACES, Duration.ofSeconds(60));

            Instant killed = Instant.now();
            a.kill();
            Instant takeoverDeadline = killed.plus(CLAIM_TIMEOUT).plusSeconds(15);
            while (!Set.copyOf(owners(db).values()).equals(Set.of(b.pid()))) {
                assertThat(Instant.now()).as("instance b took every segment over: %s", owners(db))
                        .isBefore(takeoverDeadline);
                CrashablePostgres.pause(Duration.ofMillis(100));
            }
            Duration takeover = Duration.between(killed, Instant.now());
            System.out.printf("segments taken over %d ms after the kill (claim timeout %d s)%n", takeover.toMillis(),
                    CLAIM_TIMEOUT.toSeconds());
            assertThat(takeover).as("not before the dead claims timed out").isGreaterThanOrEqualTo(
                    CLAIM_TIMEOUT.minusSeconds(1));
            assertThat(takeover).as("within the claim timeout and two claim intervals")
                    .isLessThanOrEqualTo(CLAIM_TIMEOUT.plusSeconds(4));

            HttpClient client = Clients.http();
            for (int i = APPENDS + RACES; i < APPENDS + RACES + 100; i++) {
                assertThat(Clients.sign(client, b.uri("/api/agreements"), PREFIX, i)).isEqualTo(201);
                acknowledged.add(Clients.agreementId(PREFIX, i));
            }
            assertThat(storedSignings(db)).isEqualTo(acknowledged);
            Clients.awaitCountedAgreements(b, APPENDS + RACES + 100, Duration.ofSeconds(60));
        }
    }

    /**
     * 8 clients, 4 on each instance, take the next index; every 40th index is also sent to the
     * other instance at the same moment (a race: one success, one conflict).
     */
    private void appendThroughBoth(LedgerServer a, LedgerServer b, Set<String> acknowledged, AtomicInteger conflicts,
                                   List<String> failures) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger racesLeft = new AtomicInteger(RACES);
        Instant deadline = Instant.now().plusSeconds(180);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            LedgerServer mine = c % 2 == 0 ? a : b;
            LedgerServer other = c % 2 == 0 ? b : a;
            clients.add(pool.submit(() -> {
                HttpClient client = Clients.http();
                while (Instant.now().isBefore(deadline)) {
                    int i = next.getAndIncrement();
                    if (i >= APPENDS + RACES) {
                        return null;
                    }
                    if (i % 40 == 0 && racesLeft.getAndDecrement() > 0) {
                        race(i, mine, other, acknowledged, conflicts, failures);
                        continue;
                    }
                    record(i, send(client, mine, i), acknowledged, conflicts, failures);
                }
                failures.add("time limit");
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
    }

    private void race(int i, LedgerServer one, LedgerServer other, Set<String> acknowledged, AtomicInteger conflicts,
                      List<String> failures) throws Exception {
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> send(Clients.http(), one, i));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> send(Clients.http(), other, i));
        List<Integer> statuses = List.of(first.get(), second.get());
        if (!statuses.containsAll(List.of(201, 409))) {
            failures.add("race " + i + " answered " + statuses);
        }
        statuses.forEach(status -> record(i, status, acknowledged, conflicts, failures));
    }

    private static int send(HttpClient client, LedgerServer server, int i) {
        try {
            return Clients.sign(client, server.uri("/api/agreements"), PREFIX, i);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void record(int i, int status, Set<String> acknowledged, AtomicInteger conflicts,
                               List<String> failures) {
        if (status == 201) {
            if (!acknowledged.add(Clients.agreementId(PREFIX, i))) {
                failures.add(i + " acknowledged twice");
            }
        } else if (status == 409) {
            conflicts.incrementAndGet();
        } else {
            failures.add(i + " answered " + status);
        }
    }

    /** Segment → the pid of the instance holding its claim (Axon's owner is "pid@host"). */
    private static Map<Integer, Long> owners(Connection db) throws SQLException {
        Map<Integer, Long> owners = new HashMap<>();
        try (ResultSet rows = db.createStatement().executeQuery("select segment, owner from tokenentry"
                + " where processorname = 'agreement-reports' order by segment")) {
            while (rows.next()) {
                String owner = rows.getString(2);
                owners.put(rows.getInt(1), owner == null ? -1L : Long.parseLong(owner.substring(0, owner.indexOf('@'))));
            }
        }
        return owners;
    }

    private static Set<String> storedSignings(Connection db) throws SQLException {
        try (ResultSet duplicates = db.createStatement().executeQuery("select count(*) from (select 1 from"
                + " domainevententry group by aggregateidentifier, sequencenumber having count(*) > 1) d")) {
            duplicates.next();
            assertThat(duplicates.getLong(1)).as("events stored twice").isZero();
        }
        Set<String> ids = new HashSet<>();
        try (ResultSet rows = db.createStatement().executeQuery("select aggregateidentifier from domainevententry"
                + " where payloadtype like '%AgreementSigned'")) {
            while (rows.next()) {
                assertThat(ids.add(rows.getString(1))).isTrue();
            }
        }
        return ids;
    }
}
