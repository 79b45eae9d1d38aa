package org.agreementledger.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.Source;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/** Concurrent clients of the single-append figures (the suite's and ChainAB's), and what they send. */
final class Clients {

    interface Step {
        void run(int client, int i) throws Exception;
    }

    private Clients() {
    }

    /** Runs {@code perClient} steps on each of {@code clients} threads; the latency of every step. */
    static long[] run(int clients, int perClient, Step step) throws Exception {
        long[] nanos = new long[clients * perClient];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        long t = System.nanoTime();
                        step.run(client, i);
                        nanos[client * perClient + i] = System.nanoTime() - t;
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return nanos;
    }

    /** A signing of an agency of its own: {@code kind}, the client and the step name it. */
    static SignAgreement signing(Source source, String kind, int client, int i) {
        return new SignAgreement(UsState.TX, kind + " " + client + " Agency " + i, "Bench County",
                "County", SupportModel.values()[i % SupportModel.values().length],
                LocalDate.of(2024, 1, 1).plusDays(i % 300), null, null, LocalDate.of(2025, 1, 1), source);
    }
}
